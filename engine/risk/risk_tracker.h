// RiskTracker: every agent's risk state, sharded so that concurrent callers
// rarely meet, and bounded: an agent idle for longer than `idle_seconds` is
// forgotten, and each shard keeps at most ceil(max_agents / kShards) agents
// (least recently updated first out). A forgotten agent starts again at 0;
// after a day of idleness its risk would have decayed anyway.
//
//   RiskTracker tracker(options);
//   RiskResult r = tracker.Update("agent-7", input, clock.NowNanos());
//
// Thread-safe. Updates of one agent are serialised by its shard's lock; the
// lock covers a hash lookup and the O(1) formula (no allocation except when an
// agent is first seen).
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/config/engine_config.h"
#include "engine/risk/risk_model.h"

namespace nethical::risk {

class RiskTracker {
 public:
  struct Options {
    RiskConfig risk;
    int64_t max_agents = 1'000'000;  // EngineConfig::max_agents
    double idle_seconds = 3600;      // EngineConfig::agent_idle_seconds
  };
  static constexpr int kShards = 64;

  // REQUIRES: Validate(options.risk).ok() and max_agents, idle_seconds as
  // Validate(EngineConfig) allows them (engine/config/config_validation.h).
  explicit RiskTracker(const Options& options);

  // REQUIRES: now_ns never goes back for one agent (a monotonic clock).
  RiskResult Update(std::string_view agent_id, const RiskInput& input, int64_t now_ns);

  // Number of agents currently held (for tests and monitoring).
  size_t AgentCount() const;

 private:
  struct Entry {
    std::string agent_id;
    AgentRisk state;
  };
  // Front = most recently updated.
  using Lru = std::list<Entry>;
  struct alignas(64) Shard {
    mutable std::mutex mu;
    Lru lru;
    std::unordered_map<std::string_view, Lru::iterator> index;  // keys view Entry::agent_id
  };

  void EvictLocked(Shard* shard, int64_t now_ns);

  const RiskModel model_;
  const size_t shard_capacity_;
  const int64_t idle_ns_;
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace nethical::risk
