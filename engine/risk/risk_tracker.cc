#include "engine/risk/risk_tracker.h"

namespace nethical::risk {

RiskTracker::RiskTracker(const Options& options)
    : model_(options.risk),
      idle_ns_(static_cast<int64_t>(options.idle_seconds * 1e9)),
      sweep_every_ns_(idle_ns_ / 8),
      agents_(static_cast<size_t>(options.max_agents)) {}

RiskResult RiskTracker::Update(std::string_view agent_id, const RiskInput& input, int64_t now_ns) {
  auto idle = [&](const AgentRisk& a) { return now_ns - a.last_update_ns > idle_ns_; };
  // The oldest entries are the least recently updated: the shard sweeps
  // them at most once per idle / 8 (sharded_lru_map.h).
  return agents_.WithShardSwept(
      agent_id, now_ns, sweep_every_ns_,
      [&](const std::string&, const AgentRisk& oldest) { return idle(oldest); },
      [&](AgentMap::Table& table, uint64_t hash) {
        bool inserted = false;
        AgentRisk& state = table.FindOrInsert(agent_id, hash, &inserted);
        // Idle but not swept yet: forgotten all the same.
        if (!inserted && idle(state)) state = AgentRisk{};
        return model_.Update(&state, input, now_ns);
      });
}

size_t RiskTracker::AgentCount() const { return agents_.Size(); }

}  // namespace nethical::risk
