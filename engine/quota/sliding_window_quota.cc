#include "engine/quota/sliding_window_quota.h"

#include <algorithm>

#include "engine/quota/quota_reasons.h"

namespace nethical::quota {

SlidingWindowQuota::SlidingWindowQuota(const QuotaConfig& config, const Clock& clock)
    : clock_(clock),
      requests_per_second_(config.requests_per_second),
      burst_size_(config.burst_size),
      block_threshold_(config.block_threshold),
      idle_ns_(IdleEvictionNanos(config.idle_eviction_seconds)),
      sweep_(clock.NowNanos(), idle_ns_, Table::kShards) {}

QuotaOutcome SlidingWindowQuota::Check(const CheckedEntities& entities) {
  const Ruling ruling = Decide(entities);
  SweepIfDue(ruling.now_ns);

  QuotaOutcome outcome;
  outcome.backpressure = ruling.backpressure;
  switch (ruling.cause) {
    case Ruling::Cause::kNone:
      return outcome;  // ALLOW, even at throttle level: the original's top-level decision
    case Ruling::Cause::kEntity: {
      const EntityKey& key = entities[ruling.entity];
      outcome.reason = WindowExceededReason(key.kind, key.id, ruling.backpressure);
      break;
    }
  }
  outcome.decision = QuotaDecision::kBlock;
  return outcome;
}

SlidingWindowQuota::Ruling SlidingWindowQuota::Decide(const CheckedEntities& entities) {
  Ruling ruling;
  Locked locked(table_, entities.begin(), entities.size());
  const int64_t now = clock_.NowNanos();
  ruling.now_ns = now;

  for (size_t i = 0; i < entities.size(); ++i) {
    const SlidingWindowLog& log = locked[i];
    // Same operations in the same order as the original, so the doubles
    // (and the reason's rounding) match.
    const double request_rate = static_cast<double>(log.CountAtOrAfter(now - kRateWindowNs)) / 60.0;
    const double burst = static_cast<double>(log.CountAtOrAfter(now - kBurstWindowNs));
    const double utilisation = std::max(request_rate / requests_per_second_, burst / burst_size_);
    if (utilisation >= block_threshold_) {
      ruling.cause = Ruling::Cause::kEntity;
      ruling.entity = i;
      ruling.backpressure = utilisation;
      return ruling;
    }
    ruling.backpressure = std::max(ruling.backpressure, utilisation);
  }
  for (size_t i = 0; i < entities.size(); ++i) locked[i].Append(now);
  return ruling;
}

void SlidingWindowQuota::SweepIfDue(int64_t now_ns) {
  const SweepSchedule::Due due = sweep_.Claim(now_ns);
  if (due.count > 0) Sweep(due, now_ns);
}

void SlidingWindowQuota::Sweep(SweepSchedule::Due due, int64_t now_ns) {
  // A log with no time in the last 60 s reads as empty to every later check
  // (they read the clock after this sweep released the shard), so dropping
  // it is exact once it has also been quiet for idle_eviction.
  const int64_t quiet_ns = std::max(idle_ns_, kRateWindowNs);
  for (size_t i = 0; i < due.count; ++i) {
    table_.EraseIf(due.first + i, [&](const StoredEntity&, const SlidingWindowLog& log) {
      return log.empty() || log.newest() < now_ns - quiet_ns;
    });
  }
}

}  // namespace nethical::quota
