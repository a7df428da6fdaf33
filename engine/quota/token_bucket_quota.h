// TokenBucketQuota: the default quota mode. One token bucket per entity
// (agent, cohort, tenant; rate requests_per_second, burst burst_size) plus
// an optional global bucket (global_requests_per_second, same burst).
//
// A request is admitted only if every bucket it is checked against has a
// token; then, and only then, it takes one from each ("check all, then
// commit"). A request refused by a later entity therefore costs the earlier
// ones nothing. The entity buckets are committed while their shards are
// locked; the global bucket is taken last with a compare-and-swap, and if it
// is empty nothing else is committed.
//
// Decision: BLOCK if a bucket is empty (the first in the order agent,
// cohort, tenant, global names the reason); otherwise THROTTLE if
// backpressure (the highest utilisation among the buckets) is >=
// throttle_threshold, else ALLOW.
//
// Thread-safe. The clock is read once per Check, before any lock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "engine/base/clock.h"
#include "engine/base/sharded_lru_map.h"
#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"
#include "engine/quota/entity_key.h"
#include "engine/quota/sweep_schedule.h"
#include "engine/quota/token_bucket.h"

namespace nethical::quota {

class TokenBucketQuota {
 public:
  // REQUIRES: Validate(config).ok() (config_validation.h); clock outlives this.
  TokenBucketQuota(const QuotaConfig& config, const Clock& clock);

  QuotaOutcome Check(const CheckedEntities& entities);

  size_t LiveEntities() const { return table_.Size(); }

 private:
  // An entity's bucket: the time it is full again, in ns since origin_ns_.
  struct BucketState {
    double full_at = 0;
  };
  // Every entity's state; no global lock, unbounded: idle entities are
  // swept by SweepSchedule with EraseIf, so lookups need keep no order.
  using Table = ShardedLruMap<StoredEntity, BucketState, EntityKeyHash, EntityKeyEq, EntryOrder::kInsertion>;
  using Locked = Table::Locked<CheckedEntities::kMaxEntities>;

  // What refused a request, if anything. Decide works out the ruling under
  // the shard locks; the reason text is built after they are released.
  struct Ruling {
    enum class Cause { kNone, kEntity, kGlobal };
    Cause cause = Cause::kNone;
    size_t entity = 0;  // for kEntity: index into the CheckedEntities
    double backpressure = 0;
  };
  Ruling Decide(const CheckedEntities& entities, double now);
  void SweepIfDue(int64_t now_ns);
  // The sweep itself, out of line: the common no-sweep-due path of every
  // Check then sets up no frame for it.
  [[gnu::noinline]] void Sweep(SweepSchedule::Due due, int64_t now_ns);

  const Clock& clock_;
  const int64_t origin_ns_;  // bucket times are relative to this, to keep doubles precise
  const TokenBucket bucket_;
  std::optional<ConcurrentTokenBucket> global_;
  const double throttle_threshold_;
  const int64_t idle_ns_;
  Table table_;
  SweepSchedule sweep_;
};

}  // namespace nethical::quota
