// Distribution drift between two histograms of risk scores (§7.4), in
// natural logarithms, after adding epsilon to every bin and normalising:
//   PSI        = sum (c - b) ln(c / b)
//   KL(c || b) = sum c ln(c / b)
//   JS         = min(1, sqrt(0.5 KL(c || m) + 0.5 KL(b || m))),  m = (b + c) / 2
// where b is the baseline and c the current distribution.
// Severity bands (the original's): critical if PSI > 0.5, KL > 0.3 or
// JS > 0.25; warning if PSI > 0.3, KL > 0.15 or JS > 0.18; else info.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "engine/anomaly/alert_severity.h"

namespace nethical::anomaly {

inline constexpr int kRiskBins = 10;
inline constexpr double kDriftEpsilon = 1e-6;
// The original's Jensen-Shannon threshold (not configurable there either).
inline constexpr double kJsThreshold = 0.1;

using RiskHistogram = std::array<double, kRiskBins>;  // counts (or weights) per bin

// The bin of a risk score: scores are clamped to [0, 1], bin = min(int(s*10), 9).
// A NaN score falls into bin 0.
int RiskBin(double score);

// counts + epsilon, normalised to sum to 1.
RiskHistogram SmoothedDistribution(const RiskHistogram& counts, double epsilon = kDriftEpsilon);


struct DriftReport {
  double psi = 0.0;
  double kl = 0.0;
  double js = 0.0;
  bool drift = false;  // any of the three above its threshold
  AlertSeverity severity = AlertSeverity::kInfo;
};

double PopulationStabilityIndex(const RiskHistogram& baseline, const RiskHistogram& current);
double KullbackLeibler(const RiskHistogram& p, const RiskHistogram& q);  // KL(p || q)
double JensenShannonDistance(const RiskHistogram& baseline, const RiskHistogram& current);

// Compares two histograms of counts (smoothed here). psi_threshold and
// kl_threshold are AnomalyConfig's psi_threshold and drift_threshold.
DriftReport CompareRiskHistograms(const RiskHistogram& baseline_counts,
                                  const RiskHistogram& current_counts, double psi_threshold,
                                  double kl_threshold);

AlertSeverity DriftSeverityOf(double psi, double kl, double js);

}  // namespace nethical::anomaly
