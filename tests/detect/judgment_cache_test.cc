#include "engine/detect/judgment_cache.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace nethical::detect {
namespace {

constexpr int64_t kSecond = 1'000'000'000;

std::shared_ptr<const Judgment> J(Decision d) {
  auto j = std::make_shared<Judgment>();
  j->decision = d;
  return j;
}

TEST(JudgmentCache, ReturnsInsertedJudgment) {
  JudgmentCache cache(100, 10 * kSecond);
  auto key = JudgmentCache::MakeKey(ActionType::kQuery, "text");
  EXPECT_EQ(cache.Lookup(key, 0), nullptr);
  cache.Insert(key, J(Decision::kWarn), 0);
  auto hit = cache.Lookup(key, 1);
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit->decision, Decision::kWarn);
}

TEST(JudgmentCache, ExpiresEntriesOlderThanTtl) {
  JudgmentCache cache(100, 10 * kSecond);
  auto key = JudgmentCache::MakeKey(ActionType::kQuery, "text");
  cache.Insert(key, J(Decision::kWarn), 0);
  EXPECT_NE(cache.Lookup(key, 10 * kSecond), nullptr);
  EXPECT_EQ(cache.Lookup(key, 10 * kSecond + 1), nullptr);
  EXPECT_EQ(cache.Size(), 0u);
}

TEST(JudgmentCache, DistinguishesActionTypes) {
  JudgmentCache cache(100, kSecond);
  cache.Insert(JudgmentCache::MakeKey(ActionType::kQuery, "t"), J(Decision::kWarn), 0);
  EXPECT_EQ(cache.Lookup(JudgmentCache::MakeKey(ActionType::kResponse, "t"), 0), nullptr);
}

TEST(JudgmentCache, EvictsLeastRecentlyUsedBeyondCapacity) {
  // Capacity kShards = one entry per shard: a second key in a shard evicts the first.
  JudgmentCache cache(JudgmentCache::kShards, kSecond);
  for (int i = 0; i < 1000; ++i)
    cache.Insert(JudgmentCache::MakeKey(ActionType::kQuery, std::to_string(i)), J(Decision::kAllow), 0);
  EXPECT_LE(cache.Size(), static_cast<size_t>(JudgmentCache::kShards));
  // The last key inserted is always still there.
  EXPECT_NE(cache.Lookup(JudgmentCache::MakeKey(ActionType::kQuery, "999"), 0), nullptr);
}

TEST(JudgmentCache, LookupRefreshesRecency) {
  JudgmentCache cache(2 * JudgmentCache::kShards, kSecond);
  // Find three keys in one shard.
  std::vector<JudgmentCache::Key> same_shard;
  for (int i = 0; same_shard.size() < 3; ++i) {
    auto k = JudgmentCache::MakeKey(ActionType::kQuery, std::to_string(i));
    if (JudgmentCache::ShardOf(k) == 0) same_shard.push_back(k);
  }
  cache.Insert(same_shard[0], J(Decision::kAllow), 0);
  cache.Insert(same_shard[1], J(Decision::kAllow), 0);
  cache.Lookup(same_shard[0], 0);                       // 0 is now the most recent
  cache.Insert(same_shard[2], J(Decision::kAllow), 0);  // evicts 1
  EXPECT_NE(cache.Lookup(same_shard[0], 0), nullptr);
  EXPECT_EQ(cache.Lookup(same_shard[1], 0), nullptr);
}

TEST(JudgmentCache, SurvivesConcurrentUse) {
  JudgmentCache cache(64, kSecond);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        auto key = JudgmentCache::MakeKey(ActionType::kQuery, std::to_string((i * 7 + t) % 200));
        if (auto hit = cache.Lookup(key, i); hit == nullptr)
          cache.Insert(key, J(Decision::kAllow), i);
        else
          EXPECT_EQ(hit->decision, Decision::kAllow);
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_LE(cache.Size(), 64u);
}

TEST(Sha256, MatchesKnownVector) {
  Sha256Digest d = Sha256("abc");
  EXPECT_EQ(d[0], 0xba);
  EXPECT_EQ(d[1], 0x78);
  EXPECT_EQ(d[31], 0xad);
}

}  // namespace
}  // namespace nethical::detect
