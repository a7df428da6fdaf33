#include "engine/quota/token_bucket_quota.h"

#include <algorithm>
#include <array>

#include "engine/quota/quota_reasons.h"

namespace nethical::quota {

TokenBucketQuota::TokenBucketQuota(const QuotaConfig& config, const Clock& clock)
    : clock_(clock),
      origin_ns_(clock.NowNanos()),
      bucket_(config.requests_per_second, config.burst_size),
      throttle_threshold_(config.throttle_threshold),
      idle_ns_(IdleEvictionNanos(config.idle_eviction_seconds)),
      sweep_(origin_ns_, idle_ns_, Table::kShards) {
  if (config.global_requests_per_second > 0) {
    global_.emplace(TokenBucket(config.global_requests_per_second, config.burst_size));
  }
}

QuotaOutcome TokenBucketQuota::Check(const CheckedEntities& entities) {
  const int64_t now_ns = clock_.NowNanos();
  const Ruling ruling = Decide(entities, static_cast<double>(now_ns - origin_ns_));
  SweepIfDue(now_ns);

  QuotaOutcome outcome;
  outcome.backpressure = ruling.backpressure;
  switch (ruling.cause) {
    case Ruling::Cause::kNone:
      outcome.decision =
          ruling.backpressure >= throttle_threshold_ ? QuotaDecision::kThrottle : QuotaDecision::kAllow;
      return outcome;
    case Ruling::Cause::kEntity: {
      const EntityKey& key = entities[ruling.entity];
      outcome.reason = BucketExhaustedReason(key.kind, key.id, bucket_.rate_per_second());
      break;
    }
    case Ruling::Cause::kGlobal:
      outcome.reason = GlobalBucketExhaustedReason(global_->rate_per_second());
      break;
  }
  outcome.decision = QuotaDecision::kBlock;
  return outcome;
}

TokenBucketQuota::Ruling TokenBucketQuota::Decide(const CheckedEntities& entities, double now) {
  Ruling ruling;
  Locked locked(table_, entities.begin(), entities.size());

  std::array<TokenBucket::Take, CheckedEntities::kMaxEntities> takes;
  size_t first_refused = entities.size();
  for (size_t i = 0; i < entities.size(); ++i) {
    takes[i] = bucket_.TryTake(locked[i].full_at, now);
    ruling.backpressure = std::max(ruling.backpressure, takes[i].utilisation);
    if (!takes[i].admitted && first_refused == entities.size()) first_refused = i;
  }
  bool global_refused = false;
  if (global_) {
    const TokenBucket::Take peek = global_->Peek(now);
    ruling.backpressure = std::max(ruling.backpressure, peek.utilisation);
    global_refused = !peek.admitted;
  }

  if (first_refused < entities.size()) {
    ruling.cause = Ruling::Cause::kEntity;
    ruling.entity = first_refused;
    return ruling;
  }
  if (global_refused) {
    ruling.cause = Ruling::Cause::kGlobal;
    return ruling;
  }
  if (global_) {
    // Taken for real only now, as the last step: another request may have
    // emptied it since the peek, and then this one takes nothing anywhere.
    const TokenBucket::Take take = global_->TryTake(now);
    ruling.backpressure = std::max(ruling.backpressure, take.utilisation);
    if (!take.admitted) {
      ruling.cause = Ruling::Cause::kGlobal;
      return ruling;
    }
  }
  for (size_t i = 0; i < entities.size(); ++i) locked[i].full_at = takes[i].full_at;
  return ruling;
}

void TokenBucketQuota::SweepIfDue(int64_t now_ns) {
  const SweepSchedule::Due due = sweep_.Claim(now_ns);
  if (due.count > 0) Sweep(due, now_ns);
}

void TokenBucketQuota::Sweep(SweepSchedule::Due due, int64_t now_ns) {
  const double now = static_cast<double>(now_ns - origin_ns_);
  const double idle = static_cast<double>(idle_ns_);
  for (size_t i = 0; i < due.count; ++i) {
    table_.EraseIf(due.first + i, [&](const StoredEntity&, const BucketState& s) {
      return TokenBucket::FullSince(s.full_at, now, idle);
    });
  }
}

}  // namespace nethical::quota
