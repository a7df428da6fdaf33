// --inject-anomalies: labelled anomalies at seeded times, so the quality
// block can measure the anomaly stage's recall, time to detect and false
// alerts (quality.h). The plan is a pure function of (seed, duration,
// agents): the same --seed injects the same anomalies.
//
//   AnomalyPlan plan = PlanAnomalies(seed, profile.duration_s(), agents);
//   arrival.extra = BurstSends(plan, profile, agents);  // the bursts' sends
//   workload_options.anomalies = plan;                  // types and truth
//
// What is injected (D = the run's duration; distinct agents drawn from the
// seed; with fewer than 4 agents, the first ones of this list):
//   burst            x2  one agent sends at 10x its rate (9 extra sends per
//                        own interval, evenly spaced) for min(10 s, D/5),
//                        onset uniform in [0.1 D, 0.4 D)
//   sequence_switch  x2  one agent's action types cycle model_update,
//                        system_command, external_api (a 3-gram the mixed
//                        mix draws with probability 5e-5) for min(20 s, D/4),
//                        onset uniform in [0.1 D, 0.4 D)
//   cohort_drift     x1  the workload's cohort (every agent of the mixed
//                        workload) draws its types from the reversed weights
//                        (system_command 40 %, model_update 30 %, ...) from
//                        an onset uniform in [0.75 D, 0.8 D) to the end
// Agent anomalies end by 0.65 D, before the drift starts, so every alert is
// attributable to at most one anomaly.
#pragma once

#include <cstdint>
#include <vector>

#include "loadgen/action_truth.h"
#include "loadgen/rate_profile.h"
#include "loadgen/schedule.h"

namespace nethical::loadgen {

struct InjectedAnomaly {
  AnomalyKind kind = AnomalyKind::kNone;
  uint32_t agent = 0;    // burst, sequence_switch; unused for cohort_drift
  int64_t onset_ns = 0;  // from the run's time zero (schedule time)
  int64_t end_ns = 0;    // exclusive; INT64_MAX: to the end of the run

  bool ActiveAt(int64_t t_ns) const { return t_ns >= onset_ns && t_ns < end_ns; }
  // Whether a send of `agent` at schedule time t_ns is inside this anomaly.
  bool Covers(uint32_t a, int64_t t_ns) const {
    return (kind == AnomalyKind::kCohortDrift || a == agent) && ActiveAt(t_ns);
  }
};

using AnomalyPlan = std::vector<InjectedAnomaly>;
inline constexpr int kMaxInjectedAnomalies = 8;  // a plan never has more

// REQUIRES: duration_s > 0, agents >= 1.
AnomalyPlan PlanAnomalies(uint64_t seed, double duration_s, uint32_t agents);

// The bursts' extra sends: 9 per own interval of the agent (its rate is
// r(onset) / agents; the profile's peak rate when r(onset) is 0), evenly
// spaced over [onset, end), half a period after the onset.
std::vector<ExtraSends> BurstSends(const AnomalyPlan& plan, const RateProfile& profile,
                                   uint32_t agents);

}  // namespace nethical::loadgen
