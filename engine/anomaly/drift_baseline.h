// Drift baselines loaded from a file (NETHICAL_ANOMALY_DRIFT_BASELINE_FILE).
// Without a file each cohort learns its baseline from its first window of
// AnomalyConfig::drift_baseline_size risk scores.
//
// Format (JSON):
//   {"format": "nethical-drift-baseline-v1",
//    "cohorts": {"prod": [c0, c1, ..., c9], "*": [...]}}
// Each array holds 10 non-negative finite numbers: counts (or weights) of
// risk scores in the bins [0,.1) [.1,.2) ... [.9,1]; at least one must be
// positive. "*" is the baseline of every cohort not listed; without it such
// cohorts learn their own.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "engine/anomaly/drift_metrics.h"
#include "engine/base/status.h"

namespace nethical::anomaly {

class DriftBaselines {
 public:
  static StatusOr<DriftBaselines> Parse(std::string_view json, std::string_view source);
  static StatusOr<DriftBaselines> Load(const std::string& path);

  // The baseline counts for `cohort`: its own, else "*", else none.
  std::optional<RiskHistogram> For(std::string_view cohort) const;
  size_t size() const { return by_cohort_.size(); }

 private:
  std::map<std::string, RiskHistogram, std::less<>> by_cohort_;
};

}  // namespace nethical::anomaly
