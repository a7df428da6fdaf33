// Anomaly and drift detection per action (§7.4), bounded and thread-safe.
//
//   auto detector = AnomalyDetector::Create(config.anomaly, clock,
//                                           {config.max_agents, config.agent_idle_seconds});
//   if (auto alert = (*detector)->Record(agent, cohort, ActionType::kQuery, risk))
//     verdict.anomaly = *alert;
//
// Record() runs, in the original's order, and returns the first alert that
// is not in cooldown (agent alerts only from the agent's warmup_actions-th
// action; drift only from the cohort's drift_warmup_actions-th):
//   1. frequency:  the agent's rate over the short window (decayed counts,
//                  frequency_window_seconds) > frequency_ratio x its baseline
//                  (long window frequency_baseline_seconds minus the last
//                  4 short windows) and >= frequency_threshold actions in the
//                  short window (score 1.0)
//   2. sequence:   1 - the geometric-mean probability of the agent's last 5
//                  action types under the global 3-gram model
//                  (trigram_model.h); alert at >= sequence_threshold
//   3. behavioral: concentration / normalised entropy of the agent's last 64
//                  action types (behavior_window.h)
//   4. drift:      the cohort's risk histogram every drift_baseline_size
//                  scores, and its action-type histogram every fifth of that,
//                  against their baselines (cohort_drift.h): PSI >
//                  psi_threshold, KL > drift_threshold or JS > 0.1, and
//                  significant (G-test, p < 1e-6). A drift alert raised by an
//                  action that also raised 1-3 is reported by the cohort's
//                  next action without one.
// Cooldown: a (type, agent, cohort) that alerted is silent for
// cooldown_seconds (drift: per cohort), timed by the injected Clock. Per agent
// the cooldown remembers the last cohort it alerted in, per type. Sequence
// alerts come per episode (a run of actions with the window over the
// limit): within the cooldown, a new episode alerts once it has lasted 5
// actions; after an episode's first alert the agent does not train the
// 3-gram model for the cooldown (an episode that alerts again after it is
// the agent's new normal and trains it).
// Alerts are informational; anomaly_enforcement.h maps a critical one to
// QUARANTINE when AnomalyConfig::enforce is set.
//
// Bounds: per-agent state (agent_state.h) lives in a ShardedLruMap
// (engine/base/sharded_lru_map.h): 64 shards, each in recency order with
// lazy promotion (an agent moves to the newest end at most once per
// idle_seconds / 8). An action first evicts its shard's oldest agents
// while they are idle longer than idle_seconds, at most once per
// idle_seconds / 8 per shard (an idle agent leaves within
// idle_seconds * 10 / 8 while actions reach its shard; one that acts again
// after idle_seconds starts over, swept or not; EvictIdle() sweeps every
// shard at once, exactly); a full shard (max_agents / 64, rounded up)
// evicts its least recently promoted agent. Cohorts are capped at 1024. The sequence
// window is 10,000 3-grams.
// Nothing grows with run time. Quality on generate_load-shaped streams:
// docs/anomaly.md "Quality".
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "engine/anomaly/agent_state.h"
#include "engine/anomaly/cohort_drift.h"
#include "engine/anomaly/drift_metrics.h"
#include "engine/anomaly/trigram_model.h"
#include "engine/base/clock.h"
#include "engine/base/sharded_lru_map.h"
#include "engine/base/status.h"
#include "engine/config/engine_config.h"
#include "engine/model/action.h"
#include "engine/model/verdict.h"

namespace nethical::anomaly {

// How many agents' state the detector keeps (EngineConfig::max_agents and
// ::agent_idle_seconds: NETHICAL_MAX_AGENTS, NETHICAL_AGENT_IDLE_SECONDS).
struct AgentLimits {
  int64_t max_agents = 1'000'000;
  double idle_seconds = 3600;
};

// The history, in seconds, an agent needs before the frequency detector
// can alert on it, at any rate: the time its baseline (the long window
// minus the middle one) takes to build the weight of one short window,
// frequency_window_seconds. About 16.4 s at the defaults (5 s, 600 s). A
// burst that starts earlier is partly counted into the baseline it is
// compared with. Infinite when the baseline never reaches that weight (a
// baseline window of 5 short ones or less, which Validate refuses).
double FrequencySupportSeconds(const AnomalyConfig& config);

class AnomalyDetector {
 public:
  // REQUIRES: Validate(config).ok(), and limits as Validate(EngineConfig)
  // allows max_agents and agent_idle_seconds (engine/config/config_validation.h).
  // Loads drift_baseline_file if set. `clock` must outlive the detector.
  static StatusOr<std::unique_ptr<AnomalyDetector>> Create(const AnomalyConfig& config, const Clock& clock,
                                                           AgentLimits limits = {});
  ~AnomalyDetector();

  // Thread-safe. Returns the alert to report for this action, if any.
  // A non-finite risk score counts as 0. The action happens now (the
  // clock's reading), or at `now_nanos`, a reading of the same clock the
  // caller already took for this action.
  std::optional<AnomalyAlert> Record(std::string_view agent_id, std::string_view cohort, ActionType type,
                                     double risk_score) {
    return Record(agent_id, cohort, type, risk_score, clock_.NowNanos());
  }
  std::optional<AnomalyAlert> Record(std::string_view agent_id, std::string_view cohort, ActionType type,
                                     double risk_score, int64_t now_nanos);

  // Agents whose state is held now.
  size_t LiveAgents() const;
  // Drops every agent idle longer than idle_seconds; returns how many.
  size_t EvictIdle();
  // The latest window comparison of `cohort` (none before its second window).
  std::optional<DriftReport> LastDrift(std::string_view cohort) const;
  // The latest action-type block comparison of `cohort` (none before the
  // first block after its type baseline).
  std::optional<DriftReport> LastTypeDrift(std::string_view cohort) const;

  // Heap bytes one live agent costs: its node (state, id, frequency ring)
  // with glibc malloc's chunk overhead, plus its share of the slot array.
  // A computed figure; bench/anomaly_bench also measures the heap delta.
  static size_t BytesPerAgent(const AnomalyConfig& config, size_t agent_id_length);

 private:
  using AgentMap = ShardedLruMap<std::string, AgentState>;

  AnomalyDetector(const AnomalyConfig& config, const Clock& clock, AgentLimits limits,
                  std::shared_ptr<const DriftBaselines> baselines);

  const AnomalyConfig config_;
  const Clock& clock_;
  const double short_tau_nanos_;
  const double long_tau_nanos_;
  const uint32_t sequence_limit_;  // surprisal sum (kSurprisalUnit) that alerts
  const int64_t cooldown_nanos_;
  const uint32_t warmup_ = static_cast<uint32_t>(config_.warmup_actions);
  bool IsIdle(const AgentState& agent, int64_t now) const;

  const int64_t idle_nanos_;
  const int64_t promote_nanos_;  // an agent moves in the recency order at most this often
  AgentMap agents_;              // at most ceil(max_agents / 64) per shard
  TrigramModel trigrams_;
  CohortDriftTable cohorts_;
};

}  // namespace nethical::anomaly
