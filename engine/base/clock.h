// Time sources. Everything in the engine and the load generator that paces,
// decays, batches or expires takes a `const Clock&`, so tests drive time by
// hand and never sleep to prove a rate: the test-only FakeClock lives in
// tests/testing/fake_clock.h (target //tests/testing:fake_clock).
//
//   nethical::SteadyClock clock;            // production
#pragma once

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

}  // namespace nethical
