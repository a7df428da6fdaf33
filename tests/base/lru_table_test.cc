#include "engine/base/lru_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <list>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nethical {
namespace {

using Table = LruTable<std::string, int>;

uint64_t H(std::string_view s) { return std::hash<std::string_view>{}(s); }

// Keys, most recently used first.
std::vector<std::string> Order(const Table& t) {
  std::vector<std::string> keys;
  t.ForEach([&](const std::string& k, const int&) { keys.push_back(k); });
  return keys;
}

TEST(LruTableTest, InsertsValueInitialisedAndFindsByStringView) {
  Table t;
  bool inserted = false;
  int& v = t.FindOrInsert(std::string_view("a"), H("a"), &inserted);
  EXPECT_TRUE(inserted);
  EXPECT_EQ(v, 0);
  v = 7;
  EXPECT_EQ(t.FindOrInsert(std::string_view("a"), H("a"), &inserted), 7);
  EXPECT_FALSE(inserted);
  ASSERT_NE(t.Find(std::string_view("a"), H("a")), nullptr);
  EXPECT_EQ(*t.Find(std::string_view("a"), H("a")), 7);
  EXPECT_EQ(t.Find(std::string_view("b"), H("b")), nullptr);
  EXPECT_EQ(t.size(), 1u);
}

TEST(LruTableTest, FullTableEvictsTheLeastRecentlyUsedOnInsert) {
  Table t(2);
  bool inserted;
  t.FindOrInsert(std::string_view("a"), H("a"), &inserted);
  t.FindOrInsert(std::string_view("b"), H("b"), &inserted);
  t.Find(std::string_view("a"), H("a"));  // b is now the oldest
  t.FindOrInsert(std::string_view("c"), H("c"), &inserted);
  EXPECT_EQ(Order(t), (std::vector<std::string>{"c", "a"}));
}

TEST(LruTableTest, PeekLeavesRecencyAlone) {
  Table t(2);
  bool inserted;
  t.FindOrInsert(std::string_view("a"), H("a"), &inserted);
  t.FindOrInsert(std::string_view("b"), H("b"), &inserted);
  ASSERT_NE(t.Peek(std::string_view("a"), H("a")), nullptr);
  t.FindOrInsert(std::string_view("c"), H("c"), &inserted);
  EXPECT_EQ(Order(t), (std::vector<std::string>{"c", "b"}));
}

TEST(LruTableTest, KeepPlaceLeavesAFoundEntryWhereItIs) {
  Table t(2);
  bool inserted;
  t.FindOrInsert(std::string_view("a"), H("a"), &inserted);
  t.FindOrInsert(std::string_view("b"), H("b"), &inserted);
  // "a" is found but kept in place, so it is still the oldest.
  t.FindOrInsert(std::string_view("a"), H("a"), &inserted, [](const int&) { return true; });
  EXPECT_FALSE(inserted);
  t.FindOrInsert(std::string_view("c"), H("c"), &inserted);
  EXPECT_EQ(Order(t), (std::vector<std::string>{"c", "b"}));
}

TEST(LruTableTest, EvictOldestWhileStopsAtTheFirstEntryToKeep) {
  Table t;
  bool inserted;
  for (int i = 0; i < 5; ++i) {
    const std::string k = "k" + std::to_string(i);
    t.FindOrInsert(std::string_view(k), H(k), &inserted) = i;
  }
  // Oldest first: 0, 1, 2, 3, 4; value 2 stops the sweep although 3 < 4.
  const size_t removed = t.EvictOldestWhile([](const std::string&, const int& v) { return v != 2; });
  EXPECT_EQ(removed, 2u);
  EXPECT_EQ(Order(t), (std::vector<std::string>{"k4", "k3", "k2"}));
}

TEST(LruTableTest, EraseIfRemovesMatchesAnywhereAndShrinksTheSlots) {
  Table t;
  bool inserted;
  for (int i = 0; i < 1000; ++i) {
    const std::string k = std::to_string(i);
    t.FindOrInsert(std::string_view(k), H(k), &inserted) = i;
  }
  const size_t slots = t.slot_count();
  EXPECT_EQ(t.EraseIf([](const std::string&, const int& v) { return v >= 10; }), 990u);
  EXPECT_EQ(t.size(), 10u);
  EXPECT_LT(t.slot_count(), slots);
  for (int i = 0; i < 10; ++i) {
    const std::string k = std::to_string(i);
    ASSERT_NE(t.Peek(std::string_view(k), H(k)), nullptr) << k;
  }
}

TEST(LruTableTest, ValueReferencesSurviveGrowth) {
  Table t;
  bool inserted;
  int& first = t.FindOrInsert(std::string_view("first"), H("first"), &inserted);
  first = 42;
  for (int i = 0; i < 10'000; ++i) {
    const std::string k = std::to_string(i);
    t.FindOrInsert(std::string_view(k), H(k), &inserted);
  }
  EXPECT_EQ(first, 42);
  EXPECT_EQ(&first, t.Peek(std::string_view("first"), H("first")));
}

// Property test: random operations on tables with deliberately poor hashes
// (long probe runs, wrap-around, backward shifts) against a list model.
class Model {
 public:
  // recency: a lookup moves its entry to the front (EntryOrder::kRecency).
  Model(size_t max_size, bool recency) : max_size_(max_size), recency_(recency) {}
  int* Find(const std::string& k, bool touch) {
    auto it = std::find_if(l_.begin(), l_.end(), [&](auto& e) { return e.first == k; });
    if (it == l_.end()) return nullptr;
    if (!touch || !recency_) return &it->second;
    l_.splice(l_.begin(), l_, it);
    return &l_.front().second;
  }
  int& FindOrInsert(const std::string& k, bool* inserted) {
    *inserted = false;
    if (int* v = Find(k, true)) return *v;
    if (max_size_ > 0 && l_.size() >= max_size_) l_.pop_back();
    l_.emplace_front(k, 0);
    *inserted = true;
    return l_.front().second;
  }
  bool Erase(const std::string& k) {
    auto it = std::find_if(l_.begin(), l_.end(), [&](auto& e) { return e.first == k; });
    if (it == l_.end()) return false;
    l_.erase(it);
    return true;
  }
  size_t EvictOldestWhile(int below) {
    size_t n = 0;
    while (!l_.empty() && l_.back().second < below) {
      l_.pop_back();
      ++n;
    }
    return n;
  }
  size_t EraseIf(int mod) {
    const size_t before = l_.size();
    l_.remove_if([&](auto& e) { return e.second % mod == 0; });
    return before - l_.size();
  }
  std::vector<std::string> Order() const {
    std::vector<std::string> keys;
    for (auto& e : l_) keys.push_back(e.first);
    return keys;
  }

 private:
  size_t max_size_;
  bool recency_;
  std::list<std::pair<std::string, int>> l_;
};

template <typename T>
std::vector<std::string> OrderOf(const T& t) {
  std::vector<std::string> keys;
  t.ForEach([&](const std::string& k, const int&) { keys.push_back(k); });
  return keys;
}

template <EntryOrder kOrder>
void RunRandomOperations(uint32_t seed, size_t max_size, uint64_t (*hash)(std::string_view)) {
  std::mt19937 rng(seed);
  LruTable<std::string, int, std::equal_to<>, kOrder> t(max_size);
  Model m(max_size, kOrder == EntryOrder::kRecency);
  for (int step = 0; step < 3'000; ++step) {
    const std::string k = "key" + std::to_string(rng() % 97);
    const uint64_t h = hash(k);
    const int op = static_cast<int>(rng() % 100);
    if (op < 50) {
      bool ti, mi;
      int& tv = t.FindOrInsert(std::string_view(k), h, &ti);
      int& mv = m.FindOrInsert(k, &mi);
      ASSERT_EQ(ti, mi) << "step " << step;
      ASSERT_EQ(tv, mv) << "step " << step;
      tv = mv = static_cast<int>(rng() % 1000);
    } else if (op < 70) {
      int* tv = t.Find(std::string_view(k), h);
      int* mv = m.Find(k, true);
      ASSERT_EQ(tv == nullptr, mv == nullptr) << "step " << step;
      if (tv != nullptr) {
        ASSERT_EQ(*tv, *mv);
      }
    } else if (op < 80) {
      const int* tv = t.Peek(std::string_view(k), h);
      int* mv = m.Find(k, false);
      ASSERT_EQ(tv == nullptr, mv == nullptr) << "step " << step;
      if (tv != nullptr) {
        ASSERT_EQ(*tv, *mv);
      }
    } else if (op < 92) {
      ASSERT_EQ(t.Erase(std::string_view(k), h), m.Erase(k)) << "step " << step;
    } else if (op < 97) {
      const int below = static_cast<int>(rng() % 300);
      ASSERT_EQ(t.EvictOldestWhile([&](const std::string&, const int& v) { return v < below; }),
                m.EvictOldestWhile(below));
    } else {
      const int mod = 2 + static_cast<int>(rng() % 5);
      ASSERT_EQ(t.EraseIf([&](const std::string&, const int& v) { return v % mod == 0; }), m.EraseIf(mod));
    }
    ASSERT_EQ(OrderOf(t), m.Order()) << "step " << step;
    ASSERT_EQ(t.size(), m.Order().size());
    if (max_size > 0) {
      ASSERT_LE(t.size(), max_size);
    }
    ASSERT_LE(t.size() * 2, t.slot_count());  // at most half full
  }
}

uint64_t GoodHash(std::string_view s) { return std::hash<std::string_view>{}(s); }
uint64_t SevenBuckets(std::string_view s) { return std::hash<std::string_view>{}(s) % 7; }
uint64_t HighBucket(std::string_view s) { return 13 + (std::hash<std::string_view>{}(s) % 3) * 16; }
uint64_t OneHash(std::string_view) { return 15; }

TEST(LruTablePropertyTest, MatchesAListModelUnderRandomOperations) {
  for (uint32_t seed = 1; seed <= 4; ++seed) {
    for (size_t max_size : {size_t{0}, size_t{1}, size_t{5}, size_t{40}}) {
      for (auto hash : {GoodHash, SevenBuckets, HighBucket, OneHash}) {
        SCOPED_TRACE(testing::Message() << "seed " << seed << " max " << max_size);
        RunRandomOperations<EntryOrder::kRecency>(seed, max_size, hash);
        if (testing::Test::HasFatalFailure()) return;
      }
    }
  }
}

TEST(LruTablePropertyTest, InsertionOrderMatchesAFifoModelUnderRandomOperations) {
  for (uint32_t seed = 1; seed <= 2; ++seed) {
    for (size_t max_size : {size_t{0}, size_t{5}}) {
      for (auto hash : {GoodHash, SevenBuckets, OneHash}) {
        SCOPED_TRACE(testing::Message() << "seed " << seed << " max " << max_size);
        RunRandomOperations<EntryOrder::kInsertion>(seed, max_size, hash);
        if (testing::Test::HasFatalFailure()) return;
      }
    }
  }
}

}  // namespace
}  // namespace nethical
