#include "engine/base/bounded_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace nethical {
namespace {

struct Item {
  int producer = 0;
  uint64_t n = 0;
  std::string text;
};

TEST(BoundedQueueTest, CapacityRoundsUpToAPowerOfTwo) {
  EXPECT_EQ(BoundedQueue<Item>(5, QueueFullPolicy::kDrop).capacity(), 8u);
  EXPECT_EQ(BoundedQueue<Item>(0, QueueFullPolicy::kDrop).capacity(), 2u);
}

TEST(BoundedQueueTest, DropPolicyRefusesWhenFullWithoutCallingFillAndCounts) {
  BoundedQueue<Item> q(2, QueueFullPolicy::kDrop);
  EXPECT_EQ(q.Push([](Item& i) { i.n = 1; }), std::optional<uint64_t>(0));
  EXPECT_EQ(q.Push([](Item& i) { i.n = 2; }), std::optional<uint64_t>(1));
  EXPECT_EQ(q.Push([](Item&) { ADD_FAILURE() << "fill called on a full queue"; }), std::nullopt);
  EXPECT_EQ(q.dropped(), 1u);
  EXPECT_EQ(q.claimed(), 2u);
}

TEST(BoundedQueueTest, PopBatchConsumesInTicketOrderAndFreesSlots) {
  BoundedQueue<Item> q(4, QueueFullPolicy::kDrop);
  for (uint64_t i = 0; i < 3; ++i) q.Push([&](Item& it) { it.n = i * 10; });
  std::vector<std::pair<uint64_t, uint64_t>> seen;
  EXPECT_EQ(q.PopBatch(2, [&](Item& it, uint64_t t) { seen.emplace_back(t, it.n); }), 2u);
  EXPECT_EQ(q.PopBatch(100, [&](Item& it, uint64_t t) { seen.emplace_back(t, it.n); }), 1u);
  EXPECT_EQ(seen, (std::vector<std::pair<uint64_t, uint64_t>>{{0, 0}, {1, 10}, {2, 20}}));
  EXPECT_EQ(q.popped(), 3u);
  // Every slot is free again: four more fit.
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(q.Push([](Item&) {}).has_value());
  EXPECT_EQ(q.dropped(), 0u);
}

TEST(BoundedQueueTest, EmptyQueueHasNoReadyHead) {
  BoundedQueue<Item> q(4, QueueFullPolicy::kBlock);
  EXPECT_FALSE(q.HeadReady());
  EXPECT_EQ(q.PopBatch(10, [](Item&, uint64_t) { ADD_FAILURE(); }), 0u);
  q.Push([](Item&) {});
  EXPECT_TRUE(q.HeadReady());
}

TEST(BoundedQueueTest, SlotBuffersAreReusedFromLapToLap) {
  BoundedQueue<Item> q(2, QueueFullPolicy::kDrop);
  q.Push([](Item& i) { i.text.assign(200, 'x'); });
  q.PopBatch(1, [](Item&, uint64_t) {});
  q.Push([](Item&) {});
  q.Push([](Item& i) {
    // Ticket 2 is slot 0 again: the string kept its buffer.
    EXPECT_GE(i.text.capacity(), 200u);
  });
}

// Property test: random interleavings of pushes and batch pops (one thread)
// agree with a counting model.
TEST(BoundedQueuePropertyTest, DropPolicyMatchesACountingModel) {
  std::mt19937 rng(7);
  BoundedQueue<Item> q(8, QueueFullPolicy::kDrop);
  uint64_t next_push = 0, next_pop = 0, drops = 0;
  for (int step = 0; step < 50'000; ++step) {
    if (rng() % 2 == 0) {
      const bool full = next_push - next_pop == q.capacity();
      const auto t = q.Push([&](Item& it) { it.n = next_push; });
      if (full) {
        ASSERT_FALSE(t.has_value());
        ++drops;
      } else {
        ASSERT_EQ(t, std::optional<uint64_t>(next_push));
        ++next_push;
      }
    } else {
      const size_t want = rng() % 5;
      const size_t expect = std::min<uint64_t>(want, next_push - next_pop);
      const size_t got = q.PopBatch(want, [&](Item& it, uint64_t t) {
        ASSERT_EQ(t, next_pop);
        ASSERT_EQ(it.n, next_pop);
        ++next_pop;
      });
      ASSERT_EQ(got, expect);
    }
    ASSERT_EQ(q.dropped(), drops);
    ASSERT_EQ(q.ApproximateDepth(), next_push - next_pop);
  }
}

// Run under --config=tsan. Blocking producers outrun a small ring; the
// consumer sees every item exactly once, each producer's in its own order,
// and the ticket equals the item's position.
TEST(BoundedQueueConcurrencyTest, BlockPolicyDeliversEveryItemInTicketOrder) {
  constexpr int kProducers = 4;
  constexpr uint64_t kPerProducer = 20'000;
  BoundedQueue<Item> q(16, QueueFullPolicy::kBlock);
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&q, p] {
      for (uint64_t i = 0; i < kPerProducer; ++i) {
        q.Push([&](Item& it) {
          it.producer = p;
          it.n = i;
          it.text = std::to_string(i);
        });
      }
    });
  }
  std::vector<uint64_t> next(kProducers, 0);
  uint64_t expected_ticket = 0;
  while (expected_ticket < kProducers * kPerProducer) {
    const size_t n = q.PopBatch(64, [&](Item& it, uint64_t t) {
      ASSERT_EQ(t, expected_ticket++);
      ASSERT_EQ(it.n, next[it.producer]++);
      ASSERT_EQ(it.text, std::to_string(it.n));
    });
    if (n == 0) std::this_thread::yield();
  }
  for (auto& th : producers) th.join();
  for (int p = 0; p < kProducers; ++p) EXPECT_EQ(next[p], kPerProducer);
  EXPECT_EQ(q.dropped(), 0u);
}

// Run under --config=tsan. Dropping producers never wait; every push is
// either consumed or counted as dropped.
TEST(BoundedQueueConcurrencyTest, DropPolicyAccountsForEveryPush) {
  constexpr int kProducers = 3;
  constexpr uint64_t kPerProducer = 30'000;
  BoundedQueue<Item> q(8, QueueFullPolicy::kDrop);
  std::atomic<uint64_t> accepted{0};
  std::atomic<int> running{kProducers};
  std::vector<std::thread> producers;
  for (int p = 0; p < kProducers; ++p) {
    producers.emplace_back([&, p] {
      for (uint64_t i = 0; i < kPerProducer; ++i) {
        if (q.Push([&](Item& it) {
              it.producer = p;
              it.n = i;
            }))
          accepted.fetch_add(1, std::memory_order_relaxed);
      }
      running.fetch_sub(1, std::memory_order_release);
    });
  }
  uint64_t consumed = 0;
  std::vector<int64_t> last(kProducers, -1);
  for (;;) {
    const bool done = running.load(std::memory_order_acquire) == 0;
    consumed += q.PopBatch(32, [&](Item& it, uint64_t) {
      ASSERT_GT(static_cast<int64_t>(it.n), last[it.producer]);  // per-producer order
      last[it.producer] = static_cast<int64_t>(it.n);
    });
    if (done && !q.HeadReady()) break;
  }
  for (auto& th : producers) th.join();
  EXPECT_EQ(consumed, accepted.load());
  EXPECT_EQ(consumed + q.dropped(), kProducers * kPerProducer);
}

}  // namespace
}  // namespace nethical
