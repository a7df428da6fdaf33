// RedisRisk: every agent's risk state kept in Redis, so that the risk an
// agent has accumulated is the same whichever engine (process, host)
// evaluates its next action (NETHICAL_SHARED_RISK=true with
// NETHICAL_SHARED_STATE=redis://...; docs/scale-out.md).
//
//   RedisRisk store(config, clock);      // connects lazily
//   RiskResult r = store.Update("agent-7", input, clock.NowNanos());
//
// One formula (RiskModel) runs in the engines; Redis orders the updates.
// Per agent, two keys: nethical:risk:agent:<id> holds "<era> <version>
// <state>" (a snapshot; agent_risk_codec.h) and nethical:risk:log:<id> the
// updates after it, "<seq> <time_ns> <input>". One Lua script
// (kRedisRiskScript), atomically: appends this update to the log (its
// sequence number is the next), takes the caller's own newer snapshot if it
// has one (trimming the log behind it), and returns what the caller lacks:
// the updates after the version it last saw, or the snapshot and the whole
// log when it saw none (or an older era: the keys expired and started
// again). The caller applies those updates in order, its own last, and the
// result of its own is the action's risk. So every update costs exactly one
// round trip, none is lost, and every engine computes the same state from
// the same ordered updates: an agent's risk is the same whichever engine
// evaluates it. The log stays short (each update's snapshot trims it to the
// updates the caller had not seen); both keys expire after the agent idle
// time (NETHICAL_AGENT_IDLE_SECONDS), as the in-process tracker forgets an
// idle agent. The engine caches the last state it computed per agent
// (bounded by NETHICAL_MAX_AGENTS; a forgotten one is read back whole).
//
// Time: an update's time is the wall clock of the engine that made it
// (clock.WallNanos(); `now_ns` is not used: engines share no monotonic
// clock), applied monotonic per agent (an update dated before the previous
// one counts as at the same time), so hosts' clocks should agree to within
// what matters against a half-life of hours (NTP does).
//
// Failure policy (NETHICAL_SHARED_STATE_FAILURE), when Redis cannot be
// reached, times out, or errs: `open` computes the risk from this engine's
// last seen state (or a new one) without storing it (counted
// fail_open_admits; the agent's cached state is dropped, so the next update
// reads the server's again); `closed` reports the highest risk (score 1,
// tier elevated; counted fail_closed_blocks). Connections, scripts and
// reconnection backoff: engine/shared_state/redis_client.h.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/clock.h"
#include "engine/base/sharded_lru_map.h"
#include "engine/config/engine_config.h"
#include "engine/risk/risk_model.h"
#include "engine/risk/risk_store.h"
#include "engine/shared_state/redis_client.h"

namespace nethical::risk {

// The server-side script (exposed for tests and docs).
extern const char* const kRedisRiskScript;
// The keys of an agent's snapshot and of its log.
std::string RedisRiskKey(std::string_view agent_id);
std::string RedisRiskLogKey(std::string_view agent_id);

class RedisRisk final : public RiskStore {
 public:
  struct Options {
    RiskConfig risk;
    QuotaConfig shared_state;        // its shared_state* fields: server, credentials, timeout, failure policy
    int64_t max_agents = 1'000'000;  // EngineConfig::max_agents: bound of the cache
    double idle_seconds = 3600;      // EngineConfig::agent_idle_seconds: expiry of an agent's key
  };

  // REQUIRES: Validate(options.risk).ok(), options.shared_state.shared_state a valid redis URL.
  RedisRisk(const Options& options, const Clock& clock);

  RiskResult Update(std::string_view agent_id, const RiskInput& input, int64_t now_ns) override;
  std::optional<SharedStateCounts> SharedState() const override;

 private:
  struct Seen {
    std::string era;       // empty: nothing seen
    uint64_t version = 0;  // the state is after the log's updates 1..version
    AgentRisk state;
  };
  RiskResult Failed(std::string_view agent_id, const Seen& seen, const RiskInput& input, int64_t now);
  // Applies the reply's updates to `seen` (the last one is this update,
  // whose result goes to *result); false for a malformed reply.
  bool Apply(const shared_state::RedisReply& reply, const RiskInput& input, Seen* seen,
             RiskResult* result) const;

  const RiskModel model_;
  const Clock& clock_;
  shared_state::RedisClient client_;
  const int script_;
  const SharedStateFailure failure_;
  const std::string ttl_ms_;
  ShardedLruMap<std::string, Seen> seen_;

  shared_state::SharedStateCounters counters_;
};

}  // namespace nethical::risk
