// FakeClock: a Clock that moves only when a test (or a deterministic
// workload) tells it to, so nothing proves a rate by sleeping.
//
//   nethical::FakeClock clock;                 // NowNanos() == 1 s
//   stage.Check(..., clock);
//   clock.Advance(std::chrono::seconds(2));
//
// Test-only: the target is testonly, so no production binary can link it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "engine/base/clock.h"

namespace nethical {

// Thread-safe: readers may run while a test advances it.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t start_nanos = 1'000'000'000,
                     int64_t wall_offset_nanos = 1'767'225'600'000'000'000)  // 2026-01-01
      : now_(start_nanos), wall_offset_(wall_offset_nanos) {}

  int64_t NowNanos() const override { return now_.load(std::memory_order_acquire); }
  int64_t WallNanos() const override { return wall_offset_ + NowNanos(); }

  void Advance(std::chrono::nanoseconds d) { now_.fetch_add(d.count(), std::memory_order_acq_rel); }
  // REQUIRES: nanos >= NowNanos() (time never goes back).
  void SetNanos(int64_t nanos) { now_.store(nanos, std::memory_order_release); }

 private:
  std::atomic<int64_t> now_;
  const int64_t wall_offset_;
};

}  // namespace nethical
