// RedisQuota: TokenBucketQuota's buckets kept in Redis, so that every engine
// pointing at one server (several processes per region, several hosts)
// shares one budget per agent, cohort, tenant and the global one
// (NETHICAL_SHARED_STATE=redis://HOST:PORT[/DB]; docs/scale-out.md).
//
//   RedisQuota quota(config, clock);   // config.shared_state set; connects lazily
//   QuotaOutcome q = quota.Check(entities);
//
// Each check is one round trip (without leasing, below): EVALSHA of a Lua script (loaded once per
// server with SCRIPT LOAD, reloaded on NOSCRIPT after a restart) that runs
// the same GCRA as TokenBucketQuota atomically on the server, with the
// server's clock (TIME, so hosts' clocks need not agree): read every
// bucket's "full again at" time, refuse if any bucket is empty (the first in
// the order agent, cohort, tenant, global names the reason), and only if
// none is, take a token from each ("check all, then commit"). Keys:
//   nethical:quota:agent:<id>, nethical:quota:cohort:<id>,
//   nethical:quota:tenant:<id>, nethical:quota:global
// each holding the bucket's full-again time in microseconds of the server's
// clock, expiring (PX) one second after that time: an expired key is a full
// bucket, so idle entities cost the server nothing.
//
// Leasing (NETHICAL_SHARED_STATE_LEASE = n > 1): a round trip asks for up
// to n tokens from each bucket it touches (the script grants the same
// number t <= n from every one, at least 1, charging them all at once), and
// the process spends the t - 1 spare tokens of each bucket locally, without
// a round trip, for at most kLeaseLifetimeNs; unspent ones then lapse. A
// request whose buckets all hold a local token costs no round trip; one
// missing some asks Redis for those only. Leased tokens are charged in
// Redis before they are spent, so the shared limit is never exceeded; the
// price is under-admission: at any time each other process may hold up to
// n - 1 charged but unspent tokens of a bucket (and lapsed ones are lost),
// and a spare token is spent up to 100 ms after its charge. With n = 1
// every check is one exact round trip.
//
// Failure policy (NETHICAL_SHARED_STATE_FAILURE): when the server cannot be
// reached, does not answer within NETHICAL_SHARED_STATE_TIMEOUT_MS, or
// replies with an error, `open` admits the action (ALLOW, backpressure 0)
// and `closed` blocks it ("shared quota unavailable: ..."); either way the
// check is counted (SharedStateCounts). Connections, scripts and the
// reconnection backoff: engine/shared_state/redis_client.h. A run never
// crashes on a Redis error.
//
// Thread-safe: the counters are atomics.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/base/clock.h"
#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"
#include "engine/quota/entity_key.h"
#include "engine/shared_state/redis_client.h"
#include "engine/shared_state/redis_url.h"
#include "engine/shared_state/shared_state_counts.h"

namespace nethical::quota {

// The server-side script (exposed for tests and docs).
extern const char* const kRedisQuotaScript;
// The key of an entity's bucket.
std::string RedisBucketKey(const EntityKey& entity);
inline constexpr const char* kRedisGlobalBucketKey = "nethical:quota:global";

class RedisQuota {
 public:
  static constexpr int64_t kLeaseLifetimeNs = 100'000'000;  // spare leased tokens lapse after 100 ms

  // REQUIRES: Validate(config).ok() and config.shared_state non-empty.
  RedisQuota(const QuotaConfig& config, const Clock& clock);
  ~RedisQuota();

  QuotaOutcome Check(const CheckedEntities& entities);
  SharedStateCounts counts() const;

 private:
  QuotaOutcome Failed(const Status& why);

  const Clock& clock_;
  shared_state::RedisClient client_;
  const int script_;
  const SharedStateFailure failure_;
  const double rate_, burst_, global_rate_, throttle_threshold_;
  std::string interval_us_, capacity_us_, global_interval_us_, global_capacity_us_;

  struct Lease {
    uint64_t left = 0;       // spare tokens of this bucket held here
    int64_t expires_ns = 0;  // clock_ time after which they lapse
    double utilisation = 0;  // the bucket's use when they were taken
  };
  const uint64_t lease_;
  std::mutex lease_mu_;  // guards leases_
  std::unordered_map<std::string, Lease> leases_;

  shared_state::SharedStateCounters counters_;
};

}  // namespace nethical::quota
