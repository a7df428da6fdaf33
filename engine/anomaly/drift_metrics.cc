#include "engine/anomaly/drift_metrics.h"

#include <algorithm>
#include <cmath>

namespace nethical::anomaly {

int RiskBin(double score) {
  if (!(score > 0.0)) return 0;  // also NaN
  if (score >= 1.0) return kRiskBins - 1;
  return std::min(static_cast<int>(score * kRiskBins), kRiskBins - 1);
}

RiskHistogram SmoothedDistribution(const RiskHistogram& counts, double epsilon) {
  RiskHistogram out;
  double total = 0.0;
  for (int i = 0; i < kRiskBins; ++i) {
    out[i] = counts[i] + epsilon;
    total += out[i];
  }
  for (double& v : out) v /= total;
  return out;
}

double PopulationStabilityIndex(const RiskHistogram& baseline, const RiskHistogram& current) {
  double psi = 0.0;
  for (int i = 0; i < kRiskBins; ++i)
    psi += (current[i] - baseline[i]) * std::log(current[i] / baseline[i]);
  return psi;
}

double KullbackLeibler(const RiskHistogram& p, const RiskHistogram& q) {
  double kl = 0.0;
  for (int i = 0; i < kRiskBins; ++i) kl += p[i] * std::log(p[i] / q[i]);
  return kl;
}

double JensenShannonDistance(const RiskHistogram& baseline, const RiskHistogram& current) {
  RiskHistogram m;
  for (int i = 0; i < kRiskBins; ++i) m[i] = 0.5 * (baseline[i] + current[i]);
  const double js = 0.5 * (KullbackLeibler(current, m) + KullbackLeibler(baseline, m));
  return std::min(1.0, std::sqrt(std::max(0.0, js)));
}

AlertSeverity DriftSeverityOf(double psi, double kl, double js) {
  if (psi > 0.5 || kl > 0.3 || js > 0.25) return AlertSeverity::kCritical;
  if (psi > 0.3 || kl > 0.15 || js > 0.18) return AlertSeverity::kWarning;
  return AlertSeverity::kInfo;
}

DriftReport CompareRiskHistograms(const RiskHistogram& baseline_counts,
                                  const RiskHistogram& current_counts, double psi_threshold,
                                  double kl_threshold) {
  const RiskHistogram b = SmoothedDistribution(baseline_counts);
  const RiskHistogram c = SmoothedDistribution(current_counts);
  DriftReport r;
  r.psi = PopulationStabilityIndex(b, c);
  r.kl = KullbackLeibler(c, b);
  r.js = JensenShannonDistance(b, c);
  r.drift = r.psi > psi_threshold || r.kl > kl_threshold || r.js > kJsThreshold;
  r.severity = DriftSeverityOf(r.psi, r.kl, r.js);
  return r;
}

}  // namespace nethical::anomaly
