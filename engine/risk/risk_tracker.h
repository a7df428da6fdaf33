// RiskTracker: every agent's risk state in this process (the RiskStore
// without NETHICAL_SHARED_RISK), sharded so that concurrent callers
// rarely meet, and bounded: an agent idle for longer than `idle_seconds` is
// forgotten, and each shard keeps at most ceil(max_agents / kShards) agents
// (least recently updated first out). A forgotten agent starts again at 0;
// after a day of idleness its risk would have decayed anyway.
//
//   RiskTracker tracker(options);
//   RiskResult r = tracker.Update("agent-7", input, clock.NowNanos());
//
// Idleness: an agent whose last update is more than `idle_seconds` old
// starts again at 0 on its next update, whether or not it is still held.
// Each shard sweeps out its idle agents at most once per idle_seconds / 8
// (reading the oldest agent of a shard on every update was a cache miss
// per action), so an idle agent is held for up to idle_seconds * 9 / 8
// while updates reach its shard.
//
// Thread-safe: the states live in a ShardedLruMap (engine/base), so updates
// of one agent are serialised by its shard's lock; the lock covers a hash
// lookup, the O(1) formula and, when due, the idle sweep of the shard's
// oldest entries (no allocation except when an agent is first seen).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/sharded_lru_map.h"
#include "engine/config/engine_config.h"
#include "engine/risk/risk_model.h"
#include "engine/risk/risk_store.h"

namespace nethical::risk {

class RiskTracker final : public RiskStore {
 public:
  struct Options {
    RiskConfig risk;
    int64_t max_agents = 1'000'000;  // EngineConfig::max_agents
    double idle_seconds = 3600;      // EngineConfig::agent_idle_seconds
  };
  using AgentMap = ShardedLruMap<std::string, AgentRisk>;
  static constexpr size_t kShards = AgentMap::kShards;

  // REQUIRES: Validate(options.risk).ok() and max_agents, idle_seconds as
  // Validate(EngineConfig) allows them (engine/config/config_validation.h).
  explicit RiskTracker(const Options& options);

  // REQUIRES: now_ns never goes back for one agent (a monotonic clock).
  RiskResult Update(std::string_view agent_id, const RiskInput& input, int64_t now_ns) override;

  // Number of agents currently held (for tests and monitoring).
  size_t AgentCount() const;

 private:
  const RiskModel model_;
  const int64_t idle_ns_;
  const int64_t sweep_every_ns_;  // idle_ns_ / 8
  AgentMap agents_;               // at most ceil(max_agents / kShards) per shard
};

}  // namespace nethical::risk
