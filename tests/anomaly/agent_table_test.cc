#include "engine/anomaly/agent_table.h"

#include <functional>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>

namespace nethical::anomaly {
namespace {

uint64_t HashOf(const std::string& s) { return std::hash<std::string>()(s); }

TEST(AgentTableTest, FindsWhatWasInsertedWithItsRingAndId) {
  AgentTable t(/*ring_size=*/30);
  AgentState* a = t.Insert("agent-100123-prod", HashOf("agent-100123-prod"));
  a->event_times()[29] = 42;
  EXPECT_EQ(t.Find("agent-100123-prod", HashOf("agent-100123-prod")), a);
  EXPECT_EQ(a->key(), "agent-100123-prod");
  EXPECT_EQ(a->event_times()[29], 42);
  EXPECT_EQ(t.Find("other", HashOf("other")), nullptr);
}

TEST(AgentTableTest, SameHashDifferentIdsAreDistinct) {
  AgentTable t(4);
  AgentState* a = t.Insert("a", 7);
  AgentState* b = t.Insert("b", 7);
  EXPECT_NE(a, b);
  EXPECT_EQ(t.Find("a", 7), a);
  EXPECT_EQ(t.Find("b", 7), b);
  t.Erase(a);
  EXPECT_EQ(t.Find("a", 7), nullptr);
  EXPECT_EQ(t.Find("b", 7), b);
}

// Random inserts and erasures against std::unordered_map, with a deliberately
// narrow hash so that probe runs collide and wrap around.
TEST(AgentTableTest, RandomOperationsMatchAReferenceMap) {
  std::mt19937_64 rng(20260101);
  AgentTable t(3);
  std::unordered_map<std::string, AgentState*> reference;
  auto narrow_hash = [](const std::string& s) { return HashOf(s) % 97; };
  for (int step = 0; step < 50000; ++step) {
    const std::string id = "agent-" + std::to_string(rng() % 3000);
    AgentState* found = t.Find(id, narrow_hash(id));
    auto it = reference.find(id);
    ASSERT_EQ(found, it == reference.end() ? nullptr : it->second) << "step " << step;
    if (found == nullptr) {
      reference[id] = t.Insert(id, narrow_hash(id));
    } else if (rng() % 2) {
      t.Erase(found);
      reference.erase(it);
    }
    ASSERT_EQ(t.size(), reference.size());
  }
  for (const auto& [id, state] : reference) ASSERT_EQ(t.Find(id, narrow_hash(id)), state) << id;
}

TEST(AgentTableTest, BlockHoldsStateIdAndRing) {
  EXPECT_EQ(AgentTable::BlockBytes(30, 17), sizeof(AgentState) + 24 + 240);
}

}  // namespace
}  // namespace nethical::anomaly
