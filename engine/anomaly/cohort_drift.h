// Drift monitoring of one cohort, of two distributions:
//  - risk: scores go into a 10-bin histogram; every `window` scores the
//    histogram is compared with the cohort's baseline (drift_metrics.h) and
//    reset. The first window becomes the baseline unless one was given
//    (drift_baseline.h).
//  - action types: the first `window` actions' types are the type baseline;
//    after it every block of `window / 5` actions (at least 10) is compared
//    with it, so a shift in the mix is seen within a fifth of a window.
// A comparison drifts when an effect size is above its threshold (PSI, KL,
// JS) and the difference is significant (G-test, p < 1e-6; a loaded
// baseline counts as exact). No alert before `warmup` actions of the cohort
// nor within the cooldown of its last drift alert (shared by both kinds).
// Memory is fixed: counts, not scores.
//
// AddSample is lock-free except for the thread that closes a window, which
// takes the cohort's mutex to compare. Each window (and type block) holds
// exactly its own samples, by their order of arrival (ticket_windows.h),
// however many threads add them; the sample that completes a window closes
// it. While one thread adds, a sample arrives when it is added. From the
// moment a second thread adds, each thread's samples arrive in batches of
// kDriftBatch (engine/base/thread_batches.h), so the cohort's counters move
// between cores once per batch, not per action: a window then closes up to
// kDriftBatch - 1 samples per thread later, on the action that completes
// its thread's batch (which reports the alert). Flush() hands over what
// the threads hold. Of two alerts in one call (a risk window and a type
// block, or two windows of one batch) the first is reported; the second
// would fall in the cooldown the first starts.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "engine/anomaly/drift_baseline.h"
#include "engine/anomaly/drift_metrics.h"
#include "engine/anomaly/ticket_windows.h"
#include "engine/base/string_map.h"
#include "engine/base/thread_batches.h"
#include "engine/model/verdict.h"

namespace nethical::anomaly {

// Actions per type-mix comparison block for a drift window of `window`
// actions (see above); the load generator uses it to place injected drift
// after the warm-up.
inline uint32_t DriftTypeBlockActions(uint32_t window) { return window / 5 > 10 ? window / 5 : 10; }

inline constexpr size_t kDriftBatch = 32;  // samples per thread, once two threads add

struct DriftSettings {
  uint32_t window = 1000;
  double psi_threshold = 0.2;
  double kl_threshold = 0.3;
  int64_t cooldown_nanos = 0;
  uint64_t warmup = 0;  // actions of the cohort before any alert
};

class CohortDrift {
 public:
  CohortDrift(std::string name, const DriftSettings& settings, std::optional<RiskHistogram> baseline);

  // Adds one action's score and type; returns a drift alert if this sample
  // closed a window or type block that drifted, the cohort is past its
  // warm-up and out of cooldown.
  std::optional<AnomalyAlert> AddSample(double risk_score, ActionType type, int64_t now_nanos);

  // Hands over the samples threads hold in their batches (see above); the
  // first alert of a window this closes.
  std::optional<AnomalyAlert> Flush(int64_t now_nanos);

  // An alert held back because the action that raised it also raised an
  // agent alert; the next action of the cohort without an alert reports it.
  void Defer(AnomalyAlert alert);
  std::optional<AnomalyAlert> TakeDeferred();

  std::optional<DriftReport> LastReport() const;      // risk
  std::optional<DriftReport> LastTypeReport() const;  // action types
  bool HasBaseline() const;
  uint32_t type_block() const { return type_block_; }
  const std::string& name() const { return name_; }

 private:
  struct Sample {
    uint8_t risk_bin;
    uint8_t type;
  };
  // Give the sample(s) consecutive tickets and count them in their windows.
  // Set *alert to the first alert of a window they close, unless set.
  void AddOne(Sample sample, int64_t now_nanos, std::optional<AnomalyAlert>* alert);
  void AddSamples(std::span<const Sample> samples, int64_t now_nanos, std::optional<AnomalyAlert>* alert);
  std::optional<AnomalyAlert> CloseWindow(const std::array<uint32_t, kRiskBins>& counts, int64_t now_nanos,
                                          uint64_t samples);
  std::optional<AnomalyAlert> CloseTypeBlock(const std::array<uint32_t, kActionTypeCount>& counts,
                                             int64_t now_nanos, uint64_t samples);
  // REQUIRES: mu_ held. The alert for `report` if due (warm-up, cooldown).
  std::optional<AnomalyAlert> AlertFor(const DriftReport& report, const char* what, int64_t now_nanos,
                                       uint64_t samples);

  const std::string name_;
  const DriftSettings settings_;
  const uint32_t type_block_;
  TicketWindows<kRiskBins> windows_;              // risk: windows of settings_.window
  TicketWindows<kActionTypeCount> type_windows_;  // types: the baseline window, then blocks
  std::atomic<uint64_t> samples_{0};              // ever added: the tickets
  std::atomic<bool> has_deferred_{false};
  ThreadBatches<Sample, kDriftBatch> batches_;

  mutable std::mutex mu_;
  std::optional<RiskHistogram> baseline_;        // guarded by mu_
  bool baseline_is_sample_ = true;               // guarded by mu_; false: loaded
  std::optional<TypeHistogram> type_baseline_;   // guarded by mu_
  std::optional<DriftReport> last_report_;       // guarded by mu_
  std::optional<DriftReport> last_type_report_;  // guarded by mu_
  std::optional<int64_t> last_alert_nanos_;      // guarded by mu_
  std::optional<AnomalyAlert> deferred_;         // guarded by mu_
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
  const DriftSettings settings_;
  const std::shared_ptr<const DriftBaselines> baselines_;
  mutable std::mutex mu_;
  StringMap<std::unique_ptr<CohortDrift>> cohorts_;
};

}  // namespace nethical::anomaly
