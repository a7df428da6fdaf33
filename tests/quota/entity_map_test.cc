#include "engine/quota/entity_map.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/quota/entity_key.h"

namespace nethical::quota {
namespace {

int& Lookup(EntityMap<int>& map, EntityKind kind, std::string_view id) {
  map.Reserve(1);
  return map.FindOrInsert(EntityKey(kind, id));
}

TEST(EntityMap, SameIdOfDifferentKindsIsDifferentEntities) {
  EntityMap<int> map;
  Lookup(map, EntityKind::kAgent, "eu") = 1;
  Lookup(map, EntityKind::kCohort, "eu") = 2;
  Lookup(map, EntityKind::kTenant, "eu") = 3;
  EXPECT_EQ(map.size(), 3u);
  EXPECT_EQ(Lookup(map, EntityKind::kAgent, "eu"), 1);
  EXPECT_EQ(Lookup(map, EntityKind::kCohort, "eu"), 2);
  EXPECT_EQ(Lookup(map, EntityKind::kTenant, "eu"), 3);
}

TEST(EntityMap, NewEntityStartsValueInitialised) {
  EntityMap<int> map;
  EXPECT_EQ(Lookup(map, EntityKind::kAgent, "a"), 0);
}

TEST(EntityMap, KeepsEveryEntityAcrossGrowth) {
  EntityMap<int> map;
  for (int i = 0; i < 5000; ++i) Lookup(map, EntityKind::kAgent, "agent-" + std::to_string(i)) = i;
  EXPECT_EQ(map.size(), 5000u);
  for (int i = 0; i < 5000; ++i) {
    ASSERT_EQ(Lookup(map, EntityKind::kAgent, "agent-" + std::to_string(i)), i);
  }
  EXPECT_EQ(map.size(), 5000u);
}

TEST(EntityMap, ReserveKeepsReferencesValidAcrossInserts) {
  EntityMap<int> map;
  map.Reserve(3);
  const size_t capacity = map.capacity();
  int& a = map.FindOrInsert(EntityKey(EntityKind::kAgent, "a"));
  int& b = map.FindOrInsert(EntityKey(EntityKind::kCohort, "b"));
  int& c = map.FindOrInsert(EntityKey(EntityKind::kTenant, "c"));
  a = 1;
  b = 2;
  c = 3;
  EXPECT_EQ(map.capacity(), capacity);
  EXPECT_EQ(Lookup(map, EntityKind::kAgent, "a"), 1);
  EXPECT_EQ(Lookup(map, EntityKind::kCohort, "b"), 2);
}

TEST(EntityMap, KeepsIdsOfEveryLengthApart) {
  // Exercises every tail of the id hash (0..16 bytes) and its 16-byte loop.
  EntityMap<int> map;
  for (int len = 0; len <= 70; ++len) {
    Lookup(map, EntityKind::kAgent, std::string(len, 'x')) = len;
    Lookup(map, EntityKind::kAgent, std::string(len, 'x') + "y") = 1000 + len;
  }
  EXPECT_EQ(map.size(), 142u);
  for (int len = 0; len <= 70; ++len) {
    ASSERT_EQ(Lookup(map, EntityKind::kAgent, std::string(len, 'x')), len);
    ASSERT_EQ(Lookup(map, EntityKind::kAgent, std::string(len, 'x') + "y"), 1000 + len);
  }
}

TEST(EntityMap, EraseIfRemovesMatchingAndKeepsTheRestFindable) {
  EntityMap<int> map;
  for (int i = 0; i < 1000; ++i) Lookup(map, EntityKind::kAgent, std::to_string(i)) = i;
  EXPECT_EQ(map.EraseIf([](int v) { return v % 3 == 0; }), 334u);
  EXPECT_EQ(map.size(), 666u);
  for (int i = 0; i < 1000; ++i) {
    if (i % 3 == 0) continue;
    ASSERT_EQ(Lookup(map, EntityKind::kAgent, std::to_string(i)), i);
  }
  EXPECT_EQ(map.size(), 666u);
}

TEST(EntityMap, ReleasesStorageWhenEmptied) {
  EntityMap<int> map;
  for (int i = 0; i < 1000; ++i) Lookup(map, EntityKind::kAgent, std::to_string(i));
  map.EraseIf([](int) { return true; });
  EXPECT_EQ(map.size(), 0u);
  EXPECT_EQ(map.capacity(), 0u);
  EXPECT_EQ(Lookup(map, EntityKind::kAgent, "again"), 0);
}

TEST(EntityMap, ShrinksWhenFewEntitiesRemain) {
  EntityMap<int> map;
  for (int i = 0; i < 4096; ++i) Lookup(map, EntityKind::kAgent, std::to_string(i)) = i;
  const size_t big = map.capacity();
  map.EraseIf([](int v) { return v >= 10; });
  EXPECT_LT(map.capacity(), big / 8);
  for (int i = 0; i < 10; ++i) ASSERT_EQ(Lookup(map, EntityKind::kAgent, std::to_string(i)), i);
}

TEST(CheckedEntities, ListsAgentThenCohortThenTenant) {
  const CheckedEntities e("a", "c", "t", true, true);
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].kind, EntityKind::kAgent);
  EXPECT_EQ(e[1].kind, EntityKind::kCohort);
  EXPECT_EQ(e[2].kind, EntityKind::kTenant);
  EXPECT_EQ(e[2].id, "t");
}

TEST(CheckedEntities, SkipsEmptyOrNonIsolatedCohortAndTenant) {
  EXPECT_EQ(CheckedEntities("a", "", "", true, true).size(), 1u);
  EXPECT_EQ(CheckedEntities("a", "c", "t", false, false).size(), 1u);
  const CheckedEntities tenant_only("a", "c", "t", false, true);
  ASSERT_EQ(tenant_only.size(), 2u);
  EXPECT_EQ(tenant_only[1].kind, EntityKind::kTenant);
}

TEST(EntityKey, SpreadsSequentialIdsEvenlyOverShards) {
  // Load-test agents are numbered; they must not pile into a few shards.
  constexpr int kShards = 64;
  constexpr int kIds = 64 * 1000;
  int count[kShards] = {};
  for (int i = 0; i < kIds; ++i) {
    ++count[EntityKey(EntityKind::kAgent, "agent_" + std::to_string(i)).hash >> 58];
  }
  for (int s = 0; s < kShards; ++s) {
    EXPECT_GT(count[s], 850) << "shard " << s;
    EXPECT_LT(count[s], 1150) << "shard " << s;
  }
}

TEST(EntityKey, HashDiffersByKind) {
  EXPECT_NE(EntityKey(EntityKind::kAgent, "x").hash, EntityKey(EntityKind::kCohort, "x").hash);
  EXPECT_NE(EntityKey(EntityKind::kAgent, "x").hash, 0u);
}

}  // namespace
}  // namespace nethical::quota
