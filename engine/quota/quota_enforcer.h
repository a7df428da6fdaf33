// QuotaEnforcer: the engine's first stage. Decides, per request, whether the
// agent, its cohort and its tenant (the region) are within their request
// rate. (Payload size is not a quota: the engine's input screen refuses a
// text above max_payload_bytes before any stage runs, engine/input_check.h.)
//
//   nethical::SteadyClock clock;
//   nethical::quota::QuotaEnforcer quota(config.quota, clock);
//   QuotaOutcome q = quota.Check(action.agent_id, action.cohort, config.region_id);
//   if (q.decision == QuotaDecision::kBlock) return Blocked(q.reason);
//
// Outcome: ALLOW; THROTTLE (admitted, but some budget is at or above
// throttle_threshold of its capacity); or BLOCK with a reason naming what
// was exceeded ("agent agent_0001 exceeded quota: 10.0 req/s burst
// exhausted"). backpressure is
// the highest utilisation (0..1) among the budgets checked. A BLOCKed
// request spends no budget.
//
// Modes (QuotaConfig::mode):
//   kTokenBucket  token buckets per agent, cohort and tenant, plus an
//                 optional global one (token_bucket_quota.h).
//   kCompat       the original's sliding-window log, reproduced decision for
//                 decision (sliding_window_quota.h).
// With QuotaConfig::shared_state set (token-bucket mode only), the token
// buckets live in Redis, shared by every engine using that server
// (redis_quota.h, docs/scale-out.md).
// Agent, cohort and tenant ids live in separate namespaces in both modes.
//
// Memory: one small state per live entity; entities idle for
// idle_eviction_seconds are dropped, which is exact (an idle budget is full,
// as a new one would be). QuotaConfig::enabled is the engine's switch and is
// not consulted here.
//
// Thread-safe, no global lock: entity state is sharded by hash, each shard
// with its own mutex; the global bucket is a lock-free compare-and-swap.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>

#include "engine/base/clock.h"
#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"
#include "engine/shared_state/shared_state_counts.h"

namespace nethical::quota {

class TokenBucketQuota;
class SlidingWindowQuota;
class RedisQuota;

class QuotaEnforcer {
 public:
  // config: EngineConfig::quota. REQUIRES: Validate(config).ok()
  // (engine/config/config_validation.h; an invalid config is not undefined
  // behaviour, but its decisions are unspecified). clock outlives this.
  QuotaEnforcer(const QuotaConfig& config, const Clock& clock);
  ~QuotaEnforcer();

  QuotaEnforcer(const QuotaEnforcer&) = delete;
  QuotaEnforcer& operator=(const QuotaEnforcer&) = delete;

  // Thread-safe; no global lock. tenant: the region id ("" = none); cohort
  // "" = none. Reads the clock once.
  QuotaOutcome Check(std::string_view agent_id, std::string_view cohort, std::string_view tenant);

  // Entities (agents, cohorts, tenants) currently held in memory (0 with
  // shared state: they live in Redis).
  size_t LiveEntities() const;
  // What the shared state did; empty unless QuotaConfig::shared_state is set.
  std::optional<SharedStateCounts> SharedState() const;

 private:
  const bool cohort_isolation_;
  const bool tenant_isolation_;
  // Exactly one is set, by QuotaConfig::mode.
  std::unique_ptr<TokenBucketQuota> token_bucket_;
  std::unique_ptr<SlidingWindowQuota> sliding_window_;
  std::unique_ptr<RedisQuota> shared_;
};

}  // namespace nethical::quota
