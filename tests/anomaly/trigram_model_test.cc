#include "engine/anomaly/trigram_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>
#include <vector>

namespace nethical::anomaly {
namespace {

const int kQQQ = TrigramId(ActionType::kQuery, ActionType::kQuery, ActionType::kQuery);
const int kQQR = TrigramId(ActionType::kQuery, ActionType::kQuery, ActionType::kResponse);
const int kQRD = TrigramId(ActionType::kQuery, ActionType::kResponse, ActionType::kDataAccess);

TEST(TrigramModelTest, NothingIsScoredBelowTheMinimumSupport) {
  TrigramModel m;
  for (uint64_t i = 0; i + 1 < kMinSupport; ++i) m.Observe(kQQQ);
  EXPECT_EQ(m.Probability(kQRD), 1.0);
  EXPECT_EQ(m.Surprisal(kQRD), 0.0);
  m.Observe(kQQQ);
  EXPECT_LT(m.Probability(kQRD), 1e-3);
}

TEST(TrigramModelTest, ProbabilityIsTheContextCountSmoothedTowardsTheTypeShare) {
  TrigramModel m;
  for (int i = 0; i < 900; ++i) m.Observe(kQQQ);
  for (int i = 0; i < 100; ++i) m.Observe(kQQR);
  // Context (query, query): 1000; response: 100 of them, share 100.5/1003.5.
  const double share = 100.5 / 1003.5;
  EXPECT_NEAR(m.Probability(kQQR), (100 + kContextPrior * share) / (1000 + kContextPrior), 1e-12);
  // An unseen context falls back to the type's share.
  const double dshare = 0.5 / 1003.5;
  EXPECT_NEAR(m.Probability(kQRD), dshare, 1e-12);
  EXPECT_NEAR(m.Surprisal(kQRD), -std::log(dshare), 1e-9);
}

// The defect: the old score was normalised by the window's fill, so the same
// 3-gram frequency looked rarer early. Same shares, different fill: same p.
TEST(TrigramModelTest, ProbabilityDoesNotDependOnHowFullTheWindowIs) {
  TrigramModel small, full;
  for (int i = 0; i < 2000; ++i) {
    small.Observe(i % 4 ? kQQQ : kQQR);
  }
  for (int i = 0; i < 10000; ++i) full.Observe(i % 4 ? kQQQ : kQQR);
  EXPECT_NEAR(small.Probability(kQQR), full.Probability(kQQR), 0.01);
  EXPECT_NEAR(small.Probability(kQQR), 0.25, 0.01);
}

TEST(TrigramModelTest, WindowDropsTheOldestTrigram) {
  TrigramModel m(/*window=*/4);
  m.Observe(kQRD);
  for (int i = 0; i < 4; ++i) m.Observe(kQQQ);
  EXPECT_EQ(m.WindowSize(), 4u);
  EXPECT_EQ(m.Count(kQRD), 0u);
  EXPECT_EQ(m.Count(kQQQ), 4u);
  EXPECT_EQ(m.TypeCount(ActionType::kDataAccess), 0u);
  EXPECT_EQ(m.TypeCount(ActionType::kQuery), 4u);
}

TEST(TrigramModelTest, OnceASecondThreadObservesEachThreadsTrigramsJoinInBatches) {
  TrigramModel m(/*window=*/100000);
  std::thread([&] { m.Observe(kQRD); }).join();  // the first lane: at once
  EXPECT_EQ(m.Count(kQRD), 1u);
  for (size_t i = 0; i + 1 < kObserveBatch; ++i) m.Observe(kQQQ);  // a second lane: batched
  EXPECT_EQ(m.Count(kQQQ), 0u);
  EXPECT_EQ(m.WindowSize(), 1u);
  m.Observe(kQQR);  // completes the batch, which joins in order
  EXPECT_EQ(m.Count(kQQQ), kObserveBatch - 1);
  EXPECT_EQ(m.Count(kQQR), 1u);
  EXPECT_EQ(m.WindowSize(), 1 + kObserveBatch);
}

TEST(TrigramModelTest, BatchesDropTheOldestOnceTheWindowIsFull) {
  TrigramModel m(/*window=*/kObserveBatch + 4);
  std::thread([&] { m.Observe(kQRD); }).join();
  for (size_t i = 0; i < 2 * kObserveBatch; ++i) m.Observe(kQQQ);
  EXPECT_EQ(m.Count(kQRD), 0u);  // pushed out by the second batch
  EXPECT_EQ(m.Count(kQQQ), kObserveBatch + 4);
  EXPECT_EQ(m.TypeCount(ActionType::kQuery), kObserveBatch + 4);
  EXPECT_EQ(m.TypeCount(ActionType::kDataAccess), 0u);
}

TEST(TrigramModelTest, ConcurrentObservationsKeepCountsConsistent) {
  TrigramModel m(/*window=*/1000);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20000; ++i) {
        const int id = (t * 7 + i) % kTrigramCount;
        m.Observe(id);
        m.Surprisal(id);
      }
    });
  for (auto& t : threads) t.join();
  uint64_t total = 0, types = 0;
  for (int id = 0; id < kTrigramCount; ++id) total += m.Count(id);
  for (int t = 0; t < kActionTypeCount; ++t) types += m.TypeCount(static_cast<ActionType>(t));
  EXPECT_EQ(total, 1000u);
  EXPECT_EQ(types, 1000u);
}

}  // namespace
}  // namespace nethical::anomaly
