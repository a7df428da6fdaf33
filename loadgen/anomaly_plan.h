// --inject-anomalies: labelled anomalies at seeded times, so the quality
// block can measure the anomaly stage's recall, time to detect and false
// alerts (quality.h). The plan is a pure function of (seed, duration,
// agents, warm-up): the same --seed injects the same anomalies.
//
//   const double w = AnomalyWarmupSeconds(..., rps, agents);  // the models' warm-ups
//   if (duration < MinInjectionDurationSeconds(w)) ...refuse: nothing detectable
//   AnomalyPlan plan = PlanAnomalies(seed, profile.duration_s(), agents, w);
//   arrival.extra = InjectedSends(plan, profile, agents);  // bursts, coordinated
//   workload_options.anomalies = plan;                  // types and truth
//
// The anomaly stage raises nothing while its models warm up (docs/anomaly.md:
// an agent's first NETHICAL_ANOMALY_WARMUP_ACTIONS actions, the frequency
// baseline's first ~16 s of an agent's history, the sequence model's first
// kMinSupport 3-grams, a cohort's first NETHICAL_ANOMALY_DRIFT_WARMUP_ACTIONS
// actions and one comparison block), so
// an anomaly injected then could not be detected and would only lower the
// measured recall. Every onset is therefore placed after the warm-up W; of
// the rest of the run, S = D - W:
//   burst            x2  one agent sends at 10x its rate (9 extra sends per
//                        own interval, evenly spaced) for min(10 s, S/5),
//                        onset uniform in [W + 0.1 S, W + 0.4 S)
//   sequence_switch  x2  one agent's action types cycle model_update,
//                        system_command, external_api (a 3-gram the mixed
//                        mix draws with probability 5e-5) for min(20 s, S/4),
//                        onset uniform in [W + 0.1 S, W + 0.4 S)
//   cohort_drift     x1  the workload's cohort (every agent of the mixed
//                        workload) draws its types from the reversed weights
//                        (system_command 40 %, model_update 30 %, ...) from
//                        an onset uniform in [W + 0.75 S, W + 0.8 S) to the end
//   coordinated_payload x1  three further agents (two when only two are
//                        left; none with fewer than 6 agents) all send one
//                        and the same payload (a corpus text and a trace
//                        token fixed by the episode) for min(10 s, S/10),
//                        onset uniform in [W + 0.45 S, W + 0.5 S); each also
//                        gets one extra send inside it, so the group sends
//                        within seconds of each other at any rate. This is
//                        the correlation engine's coordinated_attack (the
//                        same payload from >= 2 agents, each within 30 s of
//                        the previous): the anomaly stage is not asked to
//                        find it, the quality block reports it apart.
// (distinct agents drawn from the seed; with fewer than 4 agents, the first
// ones of this list). Agent anomalies end by W + 0.65 S, before the drift
// starts, so every alert is attributable to at most one anomaly. The plan's
// order: the four agent anomalies, the coordinated episode, the drift.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "loadgen/action_truth.h"
#include "loadgen/rate_profile.h"
#include "loadgen/schedule.h"

namespace nethical::loadgen {

inline constexpr int kMaxCoordinatedAgents = 3;

struct InjectedAnomaly {
  AnomalyKind kind = AnomalyKind::kNone;
  uint32_t agent = 0;    // burst, sequence_switch; coordinated_payload: group[0]; unused for cohort_drift
  int64_t onset_ns = 0;  // from the run's time zero (schedule time)
  int64_t end_ns = 0;    // exclusive; INT64_MAX: to the end of the run
  // coordinated_payload: the agents sending the shared payload.
  std::array<uint32_t, kMaxCoordinatedAgents> group{};
  uint8_t group_size = 0;

  bool ActiveAt(int64_t t_ns) const { return t_ns >= onset_ns && t_ns < end_ns; }
  bool InGroup(uint32_t a) const {
    for (int i = 0; i < group_size; ++i)
      if (group[i] == a) return true;
    return false;
  }
  // Whether a send of `agent` at schedule time t_ns is inside this anomaly.
  bool Covers(uint32_t a, int64_t t_ns) const {
    const bool mine = kind == AnomalyKind::kCohortDrift ||
                      (kind == AnomalyKind::kCoordinatedPayload ? InGroup(a) : a == agent);
    return mine && ActiveAt(t_ns);
  }
};

using AnomalyPlan = std::vector<InjectedAnomaly>;
inline constexpr int kMaxInjectedAnomalies = 8;  // a plan never has more

// REQUIRES: duration_s > warmup_s >= 0, agents >= 1.
AnomalyPlan PlanAnomalies(uint64_t seed, double duration_s, uint32_t agents, double warmup_s = 0);

// Seconds until every model of the anomaly stage can alert, for a run of
// `rps` actions/s spread evenly over `agents` agents of one cohort: the
// longest of an agent's warm-up (warmup_actions / per-agent rate), the
// frequency detector's baseline support (frequency_support_s of an agent's
// history, anomaly::FrequencySupportSeconds, at any rate), the sequence
// model's support (kMinSupport 3-grams) and the cohort's drift warm-up plus
// one comparison block (drift_block_actions), plus 10 %.
// REQUIRES: rps > 0, agents >= 1.
double AnomalyWarmupSeconds(int64_t warmup_actions, int64_t drift_warmup_actions, int64_t drift_block_actions,
                            uint64_t sequence_support, double frequency_support_s, double rps,
                            uint32_t agents);

// The shortest run that leaves room, after a warm-up of warmup_s, for the
// plan above: 60 s (a 10 s burst, a 15 s switch and a drift 45 s in).
inline constexpr double kMinInjectionSpanSeconds = 60;
inline double MinInjectionDurationSeconds(double warmup_s) { return warmup_s + kMinInjectionSpanSeconds; }

// The injected anomalies' extra sends. A burst: 9 per own interval of the
// agent (its rate is r(onset) / agents; the profile's peak rate when
// r(onset) is 0), evenly spaced over [onset, end), half a period after the
// onset. A coordinated episode of n agents: one send each, the i-th
// (from 0) at onset + (i + 1) (end - onset) / (n + 1).
std::vector<ExtraSends> InjectedSends(const AnomalyPlan& plan, const RateProfile& profile, uint32_t agents);

}  // namespace nethical::loadgen
