#include "engine/base/thread_batches.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace nethical {
namespace {

// Records every batch handed over.
struct Sink {
  std::mutex mu;
  std::vector<std::vector<int>> batches;
  auto Apply() {
    return [this](std::span<const int> items) {
      std::lock_guard<std::mutex> lock(mu);
      batches.emplace_back(items.begin(), items.end());
    };
  }
  size_t Items() {
    size_t n = 0;
    for (const auto& b : batches) n += b.size();
    return n;
  }
};

TEST(ThreadBatches, OneThreadsItemsAreHandedOverAtOnce) {
  ThreadBatches<int, 4> batches;
  Sink sink;
  for (int i = 0; i < 10; ++i) {
    batches.Add(i, sink.Apply());
    ASSERT_EQ(sink.batches.size(), static_cast<size_t>(i + 1));
    EXPECT_EQ(sink.batches.back(), std::vector<int>{i});
  }
  EXPECT_FALSE(batches.batching());
}

TEST(ThreadBatches, ThreadsOneAfterAnotherOnTheSameStripeStayUnbatched) {
  // Each thread exits before the next starts and gives its stripe back, so
  // all of them add from the same lane.
  ThreadBatches<int, 4> batches;
  Sink sink;
  for (int t = 0; t < 3; ++t) std::thread([&] { batches.Add(t, sink.Apply()); }).join();
  EXPECT_FALSE(batches.batching());
  EXPECT_EQ(sink.Items(), 3u);
}

TEST(ThreadBatches, ASecondLaneTurnsBatchingOnAndKeepsEachLanesOrder) {
  ThreadBatches<int, 4> batches;
  Sink sink;
  batches.Add(-1, sink.Apply());                               // this thread's lane: at once
  std::thread([&] { batches.Add(-2, sink.Apply()); }).join();  // another lane: batching from here
  EXPECT_TRUE(batches.batching());
  EXPECT_EQ(sink.Items(), 1u);  // -2 waits in its lane
  for (int i = 0; i < 7; ++i) batches.Add(i, sink.Apply());
  ASSERT_EQ(sink.batches.size(), 2u);
  EXPECT_EQ(sink.batches[1], (std::vector<int>{0, 1, 2, 3}));
  batches.Flush(sink.Apply());  // the rest: -2 and 4, 5, 6, one batch per lane
  EXPECT_EQ(sink.Items(), 9u);
  std::vector<std::vector<int>> rest(sink.batches.begin() + 2, sink.batches.end());
  EXPECT_EQ(rest.size(), 2u);
  EXPECT_TRUE(rest == (std::vector<std::vector<int>>{{-2}, {4, 5, 6}}) ||
              rest == (std::vector<std::vector<int>>{{4, 5, 6}, {-2}}));
  batches.Flush(sink.Apply());  // nothing left
  EXPECT_EQ(sink.batches.size(), 4u);
}

TEST(ThreadBatches, ConcurrentThreadsLoseNothing) {
  ThreadBatches<int, 32, 2> batches;  // fewer lanes than threads: some share one
  std::atomic<uint64_t> sum{0}, items{0};
  auto apply = [&](std::span<const int> batch) {
    for (int v : batch) sum.fetch_add(static_cast<uint64_t>(v));
    items.fetch_add(batch.size());
  };
  constexpr int kThreads = 4, kItems = 10001;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 1; i <= kItems; ++i) batches.Add(i, apply);
    });
  for (std::thread& t : threads) t.join();
  batches.Flush(apply);
  EXPECT_EQ(items.load(), uint64_t{kThreads} * kItems);
  EXPECT_EQ(sum.load(), uint64_t{kThreads} * kItems * (kItems + 1) / 2);
}

}  // namespace
}  // namespace nethical
