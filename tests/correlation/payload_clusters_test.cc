#include "engine/correlation/payload_clusters.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>

namespace nethical::correlation {
namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t kTolerance = 30 * kSecond;
constexpr int64_t kWindow = 180 * kSecond;

PayloadClusters::Seen See(PayloadClusters& t, uint64_t payload, uint64_t agent, int64_t now) {
  return t.Observe(payload, agent, now, kTolerance, kWindow);
}

TEST(PayloadClustersTest, DistinctAgentsSendingOnePayloadAreCountedOnce) {
  PayloadClusters t(100);
  EXPECT_EQ(See(t, 7, 1, 0).agent_count, 1);
  EXPECT_EQ(See(t, 7, 1, kSecond).agent_count, 1);  // the same agent again
  const auto seen = See(t, 7, 2, 2 * kSecond);
  EXPECT_EQ(seen.agent_count, 2);
  EXPECT_EQ(seen.first, 0);
  EXPECT_EQ(seen.last, 2 * kSecond);
  EXPECT_EQ(t.size(), 1u);
}

TEST(PayloadClustersTest, AnActionBeyondTheToleranceStartsAfresh) {
  PayloadClusters t(100);
  See(t, 7, 1, 0);
  const auto seen = See(t, 7, 2, kTolerance + 1);
  EXPECT_EQ(seen.agent_count, 1);
  EXPECT_EQ(seen.first, kTolerance + 1);
}

TEST(PayloadClustersTest, AClusterLongerThanTheWindowStartsAfresh) {
  PayloadClusters t(100);
  int64_t now = 0;
  for (int agent = 0; now <= kWindow; ++agent, now += 20 * kSecond) See(t, 7, agent % 2, now);
  EXPECT_EQ(See(t, 7, 5, now).agent_count, 1);
}

TEST(PayloadClustersTest, AtMostMaxAgentsAreHeldPerCluster) {
  PayloadClusters t(100);
  for (uint64_t agent = 0; agent < 20; ++agent) See(t, 7, agent, 0);
  EXPECT_EQ(See(t, 7, 99, 0).agent_count, PayloadClusters::kMaxAgents);
}

// Capacity 8 is one set of eight ways: the ninth payload replaces the one
// whose last action is the oldest, not the first one inserted.
TEST(PayloadClustersTest, AFullSetForgetsThePayloadWithTheOldestLastAction) {
  PayloadClusters t(8);
  ASSERT_EQ(t.capacity(), 8u);
  for (uint64_t p = 0; p < 8; ++p) See(t, p, 1, static_cast<int64_t>(p) * kSecond);
  EXPECT_EQ(t.size(), 8u);
  See(t, 0, 2, 8 * kSecond);    // payload 0 is now the most recent
  See(t, 100, 1, 9 * kSecond);  // replaces payload 1 (last action at 1 s)
  EXPECT_EQ(t.size(), 8u);
  EXPECT_EQ(t.forgotten_live(), 1u);                     // 8 s old, inside the 30 s tolerance
  EXPECT_EQ(See(t, 0, 3, 10 * kSecond).agent_count, 3);  // kept, with its agents
  EXPECT_EQ(See(t, 1, 2, 11 * kSecond).agent_count, 1);  // forgotten: a new cluster
}

TEST(PayloadClustersTest, ReplacingAPayloadPastItsToleranceIsNotCountedAsForgotten) {
  PayloadClusters t(1);
  See(t, 1, 1, 0);
  See(t, 2, 1, kTolerance + 1);
  EXPECT_EQ(t.forgotten_live(), 0u);
  See(t, 3, 1, kTolerance + 2);
  EXPECT_EQ(t.forgotten_live(), 1u);
}

TEST(PayloadClustersTest, ACapacityBelowEightIsOneSetOfThatManyWays) {
  for (int64_t capacity = 1; capacity < 8; ++capacity) {
    PayloadClusters t(capacity);
    EXPECT_EQ(t.capacity(), static_cast<size_t>(capacity));
    for (uint64_t p = 0; p < 20; ++p) See(t, p, 1, 0);
    EXPECT_EQ(t.size(), static_cast<size_t>(capacity));
  }
}

// Random capacities and payload streams: never more clusters than the
// configured capacity, and a payload seen again within its tolerance with
// no other payload since is always still held.
TEST(PayloadClustersTest, NeverHoldsMoreThanItsCapacityAndKeepsTheLatestPayload) {
  std::mt19937_64 rng(6);
  for (int trial = 0; trial < 50; ++trial) {
    const int64_t capacity = 1 + static_cast<int64_t>(rng() % 2000);
    PayloadClusters t(capacity);
    EXPECT_LE(t.capacity(), static_cast<size_t>(capacity));
    int64_t now = 0;
    for (int i = 0; i < 5000; ++i) {
      const uint64_t payload = rng();
      See(t, payload, 1, now);
      EXPECT_EQ(See(t, payload, 2, now + 1).agent_count, 2);
      now += 2;
      ASSERT_LE(t.size(), t.capacity());
    }
  }
}

}  // namespace
}  // namespace nethical::correlation
