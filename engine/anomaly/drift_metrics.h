// Distribution drift between two histograms of risk scores (§7.4), in
// natural logarithms, after adding epsilon to every bin and normalising:
//   PSI        = sum (c - b) ln(c / b)
//   KL(c || b) = sum c ln(c / b)
//   JS         = min(1, sqrt(0.5 KL(c || m) + 0.5 KL(b || m))),  m = (b + c) / 2
// where b is the baseline and c the current distribution.
// Severity bands (the original's): critical if PSI > 0.5, KL > 0.3 or
// JS > 0.25; warning if PSI > 0.3, KL > 0.15 or JS > 0.18; else info.
// The same measures compare action-type histograms (one bin per type).
//
// Effect sizes alone flag noise in small windows (a 2 % type absent from a
// 200-action window gives PSI 0.2), so cohort_drift.h also requires the
// difference to be significant: a G-test (likelihood-ratio chi-square) of
// the two histograms, p < 1e-6 (GStatistic, SignificantDrift).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "engine/anomaly/alert_severity.h"
#include "engine/model/action.h"

namespace nethical::anomaly {

inline constexpr int kRiskBins = 10;
inline constexpr double kDriftEpsilon = 1e-6;
// The original's Jensen-Shannon threshold (not configurable there either).
inline constexpr double kJsThreshold = 0.1;

using RiskHistogram = std::array<double, kRiskBins>;         // counts (or weights) per bin
using TypeHistogram = std::array<double, kActionTypeCount>;  // counts per ActionType

// The bin of a risk score: scores are clamped to [0, 1], bin = min(int(s*10), 9).
// A NaN score falls into bin 0.
int RiskBin(double score);

// counts + epsilon, normalised to sum to 1.
RiskHistogram SmoothedDistribution(const RiskHistogram& counts, double epsilon = kDriftEpsilon);

struct DriftReport {
  double psi = 0.0;
  double kl = 0.0;
  double js = 0.0;
  bool drift = false;  // any of the three above its threshold (and, from
                       // CohortDrift, significant)
  AlertSeverity severity = AlertSeverity::kInfo;
  double g = 0.0;  // G statistic (CohortDrift only)
  bool significant = false;
};

// On smoothed distributions of the same length.
double PopulationStabilityIndex(std::span<const double> baseline, std::span<const double> current);
double KullbackLeibler(std::span<const double> p, std::span<const double> q);  // KL(p || q)
double JensenShannonDistance(std::span<const double> baseline, std::span<const double> current);

// Compares two histograms of counts (smoothed here). psi_threshold and
// kl_threshold are AnomalyConfig's psi_threshold and drift_threshold.
DriftReport CompareRiskHistograms(const RiskHistogram& baseline_counts, const RiskHistogram& current_counts,
                                  double psi_threshold, double kl_threshold);

DriftReport CompareTypeHistograms(const TypeHistogram& baseline_counts, const TypeHistogram& current_counts,
                                  double psi_threshold, double kl_threshold);

// G = 2 sum O ln(O / E) over the bins of two histograms of counts.
// baseline_is_sample: both are samples (a 2 x k contingency table, E from
// the pooled shares); otherwise the baseline is taken as the exact
// distribution (a loaded baseline: E = current total x baseline share,
// smoothed by kDriftEpsilon). *degrees_of_freedom: bins in use - 1 (>= 1).
double GStatistic(std::span<const double> baseline_counts, std::span<const double> current_counts,
                  bool baseline_is_sample, int* degrees_of_freedom);
// G above the chi-square critical value for p = 1e-6 at `degrees_of_freedom`.
bool SignificantDrift(double g, int degrees_of_freedom);

AlertSeverity DriftSeverityOf(double psi, double kl, double js);

}  // namespace nethical::anomaly
