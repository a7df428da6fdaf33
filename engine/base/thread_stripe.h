// Per-thread stripes of shared state, so that threads updating the same
// figures do not write the same cache line.
//
//   StripedCounters<3> counters;            // three counters, 16 stripes
//   counters.Add(kChecks);                  // on this thread's stripe
//   uint64_t checks = counters.Sum(kChecks);
//
// ThreadStripe() is a small index per thread: the lowest that no live
// thread holds, taken the first time a thread asks and given back when it
// exits. So while at most S live threads hold an index, each has its own
// stripe of a structure of S stripes (ThreadStripe() % S), however many
// threads came and went before them; beyond that some share one (correct,
// only slower).
// Each stripe is its own cache line(s), so a counter's increment stays in
// its core's cache instead of moving the line between cores on every
// update (about 100 ns a transfer on the 2-vCPU VM of docs/benchmarks.md).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace nethical {

namespace thread_stripe_internal {
inline constexpr uint32_t kNone = UINT32_MAX;
extern constinit thread_local uint32_t this_thread;
uint32_t Acquire();  // the lowest free index, held until the thread exits
}  // namespace thread_stripe_internal

inline uint32_t ThreadStripe() {
  using namespace thread_stripe_internal;
  if (this_thread == kNone) [[unlikely]]
    this_thread = Acquire();
  return this_thread;
}

inline constexpr size_t kDefaultStripes = 16;

// kCounters relaxed counters, one set per stripe. Add is a read-modify-write
// on this thread's stripe (threads may share one); Sum adds the stripes up:
// exact once the adding threads are done, a value between the counter's
// earlier and later totals while they run.
template <size_t kCounters, size_t kStripes = kDefaultStripes>
class StripedCounters {
 public:
  void Add(size_t counter, uint64_t by = 1) {
    stripes_[ThreadStripe() % kStripes].counts[counter].fetch_add(by, std::memory_order_relaxed);
  }
  uint64_t Sum(size_t counter) const {
    uint64_t sum = 0;
    for (const Stripe& s : stripes_) sum += s.counts[counter].load(std::memory_order_relaxed);
    return sum;
  }

 private:
  struct alignas(64) Stripe {
    std::array<std::atomic<uint64_t>, kCounters> counts{};
  };
  std::array<Stripe, kStripes> stripes_{};
};

}  // namespace nethical
