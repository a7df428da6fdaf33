#include "engine/anomaly/ticket_windows.h"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace nethical::anomaly {
namespace {

TEST(TicketWindowsTest, TheLastSampleOfEachWindowReturnsItsCounts) {
  TicketWindows<3> w;
  EXPECT_FALSE(w.Add(0, 3, 0).has_value());
  EXPECT_FALSE(w.Add(0, 3, 2).has_value());
  const auto first = w.Add(0, 3, 2);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(*first, (std::array<uint32_t, 3>{1, 0, 2}));
  // The next window starts empty; windows may differ in size.
  EXPECT_FALSE(w.Add(1, 2, 1).has_value());
  EXPECT_EQ(*w.Add(1, 2, 1), (std::array<uint32_t, 3>{0, 2, 0}));
  EXPECT_EQ(*w.Add(2, 1, 0), (std::array<uint32_t, 3>{1, 0, 0}));
}

TEST(TicketWindowsTest, WindowsCompletedOutOfOrderKeepTheirOwnCounts) {
  // Window 1 completes while window 0 still waits for its last sample.
  TicketWindows<2> w;
  EXPECT_FALSE(w.Add(0, 2, 0).has_value());
  EXPECT_FALSE(w.Add(1, 2, 1).has_value());
  EXPECT_EQ(*w.Add(1, 2, 1), (std::array<uint32_t, 2>{0, 2}));
  EXPECT_EQ(*w.Add(0, 2, 0), (std::array<uint32_t, 2>{2, 0}));
}

// Four threads (more than this machine's cores, so threads are preempted
// mid-sample) take tickets and add each sample to the bin of its window's
// parity: every window must come back whole, all its samples in its one
// bin, exactly once (run under --config=tsan too).
TEST(TicketWindowsTest, ConcurrentSamplesLandInTheirOwnWindowExactly) {
  constexpr uint32_t kSize = 50;
  constexpr int kThreads = 4, kPerThread = 5000;
  TicketWindows<2> w;
  std::atomic<uint64_t> tickets{0};
  std::mutex mu;
  std::vector<std::array<uint32_t, 2>> completed;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        const uint64_t window = tickets.fetch_add(1) / kSize;
        if (auto counts = w.Add(window, kSize, window % 2)) {
          std::lock_guard<std::mutex> lock(mu);
          completed.push_back(*counts);
        }
      }
    });
  for (auto& t : threads) t.join();
  ASSERT_EQ(completed.size(), kThreads * kPerThread / kSize);
  int even = 0;
  for (const auto& counts : completed) {
    ASSERT_TRUE((counts == std::array<uint32_t, 2>{kSize, 0}) ||
                (counts == std::array<uint32_t, 2>{0, kSize}))
        << counts[0] << " + " << counts[1];
    even += counts[0] == kSize;
  }
  EXPECT_EQ(even, static_cast<int>(completed.size()) / 2);
}

}  // namespace
}  // namespace nethical::anomaly
