#include "engine/risk/risk_tracker.h"

namespace nethical::risk {

RiskTracker::RiskTracker(const Options& options)
    : model_(options.risk),
      idle_ns_(static_cast<int64_t>(options.idle_seconds * 1e9)),
      agents_(static_cast<size_t>(options.max_agents)) {}

RiskResult RiskTracker::Update(std::string_view agent_id, const RiskInput& input, int64_t now_ns) {
  return agents_.WithShardOf(agent_id, [&](AgentMap::Table& table, uint64_t hash) {
    bool inserted = false;
    AgentRisk& state = table.FindOrInsert(agent_id, hash, &inserted);
    const RiskResult r = model_.Update(&state, input, now_ns);
    // The oldest entries are the least recently updated; the one just
    // updated is the newest and never idle.
    table.EvictOldestWhile([&](const std::string&, const AgentRisk& oldest) {
      return now_ns - oldest.last_update_ns > idle_ns_;
    });
    return r;
  });
}

size_t RiskTracker::AgentCount() const { return agents_.Size(); }

}  // namespace nethical::risk
