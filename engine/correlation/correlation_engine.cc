#include "engine/correlation/correlation_engine.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <unordered_map>

#include "engine/base/byte_entropy.h"
#include "engine/base/string_map.h"

namespace nethical::correlation {
namespace {

constexpr int64_t kBucketNanos = CorrelationEngine::kBucketSeconds * 1'000'000'000;
constexpr int kRing = CorrelationEngine::kBuckets;
constexpr int kRecentPayloads = CorrelationEngine::kRecentPayloads;

template <typename V>
using IdMap = StringMap<V>;

// Buckets a window of `seconds` spans (rounded up).
int BucketsOf(int64_t seconds) {
  return static_cast<int>((seconds + CorrelationEngine::kBucketSeconds - 1) /
                          CorrelationEngine::kBucketSeconds);
}

struct AgentBucket {
  int64_t epoch = -1;
  uint32_t count = 0;
  uint32_t flagged = 0;
  double sum_len = 0;
  double sum_entropy = 0;
  double min_entropy = std::numeric_limits<double>::infinity();
  double max_entropy = -std::numeric_limits<double>::infinity();
};

struct Signature {
  double log_count = 0, mean_len = 0, mean_entropy = 0;
};

struct Agent {
  std::string id;
  uint64_t hash = 0;  // StringHash of id: its slot in State::hints
  std::array<AgentBucket, kRing> ring;
  int64_t last_epoch = -1;
  int64_t listed_epoch = -1;
  uint32_t flagged_held = 0;                     // its count in the escalation multiset (0: not in it)
  std::array<double, kRecentPayloads> recent{};  // the last payloads' entropies (a ring)
  uint8_t recent_count = 0;
  uint8_t recent_next = 0;
  bool in_population = false;
  Signature sig;
  uint64_t cell = 0;
};

struct Sums {
  uint32_t count = 0, flagged = 0;
  double sum_len = 0, sum_entropy = 0;
  double min_entropy = std::numeric_limits<double>::infinity();
  double max_entropy = -std::numeric_limits<double>::infinity();
};

// The agent's buckets from epoch `now - buckets + 1` to `now`.
Sums SumOver(const Agent& a, int64_t now_epoch, int buckets) {
  Sums s;
  for (int i = 0; i < buckets; ++i) {
    const int64_t ep = now_epoch - i;
    if (ep < 0) break;
    const AgentBucket& b = a.ring[ep % kRing];
    if (b.epoch != ep) continue;
    s.count += b.count;
    s.flagged += b.flagged;
    s.sum_len += b.sum_len;
    s.sum_entropy += b.sum_entropy;
    s.min_entropy = std::min(s.min_entropy, b.min_entropy);
    s.max_entropy = std::max(s.max_entropy, b.max_entropy);
  }
  return s;
}

double Similarity(const Signature& a, const Signature& b) {
  auto one = [](double x, double y) {
    const double m = std::max(x, y);
    return m <= 0 ? 1.0 : 1.0 - std::abs(x - y) / m;
  };
  return (one(a.log_count, b.log_count) + one(a.mean_len, b.mean_len) + one(a.mean_entropy, b.mean_entropy)) /
         3.0;
}

uint64_t CellOf(const Signature& s) {
  const uint64_t c = static_cast<uint64_t>(std::floor(s.log_count));
  const uint64_t l = static_cast<uint64_t>(std::floor(std::log2(1 + s.mean_len) * 2));
  const uint64_t e = static_cast<uint64_t>(std::floor(s.mean_entropy * 2));
  return (c << 40) | (l << 20) | e;
}

struct TargetSlot {
  int64_t epoch = -1;
  IdMap<uint32_t> targets;
  IdMap<uint32_t> agents;
};

std::string Fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

std::string_view PatternName(Pattern p) {
  switch (p) {
    case Pattern::kEscalatingMultiIdProbes:
      return "escalating_multi_id_probes";
    case Pattern::kPayloadEntropyShift:
      return "payload_entropy_shift";
    case Pattern::kCoordinatedAttack:
      return "coordinated_attack";
    case Pattern::kDistributedReconnaissance:
      return "distributed_reconnaissance";
    case Pattern::kAnomalousAgentCluster:
      return "anomalous_agent_cluster";
  }
  return "unknown";
}

std::string_view MatchSeverityName(MatchSeverity s) {
  switch (s) {
    case MatchSeverity::kMedium:
      return "medium";
    case MatchSeverity::kHigh:
      return "high";
    case MatchSeverity::kCritical:
      return "critical";
  }
  return "medium";
}

struct CorrelationEngine::State {
  explicit State(const Config& c)
      : config(c),
        esc_buckets(BucketsOf(c.escalation_window_seconds)),
        entropy_buckets(BucketsOf(c.entropy_window_seconds)),
        recon_buckets(BucketsOf(c.recon_window_seconds)),
        cluster_buckets(BucketsOf(c.cluster_window_seconds)),
        hint_shift(64 - HintBits(c.max_agents)),
        hints(new std::atomic<Agent*>[size_t{1} << HintBits(c.max_agents)]()),
        payloads(c.max_payload_clusters) {
    activity_epochs.fill(-1);
  }

  // Twice max_agents slots (a power of two), at most 2^20 (8 MiB).
  static int HintBits(int64_t max_agents) {
    int bits = 4;
    while (bits < 20 && (int64_t{1} << bits) < 2 * max_agents) ++bits;
    return bits;
  }

  const Config& config;
  const int esc_buckets, entropy_buckets, recon_buckets, cluster_buckets;
  // An agent by the top bits of its hash: the last one created or looked
  // up in that slot, or null. Under the lock it spares the map lookup (a
  // chain of dependent cache misses); before it, Observe prefetches the
  // agent the slot names (only prefetches: the agent may be gone by then).
  // Written under the lock; the atomics let Observe read a slot without it.
  const int hint_shift;
  const std::unique_ptr<std::atomic<Agent*>[]> hints;
  std::atomic<Agent*>& HintFor(uint64_t hash) const { return hints[hash >> hint_shift]; }

  // Everything below is written under the lock by whichever thread holds
  // it, so it starts on a cache line of its own, away from the members
  // above, which Observe reads before it takes the lock.
  alignas(64) int64_t epoch = -1;  // the latest epoch seen
  IdMap<std::unique_ptr<Agent>> agents;
  // Per epoch slot, the agents active in that epoch (each once).
  std::array<std::vector<Agent*>, kRing> activity;
  std::array<int64_t, kRing> activity_epochs;

  // escalation: flagged count -> agents with that count (counts >= min_probes)
  std::map<uint32_t, uint32_t> flagged_counts;
  uint32_t probing_agents = 0;

  // anomalous cluster: population sums and cells
  double pop_log_count = 0, pop_len = 0, pop_entropy = 0;
  uint32_t pop_agents = 0;
  std::unordered_map<uint64_t, uint32_t> cells;

  // coordinated attack
  PayloadClusters payloads;

  // reconnaissance
  std::array<TargetSlot, kRing> target_slots;
  IdMap<uint32_t> target_totals;
  IdMap<uint32_t> target_agent_totals;

  Stats stats;

  void SetFlagged(Agent& a, uint32_t flagged) {
    const uint32_t min_probes = static_cast<uint32_t>(config.escalation_min_probes);
    const uint32_t now_held = flagged >= min_probes ? flagged : 0;
    if (now_held == a.flagged_held) return;
    if (a.flagged_held != 0) {
      auto it = flagged_counts.find(a.flagged_held);
      if (--it->second == 0) flagged_counts.erase(it);
      --probing_agents;
    }
    if (now_held != 0) {
      ++flagged_counts[now_held];
      ++probing_agents;
    }
    a.flagged_held = now_held;
  }

  void LeavePopulation(Agent& a) {
    if (!a.in_population) return;
    pop_log_count -= a.sig.log_count;
    pop_len -= a.sig.mean_len;
    pop_entropy -= a.sig.mean_entropy;
    --pop_agents;
    auto it = cells.find(a.cell);
    if (--it->second == 0) cells.erase(it);
    a.in_population = false;
  }

  // An agent that stays in its cell (the usual case) updates the sums in
  // place, without touching the cell map.
  void SetSignature(Agent& a, const Sums& s) {
    if (s.count < kMinSignatureActions) {
      LeavePopulation(a);
      return;
    }
    const Signature sig{std::log2(1.0 + s.count), s.sum_len / s.count, s.sum_entropy / s.count};
    const uint64_t cell = CellOf(sig);
    if (a.in_population && cell != a.cell) LeavePopulation(a);
    if (a.in_population) {
      pop_log_count += sig.log_count - a.sig.log_count;
      pop_len += sig.mean_len - a.sig.mean_len;
      pop_entropy += sig.mean_entropy - a.sig.mean_entropy;
    } else {
      pop_log_count += sig.log_count;
      pop_len += sig.mean_len;
      pop_entropy += sig.mean_entropy;
      ++pop_agents;
      ++cells[cell];
      a.in_population = true;
    }
    a.sig = sig;
    a.cell = cell;
  }

  // Brings the agent's window aggregates up to `epoch`.
  void Refresh(Agent& a) {
    SetFlagged(a, SumOver(a, epoch, esc_buckets).flagged);
    SetSignature(a, SumOver(a, epoch, cluster_buckets));
  }

  void ExpireTargets(int64_t expired_epoch) {
    if (expired_epoch < 0) return;
    TargetSlot& slot = target_slots[expired_epoch % kRing];
    if (slot.epoch != expired_epoch) return;
    auto subtract = [](IdMap<uint32_t>& totals, const IdMap<uint32_t>& part) {
      for (const auto& [key, n] : part) {
        auto it = totals.find(key);
        if (it == totals.end()) continue;
        if (it->second <= n)
          totals.erase(it);
        else
          it->second -= n;
      }
    };
    subtract(target_totals, slot.targets);
    subtract(target_agent_totals, slot.agents);
    slot.targets.clear();
    slot.agents.clear();
    slot.epoch = -1;
  }

  void RefreshListed(int64_t listed_epoch) {
    if (listed_epoch < 0) return;
    const int slot = listed_epoch % kRing;
    if (activity_epochs[slot] != listed_epoch) return;
    for (Agent* a : activity[slot]) Refresh(*a);
  }

  // Moves time to `now_epoch`: window edges pass, old slots are recycled and
  // agents idle for the whole ring are dropped.
  void Advance(int64_t now_epoch) {
    if (epoch < 0) {
      epoch = now_epoch;
      activity_epochs[now_epoch % kRing] = now_epoch;
      return;
    }
    if (now_epoch <= epoch) return;
    const int64_t from = std::max(epoch + 1, now_epoch - 2 * kRing);
    epoch = now_epoch;
    for (int64_t ep = from; ep <= now_epoch; ++ep) {
      RefreshListed(ep - esc_buckets);
      if (cluster_buckets != esc_buckets) RefreshListed(ep - cluster_buckets);
      ExpireTargets(ep - recon_buckets);
      const int slot = ep % kRing;
      const int64_t old = activity_epochs[slot];
      if (old >= 0 && old < ep) {
        for (Agent* a : activity[slot]) {
          if (a->last_epoch == old) {  // idle since: drop it
            SetFlagged(*a, 0);
            LeavePopulation(*a);
            std::atomic<Agent*>& hint = HintFor(a->hash);
            if (hint.load(std::memory_order_relaxed) == a) hint.store(nullptr, std::memory_order_relaxed);
            agents.erase(a->id);
          } else {
            Refresh(*a);
          }
        }
        activity[slot].clear();
      }
      activity_epochs[slot] = ep;
      if (target_slots[slot].epoch >= 0 && target_slots[slot].epoch < ep)
        ExpireTargets(target_slots[slot].epoch);
    }
  }
};

CorrelationEngine::CorrelationEngine(const Config& config)
    : config_(config), state_(std::make_unique<State>(config_)) {}

CorrelationEngine::~CorrelationEngine() = default;

CorrelationEngine::Stats CorrelationEngine::GetStats() const {
  std::lock_guard<SpinLock> lock(mu_);
  Stats s = state_->stats;
  s.tracked_agents = state_->agents.size();
  s.payload_clusters = state_->payloads.size();
  s.payload_clusters_forgotten = state_->payloads.forgotten_live();
  return s;
}

std::vector<CorrelationMatch> CorrelationEngine::Observe(const Observation& action) {
  // The payload's cluster set is fetched while the entropy is counted,
  // not under the lock.
  const uint64_t payload_hash = std::hash<std::string_view>{}(action.payload);
  if (!action.payload.empty()) state_->payloads.Prefetch(payload_hash);
  const uint64_t agent_hash = StringHash{}(action.agent_id);
  std::atomic<Agent*>& hint = state_->HintFor(agent_hash);
  // The agent's state is fetched while the entropy is counted, not under
  // the lock (where each of its cache lines would be a wait, the lines
  // another core wrote last).
  if (Agent* likely = hint.load(std::memory_order_relaxed); likely != nullptr) {
    const auto at = reinterpret_cast<uintptr_t>(likely);  // no access: it may be gone
    for (size_t line = 0; line < sizeof(Agent); line += 64)
      __builtin_prefetch(reinterpret_cast<void*>(at + line));
  }
  const double entropy = ByteEntropy(action.payload);
  const int64_t now = action.now_nanos;
  const int64_t now_epoch = std::max<int64_t>(0, now / kBucketNanos);
  const Config& c = config_;
  std::vector<CorrelationMatch> out;

  std::lock_guard<SpinLock> lock(mu_);
  State& s = *state_;
  s.Advance(now_epoch);
  const int64_t epoch = s.epoch;  // a late caller's action lands in the current epoch
  ++s.stats.actions;

  // --- per-agent state ---
  Agent* agent = hint.load(std::memory_order_relaxed);  // live: a dropped agent leaves its slot
  if (agent == nullptr || agent->id != action.agent_id) {
    agent = nullptr;
    if (auto it = s.agents.find(action.agent_id); it != s.agents.end()) {
      agent = it->second.get();
    } else if (s.agents.size() < static_cast<size_t>(c.max_agents)) {
      auto fresh = std::make_unique<Agent>();
      fresh->id = std::string(action.agent_id);
      fresh->hash = agent_hash;
      agent = fresh.get();
      s.agents.emplace(fresh->id, std::move(fresh));
    } else {
      ++s.stats.untracked_actions;
    }
    if (agent != nullptr) hint.store(agent, std::memory_order_relaxed);
  }

  if (agent != nullptr) {
    AgentBucket& b = agent->ring[epoch % kRing];
    if (b.epoch != epoch) b = AgentBucket{.epoch = epoch};
    ++b.count;
    b.flagged += action.flagged;
    b.sum_len += static_cast<double>(action.payload.size());
    b.sum_entropy += entropy;
    b.min_entropy = std::min(b.min_entropy, entropy);
    b.max_entropy = std::max(b.max_entropy, entropy);
    agent->last_epoch = epoch;
    if (agent->listed_epoch != epoch) {
      s.activity[epoch % kRing].push_back(agent);
      agent->listed_epoch = epoch;
    }

    // escalating_multi_id_probes
    const Sums esc = SumOver(*agent, epoch, s.esc_buckets);
    s.SetFlagged(*agent, esc.flagged);
    if (action.flagged && agent->flagged_held != 0 &&
        s.probing_agents >= static_cast<uint32_t>(c.escalation_min_agents)) {
      const double lo = s.flagged_counts.begin()->first;
      const double hi = s.flagged_counts.rbegin()->first;
      const double ratio = (hi - lo) / std::max(lo, 1.0);
      if (ratio >= c.escalation_ratio && hi - lo >= kEscalationSigmas * std::sqrt(hi + lo))
        out.push_back({Pattern::kEscalatingMultiIdProbes, MatchSeverity::kHigh,
                       std::min(ratio / c.escalation_ratio, 1.0) * 0.9,
                       std::to_string(s.probing_agents) + " agents with flagged actions escalating from " +
                           std::to_string(static_cast<int>(lo)) + " to " +
                           std::to_string(static_cast<int>(hi)) + " in " +
                           std::to_string(c.escalation_window_seconds) + " s"});
    }

    // payload_entropy_shift: the mean of the agent's last kRecentPayloads
    // payloads against the mean of all its payloads in the window
    agent->recent[agent->recent_next] = entropy;
    agent->recent_next = (agent->recent_next + 1) % kRecentPayloads;
    agent->recent_count = std::min<uint8_t>(agent->recent_count + 1, kRecentPayloads);
    const Sums ent = SumOver(*agent, epoch, s.entropy_buckets);
    if (ent.count >= static_cast<uint32_t>(c.entropy_min_samples) && agent->recent_count == kRecentPayloads) {
      const double mean = ent.sum_entropy / ent.count;
      double recent = 0;
      for (double e : agent->recent) recent += e;
      recent /= kRecentPayloads;
      const double delta = std::abs(recent - mean);
      if (delta >= c.entropy_delta && mean >= c.entropy_min_mean && mean <= c.entropy_max_mean)
        out.push_back({Pattern::kPayloadEntropyShift, MatchSeverity::kMedium,
                       std::min(delta / c.entropy_delta, 1.0),
                       "the agent's last " + std::to_string(kRecentPayloads) + " payloads average " +
                           Fixed(recent) + " bits of entropy, " + Fixed(delta) + " from its mean " +
                           Fixed(mean) + " over " + std::to_string(ent.count) + " payloads"});
    }

    // anomalous_agent_cluster
    s.SetSignature(*agent, SumOver(*agent, epoch, s.cluster_buckets));
    if (agent->in_population) {
      const uint32_t in_cell = s.cells[agent->cell];
      if (in_cell >= static_cast<uint32_t>(c.cluster_min_agents) && 2 * in_cell <= s.pop_agents) {
        const Signature mean{s.pop_log_count / s.pop_agents, s.pop_len / s.pop_agents,
                             s.pop_entropy / s.pop_agents};
        const double sim = Similarity(agent->sig, mean);
        if (sim <= c.cluster_similarity)
          out.push_back({Pattern::kAnomalousAgentCluster, MatchSeverity::kMedium, 1.0 - sim,
                         std::to_string(in_cell) + " agents share a signature unlike the other " +
                             std::to_string(s.pop_agents - in_cell) + " (similarity " + Fixed(sim) + ")"});
      }
    }
  }

  // coordinated_attack (the same payload from several agents, close in time)
  if (!action.payload.empty()) {
    const PayloadClusters::Seen pc =
        s.payloads.Observe(payload_hash, agent_hash, now, c.coordinated_tolerance_seconds * 1'000'000'000,
                           c.coordinated_window_seconds * 1'000'000'000);
    if (pc.agent_count >= c.coordinated_min_agents)
      out.push_back({Pattern::kCoordinatedAttack, MatchSeverity::kCritical,
                     std::min(1.0, 0.5 + 0.1 * pc.agent_count),
                     std::to_string(pc.agent_count) + " agents sent the same payload within " +
                         std::to_string((pc.last - pc.first) / 1'000'000'000) + " s"});
  }

  // distributed_reconnaissance
  if (!action.target.empty()) {
    TargetSlot& slot = s.target_slots[epoch % kRing];
    if (slot.epoch != epoch) {
      if (slot.epoch >= 0) s.ExpireTargets(slot.epoch);
      slot.epoch = epoch;
    }
    const bool known_target = s.target_totals.count(action.target) > 0;
    const bool known_agent = s.target_agent_totals.count(action.agent_id) > 0;
    if ((known_target || s.target_totals.size() < static_cast<size_t>(c.max_targets)) &&
        (known_agent || s.target_agent_totals.size() < static_cast<size_t>(c.max_agents))) {
      ++slot.targets[std::string(action.target)];
      ++slot.agents[std::string(action.agent_id)];
      ++s.target_totals[std::string(action.target)];
      ++s.target_agent_totals[std::string(action.agent_id)];
    }
    const size_t targets = s.target_totals.size(), agents = s.target_agent_totals.size();
    if (agents >= static_cast<size_t>(c.recon_min_agents) &&
        targets >= static_cast<size_t>(c.recon_min_targets))
      out.push_back({Pattern::kDistributedReconnaissance, MatchSeverity::kHigh,
                     std::min(1.0, static_cast<double>(targets) / (2.0 * c.recon_min_targets) + 0.5),
                     std::to_string(agents) + " agents touched " + std::to_string(targets) +
                         " distinct targets in " + std::to_string(c.recon_window_seconds) + " s"});
  }

  for (const CorrelationMatch& m : out) ++s.stats.matches[static_cast<int>(m.pattern)];
  return out;
}

}  // namespace nethical::correlation
