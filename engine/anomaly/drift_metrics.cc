#include "engine/anomaly/drift_metrics.h"

#include <algorithm>
#include <array>
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

double PopulationStabilityIndex(std::span<const double> baseline, std::span<const double> current) {
  double psi = 0.0;
  for (size_t i = 0; i < baseline.size(); ++i)
    psi += (current[i] - baseline[i]) * std::log(current[i] / baseline[i]);
  return psi;
}

double KullbackLeibler(std::span<const double> p, std::span<const double> q) {
  double kl = 0.0;
  for (size_t i = 0; i < p.size(); ++i) kl += p[i] * std::log(p[i] / q[i]);
  return kl;
}

double JensenShannonDistance(std::span<const double> baseline, std::span<const double> current) {
  std::array<double, 16> m{};  // the longest histogram is kRiskBins
  for (size_t i = 0; i < baseline.size(); ++i) m[i] = 0.5 * (baseline[i] + current[i]);
  const std::span<const double> mid(m.data(), baseline.size());
  const double js = 0.5 * (KullbackLeibler(current, mid) + KullbackLeibler(baseline, mid));
  return std::min(1.0, std::sqrt(std::max(0.0, js)));
}

double GStatistic(std::span<const double> baseline, std::span<const double> current, bool baseline_is_sample,
                  int* degrees_of_freedom) {
  double b_total = 0.0, c_total = 0.0;
  for (size_t i = 0; i < baseline.size(); ++i) {
    b_total += baseline[i];
    c_total += current[i];
  }
  auto term = [](double observed, double expected) {
    return observed > 0.0 ? observed * std::log(observed / expected) : 0.0;
  };
  int bins = 0;
  double g = 0.0;
  if (!(b_total > 0.0) || !(c_total > 0.0)) {
    *degrees_of_freedom = 1;
    return 0.0;
  }
  const double smoothed_total = b_total + kDriftEpsilon * static_cast<double>(baseline.size());
  for (size_t i = 0; i < baseline.size(); ++i) {
    if (baseline_is_sample) {
      const double pooled = baseline[i] + current[i];
      if (pooled <= 0.0) continue;
      ++bins;
      const double share = pooled / (b_total + c_total);
      g += term(baseline[i], b_total * share) + term(current[i], c_total * share);
    } else {
      const double share = (baseline[i] + kDriftEpsilon) / smoothed_total;
      if (baseline[i] > 0.0 || current[i] > 0.0) ++bins;
      g += term(current[i], c_total * share);
    }
  }
  *degrees_of_freedom = std::max(1, bins - 1);
  return 2.0 * g;
}

bool SignificantDrift(double g, int degrees_of_freedom) {
  // Chi-square critical values for p = 1e-6, 1 to 9 degrees of freedom.
  static constexpr double kCritical[] = {23.93, 27.63, 30.66, 33.38, 35.89, 38.26, 40.52, 42.70, 44.81};
  const int df = std::clamp(degrees_of_freedom, 1, 9);
  return g > kCritical[df - 1];
}

AlertSeverity DriftSeverityOf(double psi, double kl, double js) {
  if (psi > 0.5 || kl > 0.3 || js > 0.25) return AlertSeverity::kCritical;
  if (psi > 0.3 || kl > 0.15 || js > 0.18) return AlertSeverity::kWarning;
  return AlertSeverity::kInfo;
}

namespace {

template <size_t N>
std::array<double, N> Smoothed(const std::array<double, N>& counts) {
  std::array<double, N> out;
  double total = 0.0;
  for (size_t i = 0; i < N; ++i) total += out[i] = counts[i] + kDriftEpsilon;
  for (double& v : out) v /= total;
  return out;
}

template <size_t N>
DriftReport Compare(const std::array<double, N>& baseline_counts, const std::array<double, N>& current_counts,
                    double psi_threshold, double kl_threshold) {
  const std::array<double, N> b = Smoothed(baseline_counts);
  const std::array<double, N> c = Smoothed(current_counts);
  DriftReport r;
  r.psi = PopulationStabilityIndex(b, c);
  r.kl = KullbackLeibler(c, b);
  r.js = JensenShannonDistance(b, c);
  r.drift = r.psi > psi_threshold || r.kl > kl_threshold || r.js > kJsThreshold;
  r.severity = DriftSeverityOf(r.psi, r.kl, r.js);
  return r;
}

}  // namespace

DriftReport CompareRiskHistograms(const RiskHistogram& baseline_counts, const RiskHistogram& current_counts,
                                  double psi_threshold, double kl_threshold) {
  return Compare(baseline_counts, current_counts, psi_threshold, kl_threshold);
}

DriftReport CompareTypeHistograms(const TypeHistogram& baseline_counts, const TypeHistogram& current_counts,
                                  double psi_threshold, double kl_threshold) {
  return Compare(baseline_counts, current_counts, psi_threshold, kl_threshold);
}

}  // namespace nethical::anomaly
