#include "engine/risk/risk_tracker.h"

#include <cmath>
#include <functional>

namespace nethical::risk {

RiskTracker::RiskTracker(const Options& options)
    : model_(options.risk),
      shard_capacity_(static_cast<size_t>((options.max_agents + kShards - 1) / kShards)),
      idle_ns_(static_cast<int64_t>(options.idle_seconds * 1e9)),
      shards_(new Shard[kShards]) {}

RiskResult RiskTracker::Update(std::string_view agent_id, const RiskInput& input, int64_t now_ns) {
  // High hash bits pick the shard; the map inside uses the hash again.
  Shard& shard = shards_[(std::hash<std::string_view>{}(agent_id) >> 32) % kShards];
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.index.find(agent_id);
  if (it != shard.index.end()) {
    shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
  } else {
    shard.lru.push_front(Entry{std::string(agent_id), AgentRisk{}});
    shard.index.emplace(shard.lru.front().agent_id, shard.lru.begin());
  }
  RiskResult r = model_.Update(&shard.lru.front().state, input, now_ns);
  EvictLocked(&shard, now_ns);
  return r;
}

void RiskTracker::EvictLocked(Shard* shard, int64_t now_ns) {
  // The back is the least recently updated entry; the front (just updated)
  // is never evicted.
  while (shard->lru.size() > 1) {
    const Entry& oldest = shard->lru.back();
    bool idle = now_ns - oldest.state.last_update_ns > idle_ns_;
    if (!idle && shard->lru.size() <= shard_capacity_) break;
    shard->index.erase(oldest.agent_id);
    shard->lru.pop_back();
  }
}

size_t RiskTracker::AgentCount() const {
  size_t n = 0;
  for (int i = 0; i < kShards; ++i) {
    std::lock_guard<std::mutex> lock(shards_[i].mu);
    n += shards_[i].lru.size();
  }
  return n;
}

}  // namespace nethical::risk
