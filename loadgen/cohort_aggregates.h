// Per-cohort aggregates for the summary: evaluated actions, violations, PII
// findings and mean risk of each cohort, released as the privacy mode allows.
//
//   none, standard  exact figures from the recorder's totals;
//   differential    Laplace noise through privacy::PrivateAggregator, the
//                   whole release costing NETHICAL_EPSILON once from the
//                   run's PrivacyAccountant (budget NETHICAL_DP_BUDGET):
//                   epsilon/4 for each of the four statistics, each charged
//                   once for all cohorts (they are disjoint: parallel
//                   composition). Sensitivities: 1 for actions, violations
//                   and the [0, 1]-clamped risk sum; kPiiFindingsCapPerAction
//                   for PII findings, which are capped per action first.
//                   Post-processing (free): counts are floored at 0, mean
//                   risk = noisy risk sum / max(noisy actions, 1) in [0, 1].
//
// A charge the accountant refuses is reported (refusal holds its message)
// with no figures at all; it never fails the run. A refusal can leave
// earlier statistics of the same release charged: that privacy is spent,
// though nothing was shown.
#pragma once

#include <string>
#include <vector>

#include "engine/config/engine_config.h"
#include "engine/privacy/privacy_accountant.h"
#include "loadgen/recorder.h"

namespace nethical::loadgen {

struct CohortFigures {
  std::string cohort;
  double actions = 0;
  double violations = 0;
  double pii_findings = 0;
  double mean_risk = 0;
};

struct CohortAggregates {
  enum class Release { kExact, kDifferential, kRefused };
  Release release = Release::kExact;
  double epsilon_spent = 0;            // by this release (0 when exact)
  std::string refusal;                 // the accountant's message when kRefused
  std::vector<CohortFigures> cohorts;  // empty when kRefused
};

const char* ReleaseName(CohortAggregates::Release release);  // "exact" | "differential" | "refused"

// `accountant` is used only in differential mode and must then be non-null.
CohortAggregates ReleaseCohortAggregates(const std::vector<CohortTotals>& totals,
                                         const PrivacyConfig& privacy,
                                         privacy::PrivacyAccountant* accountant);

}  // namespace nethical::loadgen
