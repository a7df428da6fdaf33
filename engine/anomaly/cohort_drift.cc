#include "engine/anomaly/cohort_drift.h"

#include <cstdio>
#include <utility>

namespace nethical::anomaly {

CohortDrift::CohortDrift(std::string name, const DriftSettings& settings,
                         std::optional<RiskHistogram> baseline)
    : name_(std::move(name)), settings_(settings), baseline_(std::move(baseline)) {}

std::optional<AnomalyAlert> CohortDrift::AddSample(double risk_score, int64_t now_nanos) {
  bins_[RiskBin(risk_score)].fetch_add(1, std::memory_order_relaxed);
  // The count only grows, so each multiple of `window` is reached by exactly
  // one caller, and that caller closes the window.
  const uint64_t n = samples_.fetch_add(1, std::memory_order_acq_rel) + 1;
  if (n % settings_.window != 0) return std::nullopt;
  return CloseWindow(now_nanos);
}

std::optional<AnomalyAlert> CohortDrift::CloseWindow(int64_t now_nanos) {
  std::lock_guard<std::mutex> lock(mu_);
  RiskHistogram current{};
  for (int i = 0; i < kRiskBins; ++i)
    current[i] = bins_[i].exchange(0, std::memory_order_relaxed);
  if (!baseline_.has_value()) {
    baseline_ = current;
    return std::nullopt;
  }
  const DriftReport report =
      CompareRiskHistograms(*baseline_, current, settings_.psi_threshold, settings_.kl_threshold);
  last_report_ = report;
  if (!report.drift) return std::nullopt;
  if (last_alert_nanos_.has_value() && now_nanos - *last_alert_nanos_ < settings_.cooldown_nanos)
    return std::nullopt;
  last_alert_nanos_ = now_nanos;

  char description[160];
  std::snprintf(description, sizeof(description),
                "Distribution drift detected: PSI=%.3f, KL=%.3f, JS=%.3f", report.psi, report.kl,
                report.js);
  AnomalyAlert alert;
  alert.type = "drift";
  alert.severity = std::string(AlertSeverityName(report.severity));
  alert.description = std::string(description) + " (cohort \"" + name_ + "\")";
  return alert;
}

void CohortDrift::Defer(AnomalyAlert alert) {
  std::lock_guard<std::mutex> lock(mu_);
  deferred_ = std::move(alert);
  has_deferred_.store(true, std::memory_order_release);
}

std::optional<AnomalyAlert> CohortDrift::TakeDeferred() {
  if (!has_deferred_.load(std::memory_order_acquire)) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<AnomalyAlert> out = std::move(deferred_);
  deferred_.reset();
  has_deferred_.store(false, std::memory_order_release);
  return out;
}

std::optional<DriftReport> CohortDrift::LastReport() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_report_;
}

bool CohortDrift::HasBaseline() const {
  std::lock_guard<std::mutex> lock(mu_);
  return baseline_.has_value();
}

CohortDriftTable::CohortDriftTable(const DriftSettings& settings,
                                   std::shared_ptr<const DriftBaselines> baselines)
    : settings_(settings), baselines_(std::move(baselines)) {}

CohortDrift* CohortDriftTable::Find(std::string_view cohort) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = cohorts_.find(cohort); it != cohorts_.end()) return it->second.get();
  if (cohorts_.size() >= kMaxCohorts) return nullptr;
  std::optional<RiskHistogram> baseline;
  if (baselines_ != nullptr) baseline = baselines_->For(cohort);
  auto entry = std::make_unique<CohortDrift>(std::string(cohort), settings_, baseline);
  CohortDrift* raw = entry.get();
  cohorts_.emplace(std::string(cohort), std::move(entry));
  return raw;
}

const CohortDrift* CohortDriftTable::FindExisting(std::string_view cohort) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = cohorts_.find(cohort);
  return it == cohorts_.end() ? nullptr : it->second.get();
}

size_t CohortDriftTable::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return cohorts_.size();
}

}  // namespace nethical::anomaly
