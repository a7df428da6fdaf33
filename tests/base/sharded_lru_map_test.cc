#include "engine/base/sharded_lru_map.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace nethical {
namespace {

using Map = ShardedLruMap<std::string, int64_t>;

TEST(ShardedLruMapTest, WithEntryInsertsOnceAndReturnsTheCallbacksResult) {
  Map map;
  const bool first = map.WithEntry(std::string_view("a"), [](int64_t& v, bool inserted) {
    v += 5;
    return inserted;
  });
  const bool second = map.WithEntry(std::string_view("a"), [](int64_t&, bool inserted) { return inserted; });
  EXPECT_TRUE(first);
  EXPECT_FALSE(second);
  int64_t seen = 0;
  EXPECT_TRUE(map.WithExisting(std::string_view("a"), [&](int64_t& v) { seen = v; }));
  EXPECT_EQ(seen, 5);
  EXPECT_FALSE(map.WithExisting(std::string_view("b"), [&](int64_t&) { ADD_FAILURE(); }));
  EXPECT_EQ(map.Size(), 1u);
}

TEST(ShardedLruMapTest, BoundIsSpreadOverShards) {
  // 64 entries over 64 shards: one per shard, so each new key that meets a
  // taken shard evicts its occupant and the map never holds more than 64.
  Map map(Map::kShards);
  for (int i = 0; i < 10'000; ++i) {
    map.WithEntry(std::to_string(i), [](int64_t&, bool) { return 0; });
    ASSERT_LE(map.Size(), Map::kShards);
  }
}

TEST(ShardedLruMapTest, EraseRemovesOnlyThatKey) {
  Map map;
  map.WithEntry(std::string_view("a"), [](int64_t&, bool) { return 0; });
  map.WithEntry(std::string_view("b"), [](int64_t&, bool) { return 0; });
  EXPECT_TRUE(map.Erase(std::string_view("a")));
  EXPECT_FALSE(map.Erase(std::string_view("a")));
  EXPECT_EQ(map.Size(), 1u);
}

TEST(ShardedLruMapTest, PerShardSweepsCoverEveryEntry) {
  Map map;
  for (int i = 0; i < 1000; ++i) map.WithEntry(std::to_string(i), [&](int64_t& v, bool) { return v = i; });
  size_t evicted = 0;
  for (size_t s = 0; s < Map::kShards; ++s)
    evicted += map.EvictOldestWhile(s, [](const std::string&, const int64_t& v) { return v < 500; });
  EXPECT_EQ(evicted, 500u);
  size_t erased = 0;
  for (size_t s = 0; s < Map::kShards; ++s)
    erased += map.EraseIf(s, [](const std::string&, const int64_t& v) { return v % 2 == 0; });
  EXPECT_EQ(erased, 250u);
  EXPECT_EQ(map.Size(), 250u);
}

// Two keys that share a shard.
std::pair<std::string, std::string> KeysInOneShard() {
  const size_t shard = Map::ShardOf(Map::HashOf(std::string_view("k0")));
  for (int i = 1;; ++i) {
    std::string key = "k" + std::to_string(i);
    if (Map::ShardOf(Map::HashOf(std::string_view(key))) == shard) return {"k0", key};
  }
}

TEST(ShardedLruMapTest, WithShardSweptSweepsAShardAtMostOncePerInterval) {
  Map map;
  const auto [a, b] = KeysInOneShard();
  int sweeps = 0;  // calls of the idle test with the shard non-empty
  auto idle = [&](const std::string&, const int64_t&) {
    ++sweeps;
    return false;
  };
  auto touch = [&](const std::string& key, int64_t now) {
    map.WithShardSwept(std::string_view(key), now, /*sweep_every_ns=*/100, idle,
                       [&](Map::Table& t, uint64_t hash) {
                         bool inserted;
                         t.FindOrInsert(std::string_view(key), hash, &inserted);
                         return 0;
                       });
  };
  touch(a, 0);  // the first call sweeps (an empty shard: no test)
  touch(b, 50);
  touch(a, 99);
  EXPECT_EQ(sweeps, 0);
  touch(b, 100);  // due: the oldest is tested
  EXPECT_EQ(sweeps, 1);
  touch(a, 150);
  EXPECT_EQ(sweeps, 1);
  touch(a, 200);
  EXPECT_EQ(sweeps, 2);
}

TEST(ShardedLruMapTest, WithShardSweptEvictsTheIdleOldestBeforeTheCallback) {
  Map map;
  const auto [a, b] = KeysInOneShard();
  auto touch = [&](const std::string& key, int64_t now) {
    return map.WithShardSwept(
        std::string_view(key), now, /*sweep_every_ns=*/10,
        [&](const std::string&, const int64_t& last) { return now - last > 100; },
        [&](Map::Table& t, uint64_t hash) {
          bool inserted;
          t.FindOrInsert(std::string_view(key), hash, &inserted) = now;
          return t.size();
        });
  };
  touch(a, 0);
  EXPECT_EQ(touch(b, 200), 1u);  // a, idle for 200 > 100, went first
  EXPECT_EQ(map.Size(), 1u);
}

TEST(ShardedLruMapTest, ForEachVisitsEveryEntryOnce) {
  Map map;
  int64_t want = 0;
  for (int i = 0; i < 1000; ++i) {
    map.WithEntry(std::to_string(i), [i](int64_t& v, bool) { v = i; });
    want += i;
  }
  int64_t sum = 0;
  size_t visits = 0;
  map.ForEach([&](const std::string& key, const int64_t& v) {
    EXPECT_EQ(key, std::to_string(v));
    sum += v;
    ++visits;
  });
  EXPECT_EQ(visits, 1000u);
  EXPECT_EQ(sum, want);
}

TEST(ShardedLruMapTest, LockedFindsOrInsertsEveryKeyAndRepeatsShareTheValue) {
  Map map;
  const std::string_view keys[] = {"x", "y", "x"};
  {
    Map::Locked<3> locked(map, keys, 3);
    locked[0] += 1;
    locked[1] += 10;
    locked[2] += 100;  // the same entry as locked[0]
  }
  int64_t x = 0, y = 0;
  map.WithExisting(std::string_view("x"), [&](int64_t& v) { x = v; });
  map.WithExisting(std::string_view("y"), [&](int64_t& v) { y = v; });
  EXPECT_EQ(x, 101);
  EXPECT_EQ(y, 10);
}

// Run under --config=tsan: every increment lands exactly once, whichever
// shards the threads meet on.
TEST(ShardedLruMapConcurrencyTest, ConcurrentUpdatesOfSharedKeysAreNotLost) {
  Map map;
  constexpr int kThreads = 4;
  constexpr int kRounds = 20'000;
  constexpr int kKeys = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&map, t] {
      for (int i = 0; i < kRounds; ++i) {
        const std::string key = "k" + std::to_string((i * 7 + t) % kKeys);
        map.WithEntry(std::string_view(key), [](int64_t& v, bool) { return ++v; });
      }
    });
  }
  for (auto& th : threads) th.join();
  int64_t total = 0;
  for (int k = 0; k < kKeys; ++k) map.WithExisting("k" + std::to_string(k), [&](int64_t& v) { total += v; });
  EXPECT_EQ(total, int64_t{kThreads} * kRounds);
}

// Locked over two keys moves one unit between them; concurrent transfers
// in both directions neither deadlock nor lose units.
TEST(ShardedLruMapConcurrencyTest, LockedTransfersKeepTheTotal) {
  Map map;
  constexpr int kKeys = 16;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&map, t] {
      for (int i = 0; i < 10'000; ++i) {
        const std::string a = "k" + std::to_string((i + t) % kKeys);
        const std::string b = "k" + std::to_string((i * 3 + 1 + t) % kKeys);
        const std::string_view keys[] = {a, b};
        Map::Locked<2> locked(map, keys, 2);
        locked[0] -= 1;
        locked[1] += 1;
      }
    });
  }
  for (auto& th : threads) th.join();
  int64_t total = 0;
  for (int k = 0; k < kKeys; ++k) map.WithExisting("k" + std::to_string(k), [&](int64_t& v) { total += v; });
  EXPECT_EQ(total, 0);
}

// Bounded map under concurrent inserts and sweeps: never above the bound.
TEST(ShardedLruMapConcurrencyTest, BoundHoldsUnderConcurrentInsertsAndSweeps) {
  Map map(256);
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&map, t] {
      for (int i = 0; i < 20'000; ++i)
        map.WithEntry(std::to_string(t * 1'000'000 + i), [&](int64_t& v, bool) { return v = i; });
    });
  }
  threads.emplace_back([&map] {
    for (int round = 0; round < 200; ++round)
      for (size_t s = 0; s < Map::kShards; ++s)
        map.EvictOldestWhile(s, [](const std::string&, const int64_t& v) { return v % 3 == 0; });
  });
  for (auto& th : threads) th.join();
  EXPECT_LE(map.Size(), 256u);  // 256 / 64 per shard
}

}  // namespace
}  // namespace nethical
