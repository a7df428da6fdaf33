#include "engine/quota/token_bucket.h"

#include <algorithm>

namespace nethical::quota {
namespace {

// Rounding slack for the capacity test. full_at and now are large doubles
// (ns since the enforcer started), so `k` intervals added one by one may
// exceed k * interval by a few ulps; without slack the burst-th token of a
// full bucket could be refused. One nanosecond admits nothing a real clock
// could tell apart, and, being a fixed offset rather than a per-take error,
// it does not accumulate.
constexpr double kSlackNs = 1.0;

}  // namespace

TokenBucket::TokenBucket(double rate_per_second, double burst)
    : rate_(rate_per_second),
      interval_ns_(1e9 / rate_per_second),
      capacity_ns_(burst * (1e9 / rate_per_second)) {}

TokenBucket::Take TokenBucket::TryTake(double full_at, double now_ns) const {
  const double after = std::max(full_at, now_ns) + interval_ns_;
  const double debt = after - now_ns;
  if (debt > capacity_ns_ + kSlackNs) return {false, 1.0, full_at};
  return {true, std::min(1.0, debt / capacity_ns_), after};
}

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
