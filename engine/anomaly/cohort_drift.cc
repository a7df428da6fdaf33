#include "engine/anomaly/cohort_drift.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace nethical::anomaly {

CohortDrift::CohortDrift(std::string name, const DriftSettings& settings,
                         std::optional<RiskHistogram> baseline)
    : name_(std::move(name)),
      settings_(settings),
      type_block_(DriftTypeBlockActions(settings.window)),
      baseline_(std::move(baseline)),
      baseline_is_sample_(!baseline_.has_value()) {}

// The first alert is reported; a second in the same call (a type block
// closed with a risk window, or two windows of one batch) falls in the
// cooldown the first started, which both kinds share, unless there is none.
inline void CohortDrift::AddOne(Sample sample, int64_t now_nanos, std::optional<AnomalyAlert>* alert) {
  // The sample's ticket decides its windows: risk window (n - 1) / window;
  // type window 0 (the baseline) for the first `window` samples, then one
  // per block of type_block_.
  const uint64_t n = samples_.fetch_add(1, std::memory_order_relaxed) + 1;
  const uint32_t window = settings_.window;
  if (auto counts = windows_.Add((n - 1) / window, window, sample.risk_bin))
    *alert = CloseWindow(*counts, now_nanos, n);
  const bool in_baseline = n <= window;
  const uint64_t type_window = in_baseline ? 0 : 1 + (n - window - 1) / type_block_;
  if (auto counts = type_windows_.Add(type_window, in_baseline ? window : type_block_, sample.type)) {
    std::optional<AnomalyAlert> type_alert = CloseTypeBlock(*counts, now_nanos, n);
    if (!*alert) *alert = std::move(type_alert);
  }
}

std::optional<AnomalyAlert> CohortDrift::AddSample(double risk_score, ActionType type, int64_t now_nanos) {
  std::optional<AnomalyAlert> alert;
  const Sample sample{static_cast<uint8_t>(RiskBin(risk_score)), static_cast<uint8_t>(type)};
  batches_.Add(sample, [&](std::span<const Sample> batch) {
    if (batch.size() == 1) {
      AddOne(batch[0], now_nanos, &alert);
    } else {
      AddSamples(batch, now_nanos, &alert);
    }
  });
  return alert;
}

std::optional<AnomalyAlert> CohortDrift::Flush(int64_t now_nanos) {
  std::optional<AnomalyAlert> alert;
  batches_.Flush([&](std::span<const Sample> batch) { AddSamples(batch, now_nanos, &alert); });
  return alert;
}

void CohortDrift::AddSamples(std::span<const Sample> samples, int64_t now_nanos,
                             std::optional<AnomalyAlert>* alert) {
  // Sample i's ticket n = first + i + 1 decides its windows as in AddOne.
  // A run of samples in one window is added at once.
  const uint64_t first = samples_.fetch_add(samples.size(), std::memory_order_relaxed);
  const uint32_t window = settings_.window;
  auto risk_window = [&](uint64_t n) { return (n - 1) / window; };
  auto type_window = [&](uint64_t n) { return n <= window ? 0 : 1 + (n - window - 1) / type_block_; };
  auto report = [&](std::optional<AnomalyAlert> a) {
    if (!*alert) *alert = std::move(a);
  };
  std::array<uint32_t, kRiskBins> risk_counts{};
  std::array<uint32_t, kActionTypeCount> type_counts{};
  uint32_t risk_run = 0, type_run = 0;
  for (size_t i = 0; i < samples.size(); ++i) {
    const uint64_t n = first + i + 1;
    ++risk_counts[samples[i].risk_bin];
    ++risk_run;
    ++type_counts[samples[i].type];
    ++type_run;
    const bool last = i + 1 == samples.size();
    if (last || risk_window(n + 1) != risk_window(n)) {
      if (auto counts = windows_.AddCounts(risk_window(n), window, risk_counts, risk_run))
        report(CloseWindow(*counts, now_nanos, n));
      risk_counts = {};
      risk_run = 0;
    }
    if (last || type_window(n + 1) != type_window(n)) {
      const uint64_t tw = type_window(n);
      if (auto counts = type_windows_.AddCounts(tw, tw == 0 ? window : type_block_, type_counts, type_run))
        report(CloseTypeBlock(*counts, now_nanos, n));
      type_counts = {};
      type_run = 0;
    }
  }
}

std::optional<AnomalyAlert> CohortDrift::AlertFor(const DriftReport& report, const char* what,
                                                  int64_t now_nanos, uint64_t samples) {
  if (!report.drift || samples < settings_.warmup) return std::nullopt;
  if (last_alert_nanos_.has_value() && now_nanos - *last_alert_nanos_ < settings_.cooldown_nanos)
    return std::nullopt;
  last_alert_nanos_ = now_nanos;
  char description[192];
  std::snprintf(description, sizeof(description),
                "Distribution drift detected (%s): PSI=%.3f, KL=%.3f, JS=%.3f, G=%.1f", what, report.psi,
                report.kl, report.js, report.g);
  AnomalyAlert alert;
  alert.type = AnomalyType::kDrift;
  alert.severity = report.severity;
  alert.description = std::string(description) + " (cohort \"" + name_ + "\")";
  return alert;
}

std::optional<AnomalyAlert> CohortDrift::CloseWindow(const std::array<uint32_t, kRiskBins>& counts,
                                                     int64_t now_nanos, uint64_t samples) {
  std::lock_guard<std::mutex> lock(mu_);
  RiskHistogram current{};
  for (int i = 0; i < kRiskBins; ++i) current[i] = counts[i];
  if (!baseline_.has_value()) {
    baseline_ = current;
    return std::nullopt;
  }
  DriftReport report =
      CompareRiskHistograms(*baseline_, current, settings_.psi_threshold, settings_.kl_threshold);
  int df = 1;
  report.g = GStatistic(*baseline_, current, baseline_is_sample_, &df);
  report.significant = SignificantDrift(report.g, df);
  report.drift = report.drift && report.significant;
  last_report_ = report;
  return AlertFor(report, "risk scores", now_nanos, samples);
}

std::optional<AnomalyAlert> CohortDrift::CloseTypeBlock(const std::array<uint32_t, kActionTypeCount>& counts,
                                                        int64_t now_nanos, uint64_t samples) {
  std::lock_guard<std::mutex> lock(mu_);
  TypeHistogram current{};
  for (int i = 0; i < kActionTypeCount; ++i) current[i] = counts[i];
  if (!type_baseline_.has_value()) {
    type_baseline_ = current;
    return std::nullopt;
  }
  DriftReport report =
      CompareTypeHistograms(*type_baseline_, current, settings_.psi_threshold, settings_.kl_threshold);
  int df = 1;
  report.g = GStatistic(*type_baseline_, current, /*baseline_is_sample=*/true, &df);
  report.significant = SignificantDrift(report.g, df);
  report.drift = report.drift && report.significant;
  last_type_report_ = report;
  return AlertFor(report, "action types", now_nanos, samples);
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

std::optional<DriftReport> CohortDrift::LastTypeReport() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_type_report_;
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
