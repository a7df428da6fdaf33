#include "engine/correlation/payload_clusters.h"

#include <algorithm>
#include <new>
#include <type_traits>

namespace nethical::correlation {

PayloadClusters::PayloadClusters(int64_t capacity)
    : sets_(static_cast<size_t>(std::max<int64_t>(1, capacity / kWays))),
      ways_(static_cast<int>(std::clamp<int64_t>(capacity, 1, kWays))),
      table_(static_cast<Set*>(std::calloc(sets_, sizeof(Set)))) {
  if (table_ == nullptr) throw std::bad_alloc();
}

size_t PayloadClusters::SetIndex(uint64_t payload) const {
  return static_cast<size_t>((static_cast<unsigned __int128>(payload) * sets_) >> 64);
}

void PayloadClusters::Prefetch(uint64_t payload) const {
  // The two cache lines a lookup reads first: the keys and the last times.
  const char* set = reinterpret_cast<const char*>(&table_[SetIndex(payload)]);
  __builtin_prefetch(set);
  __builtin_prefetch(set + 64);
}

PayloadClusters::Seen PayloadClusters::Observe(uint64_t payload, uint64_t agent, int64_t now,
                                               int64_t tolerance_nanos, int64_t window_nanos) {
  static_assert(std::is_trivially_copyable_v<Set>, "all-zero bytes (calloc) are an empty set");
  // The set from the hash's high bits (multiply-shift: no division).
  Set& set = table_[SetIndex(payload)];
  int w = 0;
  while (w < ways_ && !((set.used >> w & 1) && set.key[w] == payload)) ++w;
  bool fresh = w == ways_;
  if (fresh) {
    // Not held: a free way, else the way whose last action is the oldest.
    w = 0;
    while (w < ways_ && (set.used >> w & 1)) ++w;
    if (w == ways_) {
      w = 0;
      for (int v = 1; v < ways_; ++v)
        if (set.last[v] < set.last[w]) w = v;
      if (now - set.last[w] <= tolerance_nanos) ++forgotten_live_;
    } else {
      set.used |= 1u << w;
      ++size_;
    }
    set.key[w] = payload;
  }
  Cluster& c = set.way[w];
  if (fresh || now - set.last[w] > tolerance_nanos || now - c.first > window_nanos) {
    c.first = now;
    c.agent_count = 0;
    set.last[w] = now;
  }
  set.last[w] = std::max(set.last[w], now);
  const auto end = c.agents.begin() + c.agent_count;
  if (std::find(c.agents.begin(), end, agent) == end && c.agent_count < kMaxAgents)
    c.agents[c.agent_count++] = agent;
  return {c.first, set.last[w], static_cast<int>(c.agent_count)};
}

}  // namespace nethical::correlation
