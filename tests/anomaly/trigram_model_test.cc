#include "engine/anomaly/trigram_model.h"

#include <cmath>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace nethical::anomaly {
namespace {

const int kA = TrigramId(ActionType::kQuery, ActionType::kQuery, ActionType::kQuery);
const int kB = TrigramId(ActionType::kQuery, ActionType::kResponse, ActionType::kDataAccess);

TEST(TrigramModelTest, ScoresWithAdditiveSmoothingAsHandComputed) {
  TrigramModel m;
  for (int i = 0; i < 3; ++i) m.Observe(kA);
  m.Observe(kB);
  // N = 4, V = 2. B: c = 1, p = 2/6, p_min = 1/7, score = ln 3 / ln 7 + 0.1 (rare)
  const SequenceScore b = m.Score(kB);
  EXPECT_DOUBLE_EQ(b.probability, 2.0 / 6);
  EXPECT_EQ(b.seen, 1u);
  EXPECT_NEAR(b.score, std::log(3.0) / std::log(7.0) + 0.1, 1e-12);
  // A: c = 3, p = 4/6, score = ln(6/4) / ln 7, no boost
  EXPECT_NEAR(m.Score(kA).score, std::log(1.5) / std::log(7.0), 1e-12);
}

TEST(TrigramModelTest, UnseenTrigramScoresNearOne) {
  TrigramModel m;
  for (int i = 0; i < 1000; ++i) m.Observe(kA);
  m.Observe(kB);
  // N = 1001, V = 2, c = 1: ln(1003/2) / ln(1004) + 0.1
  EXPECT_NEAR(m.Score(kB).score, std::log(1003.0 / 2) / std::log(1004.0) + 0.1, 1e-12);
  EXPECT_GT(m.Score(kB).score, 0.99);
}

TEST(TrigramModelTest, WindowDropsTheOldestTrigram) {
  TrigramModel m(/*window=*/4);
  m.Observe(kB);
  for (int i = 0; i < 4; ++i) m.Observe(kA);
  EXPECT_EQ(m.WindowSize(), 4u);
  EXPECT_EQ(m.Count(kB), 0u);
  EXPECT_EQ(m.Count(kA), 4u);
  EXPECT_EQ(m.Distinct(), 1);
}

TEST(TrigramModelTest, ConcurrentObservationsKeepCountsConsistent) {
  TrigramModel m(/*window=*/1000);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20000; ++i) {
        const int id = (t * 7 + i) % kTrigramCount;
        m.Observe(id);
        m.Score(id);
      }
    });
  for (auto& t : threads) t.join();
  uint64_t total = 0;
  int distinct = 0;
  for (int id = 0; id < kTrigramCount; ++id) {
    total += m.Count(id);
    distinct += m.Count(id) > 0;
  }
  EXPECT_EQ(total, 1000u);
  EXPECT_EQ(m.Distinct(), distinct);
}

}  // namespace
}  // namespace nethical::anomaly
