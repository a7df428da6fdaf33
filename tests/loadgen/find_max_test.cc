#include "loadgen/find_max.h"

#include <vector>

#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

// A system that meets its SLOs up to `capacity` actions/s.
TrialFn CapacityOf(double capacity, std::vector<double>* tried) {
  return [=](double rps, bool*) {
    tried->push_back(rps);
    FindMaxTrial t;
    t.passed = rps <= capacity;
    return t;
  };
}

TEST(FindMaxTest, DoublesThenBisectsToWithinThePrecision) {
  std::vector<double> tried;
  FindMaxOptions o;
  o.start_rps = 100;
  o.precision = 0.05;
  const FindMaxResult r = FindMaxRate(o, CapacityOf(1234, &tried));
  ASSERT_TRUE(r.found);
  EXPECT_LE(r.max_rps, 1234);
  EXPECT_GE(r.max_rps, 1234 / 1.05);
  ASSERT_GE(tried.size(), 6u);
  EXPECT_EQ(std::vector<double>(tried.begin(), tried.begin() + 6),
            (std::vector<double>{100, 200, 400, 800, 1600, 1200}));
  EXPECT_EQ(r.trials.size(), tried.size());
}

TEST(FindMaxTest, HalvesWhenTheStartingRateFails) {
  std::vector<double> tried;
  FindMaxOptions o;
  o.start_rps = 1000;
  const FindMaxResult r = FindMaxRate(o, CapacityOf(300, &tried));
  ASSERT_TRUE(r.found);
  EXPECT_EQ(std::vector<double>(tried.begin(), tried.begin() + 3), (std::vector<double>{1000, 500, 250}));
  EXPECT_LE(r.max_rps, 300);
  EXPECT_GE(r.max_rps, 300 / 1.05);
}

TEST(FindMaxTest, ReportsNothingFoundWhenEveryRateFails) {
  std::vector<double> tried;
  FindMaxOptions o;
  o.start_rps = 10;
  o.min_rps = 1;
  const FindMaxResult r = FindMaxRate(o, CapacityOf(0.5, &tried));
  EXPECT_FALSE(r.found);
  EXPECT_EQ(r.max_rps, 0);
  EXPECT_EQ(tried, (std::vector<double>{10, 5, 2.5, 1.25}));
}

TEST(FindMaxTest, StopsAtTheLimit) {
  std::vector<double> tried;
  FindMaxOptions o;
  o.start_rps = 100;
  o.limit_rps = 500;
  const FindMaxResult r = FindMaxRate(o, CapacityOf(1e9, &tried));
  EXPECT_TRUE(r.hit_limit);
  EXPECT_EQ(r.max_rps, 500);
  EXPECT_EQ(tried, (std::vector<double>{100, 200, 400, 500}));
}

TEST(FindMaxTest, AnInterruptEndsTheSearchKeepingCompletedTrials) {
  int calls = 0;
  const FindMaxResult r = FindMaxRate(FindMaxOptions{}, [&](double rps, bool* stop) {
    FindMaxTrial t;
    t.passed = true;
    if (++calls == 3) *stop = true;
    return t;
  });
  EXPECT_TRUE(r.interrupted);
  EXPECT_EQ(r.trials.size(), 2u);
  EXPECT_TRUE(r.found);
  EXPECT_EQ(r.max_rps, 100);  // 50, 100 passed; the third was interrupted
}

}  // namespace
}  // namespace nethical::loadgen
