#include "engine/anomaly/agent_table.h"

#include <functional>
#include <random>
#include <string>
#include <unordered_map>

#include <gtest/gtest.h>

namespace nethical::anomaly {
namespace {

uint64_t HashOf(const std::string& s) { return std::hash<std::string>()(s); }

TEST(AgentTableTest, TouchInsertsOnceAndKeepsRingAndId) {
  AgentTable t(/*max_size=*/100);
  bool inserted = false;
  AgentState* a = t.Touch("agent-100123-prod", HashOf("agent-100123-prod"), 1, &inserted);
  EXPECT_TRUE(inserted);
  a->last_nanos = 42;
  EXPECT_EQ(t.Touch("agent-100123-prod", HashOf("agent-100123-prod"), 2, &inserted), a);
  EXPECT_FALSE(inserted);
  EXPECT_EQ(a->key(), "agent-100123-prod");
  EXPECT_EQ(a->last_nanos, 42);
  EXPECT_EQ(t.Find("other", HashOf("other")), nullptr);
  EXPECT_EQ(t.size(), 1u);
}

TEST(AgentTableTest, SameHashDifferentIdsAreDistinct) {
  AgentTable t(100);
  bool inserted;
  AgentState* a = t.Touch("a", 7, 1, &inserted);
  AgentState* b = t.Touch("b", 7, 2, &inserted);
  EXPECT_NE(a, b);
  EXPECT_EQ(t.EvictAllIdle(/*cutoff=*/2), 1u);  // a, last seen at 1
  EXPECT_EQ(t.Find("a", 7), nullptr);
  EXPECT_EQ(t.Find("b", 7), b);
}

TEST(AgentTableTest, FullTableEvictsTheOldestOfTheSample) {
  AgentTable t(/*max_size=*/4);
  bool inserted;
  for (int i = 0; i < 4; ++i) t.Touch("a" + std::to_string(i), HashOf("a" + std::to_string(i)), 10 + i, &inserted);
  t.Touch("new", HashOf("new"), 100, &inserted);
  EXPECT_EQ(t.size(), 4u);
  EXPECT_EQ(t.Find("a0", HashOf("a0")), nullptr);  // the least recently seen of all 4
  EXPECT_NE(t.Find("new", HashOf("new")), nullptr);
}

// Random touches and full idle sweeps against a reference map, with a
// deliberately narrow hash so that probe runs collide and wrap around.
TEST(AgentTableTest, RandomOperationsMatchAReferenceMap) {
  std::mt19937_64 rng(20260101);
  AgentTable t(/*max_size=*/1 << 20);
  std::unordered_map<std::string, int64_t> reference;  // id -> last seen
  auto narrow_hash = [](const std::string& s) { return HashOf(s) % 97; };
  int64_t now = 0;
  for (int step = 0; step < 50000; ++step) {
    ++now;
    if (rng() % 100 == 0) {
      const int64_t cutoff = now - static_cast<int64_t>(rng() % 2000);
      size_t expected = 0;
      for (auto it = reference.begin(); it != reference.end();)
        if (it->second < cutoff) {
          it = reference.erase(it);
          ++expected;
        } else {
          ++it;
        }
      ASSERT_EQ(t.EvictAllIdle(cutoff), expected) << "step " << step;
    } else {
      const std::string id = "agent-" + std::to_string(rng() % 3000);
      bool inserted = false;
      t.Touch(id, narrow_hash(id), now, &inserted);
      ASSERT_EQ(inserted, reference.count(id) == 0) << "step " << step;
      reference[id] = now;
    }
    ASSERT_EQ(t.size(), reference.size());
  }
  for (const auto& [id, seen] : reference) {
    const AgentState* s = t.Find(id, narrow_hash(id));
    ASSERT_NE(s, nullptr) << id;
    EXPECT_EQ(s->key(), id);
  }
}

TEST(AgentTableTest, IncrementalSweepEvictsOnlyIdleAgentsAndFinishesACycle) {
  AgentTable t(1 << 20);
  bool inserted;
  for (int i = 0; i < 1000; ++i)
    t.Touch("a" + std::to_string(i), HashOf("a" + std::to_string(i)), i % 2 ? 100 : 5, &inserted);
  size_t evicted = 0;
  bool done = false;
  int calls = 0;
  while (!done) {
    evicted += t.EvictIdle(/*cutoff=*/50, /*max_slots=*/32, &done);
    ++calls;
  }
  EXPECT_EQ(evicted, 500u);  // nothing else touched the table, so the cycle saw all
  EXPECT_EQ(t.size(), 500u);
  EXPECT_EQ(calls, static_cast<int>(t.slot_count() / 32));
}

TEST(AgentTableTest, BlockHoldsStateAndId) {
  EXPECT_EQ(AgentTable::BlockBytes(17), sizeof(AgentState) + 24);
}

}  // namespace
}  // namespace nethical::anomaly
