#include "engine/base/thread_stripe.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <barrier>
#include <cstdint>
#include <set>
#include <thread>
#include <vector>

namespace nethical {
namespace {

TEST(ThreadStripe, IsStableWithinAThread) { EXPECT_EQ(ThreadStripe(), ThreadStripe()); }

TEST(ThreadStripe, ThreadsRunningAtOnceGetDistinctStripes) {
  constexpr int kThreads = 8;
  std::vector<uint32_t> stripes(kThreads);
  std::barrier all_asked(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      stripes[t] = ThreadStripe();
      all_asked.arrive_and_wait();  // nobody exits (and gives its index back) before all have one
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(std::set<uint32_t>(stripes.begin(), stripes.end()).size(), kThreads);
}

TEST(ThreadStripe, AnExitedThreadsStripeIsGivenBack) {
  // A new thread takes the lowest index no live thread holds. Only this
  // thread lives besides it (the threads of earlier tests were joined), so
  // after 100 threads one after another that is still 0 or 1.
  (void)ThreadStripe();
  uint32_t highest = 0;
  for (int i = 0; i < 100; ++i) {
    std::thread([&] { highest = std::max(highest, ThreadStripe()); }).join();
  }
  EXPECT_LE(highest, 1u);
}

TEST(StripedCounters, SumIsExactAfterConcurrentAdds) {
  StripedCounters<3, 4> counters;  // fewer stripes than threads: some share
  constexpr int kThreads = 6, kAdds = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kAdds; ++i) {
        counters.Add(0);
        counters.Add(2, 3);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(counters.Sum(0), uint64_t{kThreads} * kAdds);
  EXPECT_EQ(counters.Sum(1), 0u);
  EXPECT_EQ(counters.Sum(2), uint64_t{3} * kThreads * kAdds);
}

TEST(StripedCounters, EachStripeHasItsOwnCacheLine) {
  EXPECT_GE(sizeof(StripedCounters<1, 2>), 2 * 64u);
  EXPECT_EQ(alignof(StripedCounters<1, 2>), 64u);
}

}  // namespace
}  // namespace nethical
