// TokenBucket: `rate` tokens per second refill a bucket of `burst` tokens;
// each admitted request takes one token.
//
// The bucket's whole state is one number, `full_at`: the time (ns, on the
// caller's time axis) at which the bucket is full again. This is the
// "generic cell rate algorithm" form of a token bucket:
//
//   tokens(now) = burst - max(0, full_at - now) / interval,  interval = 1e9 / rate
//
// Taking a token at `now` moves full_at to max(full_at, now) + interval, and
// is allowed while the debt that leaves, full_at' - now, is at most the
// bucket's capacity burst * interval. Refill needs no separate step, an idle
// bucket (full_at <= now) is simply full, and a state of one word can be
// updated with a single compare-and-swap (ConcurrentTokenBucket).
//
//   TokenBucket bucket(/*rate=*/10, /*burst=*/20);
//   double full_at = 0;                    // full since time 0
//   TokenBucket::Take t = bucket.TryTake(full_at, now_ns);
//   if (t.admitted) full_at = t.full_at;   // commit (or drop it: a refund)
#pragma once

#include <atomic>

namespace nethical::quota {

class TokenBucket {
 public:
  // REQUIRES: rate > 0 and burst >= 1, both finite.
  TokenBucket(double rate_per_second, double burst);

  struct Take {
    bool admitted = false;
    // Share of the capacity in use once this request's token is taken, in
    // [0, 1]: (burst - tokens left) / burst. 1 when the request is refused.
    double utilisation = 0;
    // The state after the take; equal to the input when refused.
    double full_at = 0;
  };

  // What taking one token at `now_ns` would do to a bucket in state
  // `full_at`. Pure: the caller commits by storing Take::full_at.
  Take TryTake(double full_at, double now_ns) const {
    const double after = (full_at > now_ns ? full_at : now_ns) + interval_ns_;
    const double debt = after - now_ns;
    if (debt > capacity_ns_ + kSlackNs) return {false, 1.0, full_at};
    const double utilisation = debt / capacity_ns_;
    return {true, utilisation < 1.0 ? utilisation : 1.0, after};
  }

  // True if the bucket has been full for at least `for_ns` at `now_ns`:
  // forgetting it then loses nothing, a new bucket is full too.
  static bool FullSince(double full_at, double now_ns, double for_ns) { return full_at + for_ns <= now_ns; }

  double rate_per_second() const { return rate_; }

 private:
  // Rounding slack for the capacity test. full_at and now are large doubles
  // (ns since the enforcer started), so `k` intervals added one by one may
  // exceed k * interval by a few ulps; without slack the burst-th token of a
  // full bucket could be refused. One nanosecond admits nothing a real clock
  // could tell apart, and, being a fixed offset rather than a per-take
  // error, it does not accumulate.
  static constexpr double kSlackNs = 1.0;

  double rate_;
  double interval_ns_;  // refill time of one token
  double capacity_ns_;  // refill time of the whole bucket: burst * interval
};

// A TokenBucket shared by every caller (the global bucket), updated without
// a lock: one compare-and-swap per admitted request.
class ConcurrentTokenBucket {
 public:
  explicit ConcurrentTokenBucket(TokenBucket bucket) : bucket_(bucket) {}

  // What TryTake would do at `now_ns`, without taking.
  TokenBucket::Take Peek(double now_ns) const {
    return bucket_.TryTake(full_at_.load(std::memory_order_relaxed), now_ns);
  }

  // Takes a token if one is there at `now_ns`.
  TokenBucket::Take TryTake(double now_ns);

  double rate_per_second() const { return bucket_.rate_per_second(); }

 private:
  const TokenBucket bucket_;
  // Its own cache line: every request writes it.
  alignas(64) std::atomic<double> full_at_{0};
};

}  // namespace nethical::quota
