// Time sources. Everything in the engine and the load generator that paces,
// decays, batches or expires takes a `const Clock&`, so tests drive time by
// hand (FakeClock) and never sleep to prove a rate.
//
//   nethical::SteadyClock clock;            // production
//   nethical::FakeClock fake;               // tests
//   fake.Advance(std::chrono::seconds(2));
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace nethical {

class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic nanoseconds since an arbitrary fixed origin. Never goes back.
  virtual int64_t NowNanos() const = 0;
  // Wall-clock nanoseconds since the Unix epoch (for timestamps only; never
  // for measuring intervals).
  virtual int64_t WallNanos() const = 0;
};

// The real clocks: CLOCK_MONOTONIC and CLOCK_REALTIME (vDSO, ~20 ns).
class SteadyClock final : public Clock {
 public:
  int64_t NowNanos() const override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
  }
  int64_t WallNanos() const override {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that moves only when told to. Thread-safe: readers may run while
// a test advances it.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(int64_t start_nanos = 1'000'000'000,
                     int64_t wall_offset_nanos = 1'767'225'600'000'000'000)  // 2026-01-01
      : now_(start_nanos), wall_offset_(wall_offset_nanos) {}

  int64_t NowNanos() const override { return now_.load(std::memory_order_acquire); }
  int64_t WallNanos() const override { return wall_offset_ + NowNanos(); }

  void Advance(std::chrono::nanoseconds d) {
    now_.fetch_add(d.count(), std::memory_order_acq_rel);
  }
  // REQUIRES: nanos >= NowNanos() (time never goes back).
  void SetNanos(int64_t nanos) { now_.store(nanos, std::memory_order_release); }

 private:
  std::atomic<int64_t> now_;
  const int64_t wall_offset_;
};

}  // namespace nethical
