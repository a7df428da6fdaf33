#include "engine/base/shortest_double.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace nethical {
namespace {

std::string Shortest(double v) {
  char buf[kShortestDoubleMaxBytes];
  return std::string(buf, WriteShortestDouble(v, buf));
}

std::string ToChars(double v) {
  char buf[64];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

TEST(ShortestDoubleTest, WritesTheShortestTextThatReadsBack) {
  EXPECT_EQ(Shortest(0.25), "0.25");
  EXPECT_EQ(Shortest(1.0), "1");
  EXPECT_EQ(Shortest(1e-7), "1e-07");
  EXPECT_EQ(Shortest(1.0 / 3), "0.3333333333333333");
  EXPECT_EQ(Shortest(0.1 + 0.2), "0.30000000000000004");
}

TEST(ShortestDoubleTest, ARepeatedValueReadsTheSameAsItsFirstWriting) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Shortest(0.0625), "0.0625");
}

TEST(ShortestDoubleTest, ZeroAndNegativeZeroKeepTheirSigns) {
  EXPECT_EQ(Shortest(0.0), "0");
  EXPECT_EQ(Shortest(-0.0), "-0");
  EXPECT_EQ(Shortest(0.0), "0");
}

TEST(ShortestDoubleTest, TheLongestTextFitsTheBuffer) {
  const double v = -std::numeric_limits<double>::min();  // -2.2250738585072014e-308
  EXPECT_EQ(Shortest(v), "-2.2250738585072014e-308");
  EXPECT_EQ(Shortest(v).size(), static_cast<size_t>(kShortestDoubleMaxBytes));
}

TEST(ShortestDoubleTest, InfinitiesAndNanAreWrittenAsToCharsWritesThem) {
  EXPECT_EQ(Shortest(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(Shortest(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(Shortest(std::numeric_limits<double>::quiet_NaN()),
            ToChars(std::numeric_limits<double>::quiet_NaN()));
}

// Many more values than the table has entries, each written several times
// in an interleaved order: every writing, from the table or not, equals
// std::to_chars, whichever values share a slot.
TEST(ShortestDoubleTest, RandomValuesWrittenRepeatedlyAllMatchToChars) {
  std::mt19937_64 rng(20261207);
  std::vector<double> values;
  for (int i = 0; i < 2000; ++i) values.push_back(std::bit_cast<double>(rng()));  // any bits, any exponent
  std::uniform_real_distribution<double> unit(0, 1);
  for (int i = 0; i < 2000; ++i) values.push_back(unit(rng));
  for (int i = 0; i < 64; ++i) values.push_back(i / 64.0);  // short decimals
  std::uniform_int_distribution<size_t> pick(0, values.size() - 1);
  for (int i = 0; i < 50000; ++i) {
    const double v = values[pick(rng)];
    ASSERT_EQ(Shortest(v), ToChars(v)) << std::bit_cast<uint64_t>(v);
  }
}

TEST(ShortestDoubleTest, ThreadsWritingTheSameValuesEachGetToCharsText) {
  auto run = [](uint64_t seed, int* mismatches) {
    std::mt19937_64 rng(seed);
    for (int i = 0; i < 20000; ++i) {
      const double v = static_cast<double>(rng() % 512) / 7.0;
      if (Shortest(v) != ToChars(v)) ++*mismatches;
    }
  };
  int a = 0, b = 0;
  std::thread t1(run, 1, &a), t2(run, 2, &b);
  t1.join();
  t2.join();
  EXPECT_EQ(a, 0);
  EXPECT_EQ(b, 0);
}

}  // namespace
}  // namespace nethical
