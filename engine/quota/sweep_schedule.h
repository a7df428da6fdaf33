// SweepSchedule: when to look for idle entities, without a sweeper thread.
//
// A full pass over a table's shards is spread over one sweep period
// (idle_eviction / 2, at least 1 s): one shard falls due every period /
// shards. The Check that finds a shard due claims it and sweeps it after it
// has released its own locks. After a quiet spell the first Check catches up
// on what is owed, at most one full pass. So an entity that has been idle
// for idle_eviction is gone within one more period, as long as requests
// arrive; with no requests nothing grows.
#pragma once

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "engine/config/engine_config.h"

namespace nethical::quota {

// idle_eviction_seconds as nanoseconds, clamped to
// [0, QuotaConfig::kMaxIdleEvictionSeconds] so that time arithmetic cannot
// overflow (NaN counts as 0).
inline int64_t IdleEvictionNanos(double seconds) {
  if (!(seconds > 0)) return 0;
  return static_cast<int64_t>(std::min(seconds, QuotaConfig::kMaxIdleEvictionSeconds) * 1e9);
}

class SweepSchedule {
 public:
  // REQUIRES: 0 <= idle_ns <= IdleEvictionNanos(QuotaConfig::kMaxIdleEvictionSeconds), shards > 0.
  SweepSchedule(int64_t start_ns, int64_t idle_ns, size_t shards)
      : shards_(shards),
        step_ns_(std::max<int64_t>(
            std::max<int64_t>(idle_ns / 2, 1'000'000'000) / static_cast<int64_t>(shards), 1)),
        next_due_ns_(start_ns + step_ns_) {}

  // The shards the caller must sweep now: `count` shards from `first` on
  // (modulo the shard count). count == 0 when nothing is due or another
  // caller claimed it.
  struct Due {
    size_t first = 0;
    size_t count = 0;
  };
  Due Claim(int64_t now_ns) {
    int64_t due = next_due_ns_.load(std::memory_order_relaxed);
    if (now_ns < due) return {};
    const int64_t owed = 1 + (now_ns - due) / step_ns_;
    if (!next_due_ns_.compare_exchange_strong(due, due + owed * step_ns_, std::memory_order_relaxed)) {
      return {};
    }
    const size_t count = static_cast<size_t>(std::min<int64_t>(owed, shards_));
    return {cursor_.fetch_add(count, std::memory_order_relaxed), count};
  }

 private:
  const size_t shards_;
  const int64_t step_ns_;
  // Read by every Check, written once per step: its own cache line.
  alignas(64) std::atomic<int64_t> next_due_ns_;
  std::atomic<size_t> cursor_{0};
};

}  // namespace nethical::quota
