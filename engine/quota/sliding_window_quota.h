// SlidingWindowQuota: compat mode (QuotaMode::kCompat), the original's
// sliding-window-log quota (nethical/quotas.py), decision for decision.
//
// Each entity logs the times of its admitted requests (SlidingWindowLog, at
// most 1000). At a check, for each entity in the order agent -> cohort ->
// tenant:
//
//   rate        = (times in the last 60 s) / 60
//   burst       = (times in the last 1 s)
//   utilisation = max(rate / requests_per_second, burst / burst_size)
//
// The first entity with utilisation >= block_threshold BLOCKs the request
// with the original's reason ("cohort c1 exceeded quota: 95.0%
// utilization") and backpressure = its utilisation; later entities are not
// looked at. Otherwise the request is admitted, its time is logged
// for every checked entity, and backpressure is the highest utilisation.
// As in the original, an admitted request is reported as ALLOW even when
// backpressure is at or above throttle_threshold: the throttle shows only in
// backpressure.
//
// Differences from the original, none of which changes a decision the
// original makes for distinct entity ids: entity kinds do not share a
// namespace (EntityKey); a cohort or tenant is logged only when its
// isolation is on (the original logged it regardless, but never read it);
// there is no global bucket; the payload size is not checked here (the
// engine's input screen refuses an oversized text before any stage, so the
// original's "Payload size N exceeds limit M" cannot be reached); the
// check is atomic per request (the original had no lock); times come from
// the injected monotonic clock.
//
// Thread-safe. The clock is read once per Check, while the request's shards
// are locked, so each entity's log stays in time order.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/base/clock.h"
#include "engine/base/sharded_lru_map.h"
#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"
#include "engine/quota/entity_key.h"
#include "engine/quota/sliding_window.h"
#include "engine/quota/sweep_schedule.h"

namespace nethical::quota {

class SlidingWindowQuota {
 public:
  // The original's windows (QuotaConfig.rate_window_seconds and
  // burst_window_seconds, never changed from their defaults).
  static constexpr int64_t kRateWindowNs = 60'000'000'000;
  static constexpr int64_t kBurstWindowNs = 1'000'000'000;

  // REQUIRES: Validate(config).ok() (config_validation.h); clock outlives this.
  SlidingWindowQuota(const QuotaConfig& config, const Clock& clock);

  QuotaOutcome Check(const CheckedEntities& entities);

  size_t LiveEntities() const { return table_.Size(); }

 private:
  // Every entity's state; no global lock, unbounded: idle entities are
  // swept by SweepSchedule with EraseIf, so lookups need keep no order.
  using Table =
      ShardedLruMap<StoredEntity, SlidingWindowLog, EntityKeyHash, EntityKeyEq, EntryOrder::kInsertion>;
  using Locked = Table::Locked<CheckedEntities::kMaxEntities>;

  // What refused a request, if anything; worked out under the shard locks,
  // the reason text is built after they are released.
  struct Ruling {
    enum class Cause { kNone, kEntity };
    Cause cause = Cause::kNone;
    size_t entity = 0;  // for kEntity: index into the CheckedEntities
    double backpressure = 0;
    int64_t now_ns = 0;
  };
  Ruling Decide(const CheckedEntities& entities);
  void SweepIfDue(int64_t now_ns);
  // The sweep itself, out of line: the common no-sweep-due path of every
  // Check then sets up no frame for it.
  [[gnu::noinline]] void Sweep(SweepSchedule::Due due, int64_t now_ns);

  const Clock& clock_;
  const double requests_per_second_;
  const double burst_size_;
  const double block_threshold_;
  const int64_t idle_ns_;
  Table table_;
  SweepSchedule sweep_;
};

}  // namespace nethical::quota
