// Drift monitoring of one cohort: risk scores go into a 10-bin histogram;
// every `window` scores the histogram is compared with the cohort's baseline
// (drift_metrics.h) and reset. The first window becomes the baseline unless
// one was given (drift_baseline.h). Memory is fixed: counts, not scores.
//
// AddSample is lock-free except for the thread that closes a window, which
// takes the cohort's mutex to compare and reset. Scores added while a window
// closes may be counted in either window.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/anomaly/drift_baseline.h"
#include "engine/anomaly/drift_metrics.h"
#include "engine/model/verdict.h"

namespace nethical::anomaly {

struct DriftSettings {
  uint32_t window = 1000;
  double psi_threshold = 0.2;
  double kl_threshold = 0.3;
  int64_t cooldown_nanos = 0;
};

class CohortDrift {
 public:
  CohortDrift(std::string name, const DriftSettings& settings,
              std::optional<RiskHistogram> baseline);

  // Adds one score; returns a drift alert if this sample closed a window
  // that drifted and the cohort is out of cooldown.
  std::optional<AnomalyAlert> AddSample(double risk_score, int64_t now_nanos);

  // An alert held back because the action that raised it also raised an
  // agent alert; the next action of the cohort without an alert reports it.
  void Defer(AnomalyAlert alert);
  std::optional<AnomalyAlert> TakeDeferred();

  std::optional<DriftReport> LastReport() const;
  bool HasBaseline() const;
  const std::string& name() const { return name_; }

 private:
  std::optional<AnomalyAlert> CloseWindow(int64_t now_nanos);

  const std::string name_;
  const DriftSettings settings_;
  std::array<std::atomic<uint32_t>, kRiskBins> bins_{};
  std::atomic<uint64_t> samples_{0};  // ever added
  std::atomic<bool> has_deferred_{false};

  mutable std::mutex mu_;
  std::optional<RiskHistogram> baseline_;  // guarded by mu_
  std::optional<DriftReport> last_report_;  // guarded by mu_
  std::optional<int64_t> last_alert_nanos_;  // guarded by mu_
  std::optional<AnomalyAlert> deferred_;    // guarded by mu_
};

// The bounded set of cohorts (at most kMaxCohorts; later cohorts are not
// tracked for drift, and Find returns null). Entries live as long as the
// table, so a CohortDrift* may be cached.
class CohortDriftTable {
 public:
  static constexpr size_t kMaxCohorts = 1024;

  CohortDriftTable(const DriftSettings& settings, std::shared_ptr<const DriftBaselines> baselines);
  CohortDrift* Find(std::string_view cohort);
  const CohortDrift* FindExisting(std::string_view cohort) const;
  size_t size() const;

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  const DriftSettings settings_;
  const std::shared_ptr<const DriftBaselines> baselines_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::unique_ptr<CohortDrift>, Hash, std::equal_to<>> cohorts_;
};

}  // namespace nethical::anomaly
