// The correlation engine (docs/original.md §7.1, docs/stages.md
// "Correlation engine"): five multi-action patterns, computed incrementally.
//
//   CorrelationEngine correlation(config.correlation.rules);  // a validated section
//   auto matches = correlation.Observe({.agent_id = a.agent_id, .payload = a.text,
//                                       .target = a.target, .flagged = !v.violations.empty(),
//                                       .now_nanos = clock.NowNanos()});
//   for (const CorrelationMatch& m : matches) report(PatternName(m.pattern), m.confidence);
//
// Patterns (the original's windows and thresholds; where the original's rule
// matches any multi-agent load, ours keeps its numbers but looks at what the
// pattern's name says, see docs/stages.md):
//   escalating_multi_id_probes (300 s, high): >= 3 agents each with >= 2
//     flagged actions (the detectors found a violation) in the window,
//     (max - min) / max(min, 1) >= 0.5 over their flagged counts, and
//     max - min >= kEscalationSigmas * sqrt(max + min), so agents flagged at
//     one steady rate (a workload with violations spread evenly) do not match.
//   payload_entropy_shift (600 s, medium): the acting agent has >= 5
//     payloads in the window, their mean entropy is in [2, 7] bits and the
//     mean of its last kRecentPayloads (3) payloads is >= 0.3 bits from it;
//     confidence min(delta / 0.3, 1). (The original fires when any single
//     payload is 0.3 bits off, which ordinary short prose does: per-payload
//     entropy of 60-100 character sentences varies by about 0.1 bits (sd).)
//   coordinated_attack (180 s, critical): the same payload (by 64-bit hash)
//     from >= 2 distinct agents in one greedy time cluster (each action
//     within 30 s of the previous one; a cluster lasts at most 180 s).
//   distributed_reconnaissance (900 s, high): >= 3 agents touching >= 5
//     distinct targets in the window (actions without a target do not count).
//   anomalous_agent_cluster (600 s, medium): >= 4 agents (each with at least
//     kMinSignatureActions actions in the window) whose signatures
//     (actions in the window, mean payload length, mean entropy) fall in one
//     quantised cell, the cell holds at most half the active agents, and its
//     similarity to the population's mean signature is <= 0.7.
//
// Cost: Observe is O(1) in the number of actions in the window: the payload's
// entropy (O(payload bytes), once), a few hash lookups, an O(log n) ordered
// map update for flagged actions, and a walk over at most kBuckets
// per-agent time buckets. The original rescans every action of every agent
// in the window on every call. Windows are kept as 60 s buckets
// (kBucketSeconds), so a W-second window covers between W - 60 and W
// seconds; coordinated_attack uses exact times.
//
// Bounds: at most max_agents agents (new ones beyond are not tracked and are
// counted in Stats::untracked_actions); an agent with no action for the
// longest window is dropped; at most max_payload_clusters payload clusters
// (a set-associative table that forgets the stalest payload of a set for a
// new one: payload_clusters.h) and max_targets targets per window. Memory
// does not grow with run time.
// Thread-safe: one lock around the shared state (the patterns are
// cross-agent), a SpinLock: it is held for well under a microsecond, where
// a std::mutex made the second of two threads sleep and wake on nearly
// every action (docs/benchmarks.md). The payload's entropy and hash are
// computed before it is taken, and the acting agent's state is prefetched
// then, from a slot table by agent hash that under the lock also spares
// the map lookup.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/spin_lock.h"
#include "engine/correlation/payload_clusters.h"

namespace nethical::correlation {

struct Config {
  // NETHICAL_CORRELATION_MAX_AGENTS: agents tracked at once.
  int64_t max_agents = 100'000;
  // NETHICAL_CORRELATION_MAX_PAYLOAD_CLUSTERS: distinct payloads tracked for
  // coordinated_attack at once.
  int64_t max_payload_clusters = 100'000;
  // NETHICAL_CORRELATION_MAX_TARGETS: distinct targets tracked per window.
  int64_t max_targets = 100'000;

  int64_t escalation_window_seconds = 300;
  int64_t escalation_min_agents = 3;
  int64_t escalation_min_probes = 2;
  double escalation_ratio = 0.5;

  int64_t entropy_window_seconds = 600;
  int64_t entropy_min_samples = 5;
  double entropy_delta = 0.3;
  double entropy_min_mean = 2.0;
  double entropy_max_mean = 7.0;

  int64_t coordinated_window_seconds = 180;
  int64_t coordinated_tolerance_seconds = 30;
  int64_t coordinated_min_agents = 2;

  int64_t recon_window_seconds = 900;
  int64_t recon_min_agents = 3;
  int64_t recon_min_targets = 5;

  int64_t cluster_window_seconds = 600;
  int64_t cluster_min_agents = 4;
  double cluster_similarity = 0.7;
};

enum class Pattern {
  kEscalatingMultiIdProbes,
  kPayloadEntropyShift,
  kCoordinatedAttack,
  kDistributedReconnaissance,
  kAnomalousAgentCluster,
};
inline constexpr int kPatternCount = 5;
static_assert(static_cast<int>(Pattern::kAnomalousAgentCluster) + 1 == kPatternCount);
std::string_view PatternName(Pattern p);  // "escalating_multi_id_probes", ...

enum class MatchSeverity { kMedium, kHigh, kCritical };
std::string_view MatchSeverityName(MatchSeverity s);  // "medium" | "high" | "critical"

struct CorrelationMatch {
  Pattern pattern = Pattern::kCoordinatedAttack;
  MatchSeverity severity = MatchSeverity::kMedium;
  double confidence = 0.0;  // 0..1
  std::string description;
};

struct Observation {
  std::string_view agent_id;
  std::string_view payload;
  std::string_view target;  // the action's target (metadata.target); empty if none
  bool flagged = false;     // the detectors found a violation in this action
  int64_t now_nanos = 0;    // Clock::NowNanos(); never decreasing across calls
};

class CorrelationEngine {
 public:
  static constexpr int64_t kBucketSeconds = 60;
  static constexpr int kBuckets = 16;  // per-agent ring: windows up to 900 s
  static constexpr int kRecentPayloads = 3;
  // The longest window the bucket ring covers (the key table's bound on the
  // *_window_seconds fields).
  static constexpr int64_t kMaxWindowSeconds = kBucketSeconds * (kBuckets - 1);
  // coordinated_attack: distinct agents held per payload cluster, so the
  // largest coordinated_min_agents.
  static constexpr int kMaxCoordinatedAgents = PayloadClusters::kMaxAgents;
  // escalating_multi_id_probes: the gap between the most and the least
  // probing agent must exceed this many standard deviations of the gap
  // equal-rate (Poisson) agents would show, sqrt(max + min): with many agents
  // sending flagged actions at one rate, chance alone spreads their counts
  // by 4 to 5 sd (100 to 1,000 agents).
  static constexpr double kEscalationSigmas = 5.0;
  // anomalous_agent_cluster: an agent joins the population (and can be in a
  // cluster) once it has this many actions in the window; fewer give a
  // signature that is mostly noise.
  static constexpr uint32_t kMinSignatureActions = 5;

  struct Stats {
    std::array<uint64_t, kPatternCount> matches{};  // by Pattern
    uint64_t actions = 0;
    uint64_t untracked_actions = 0;  // from agents beyond max_agents
    size_t tracked_agents = 0;
    size_t payload_clusters = 0;
    // Payload clusters replaced by a newer payload while still inside the
    // coordinated tolerance (payload_clusters.h): raise
    // max_payload_clusters if this grows during an attack you need to see.
    uint64_t payload_clusters_forgotten = 0;
  };

  // REQUIRES: Validate(CorrelationSection{.rules = config}).ok()
  // (engine/config/config_validation.h): windows within kMaxWindowSeconds,
  // coordinated_min_agents <= kMaxCoordinatedAgents, entropy_min_mean <=
  // entropy_max_mean, every count and bound >= 1.
  explicit CorrelationEngine(const Config& config);
  ~CorrelationEngine();
  CorrelationEngine(const CorrelationEngine&) = delete;
  CorrelationEngine& operator=(const CorrelationEngine&) = delete;

  // Records the action and returns the patterns it completes (usually none;
  // an empty result allocates nothing).
  std::vector<CorrelationMatch> Observe(const Observation& action);

  Stats GetStats() const;

 private:
  struct State;
  const Config config_;
  // Read before the lock is taken: not in the lock's cache line, which the
  // other threads' lock and unlock take away.
  const std::unique_ptr<State> state_;
  alignas(64) mutable SpinLock mu_;
};

}  // namespace nethical::correlation
