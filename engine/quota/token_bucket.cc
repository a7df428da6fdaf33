#include "engine/quota/token_bucket.h"

namespace nethical::quota {

TokenBucket::TokenBucket(double rate_per_second, double burst)
    : rate_(rate_per_second),
      interval_ns_(1e9 / rate_per_second),
      capacity_ns_(burst * (1e9 / rate_per_second)) {}

TokenBucket::Take ConcurrentTokenBucket::TryTake(double now_ns) {
  double current = full_at_.load(std::memory_order_relaxed);
  for (;;) {
    const TokenBucket::Take take = bucket_.TryTake(current, now_ns);
    if (!take.admitted) return take;
    // Relaxed suffices: the bucket guards no other memory.
    if (full_at_.compare_exchange_weak(current, take.full_at, std::memory_order_relaxed)) {
      return take;
    }
  }
}

}  // namespace nethical::quota
