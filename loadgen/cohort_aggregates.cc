#include "loadgen/cohort_aggregates.h"

#include <algorithm>

#include "engine/privacy/private_aggregates.h"

namespace nethical::loadgen {
namespace {

constexpr int kStatistics = 4;  // actions, violations, PII findings, risk sum

CohortAggregates Exact(const std::vector<CohortTotals>& totals) {
  CohortAggregates out;
  for (const CohortTotals& t : totals)
    out.cohorts.push_back({t.cohort, static_cast<double>(t.actions), static_cast<double>(t.violations),
                           static_cast<double>(t.pii_findings),
                           t.actions ? t.risk_sum / static_cast<double>(t.actions) : 0.0});
  return out;
}

CohortAggregates Refused(const Status& s) {
  CohortAggregates out;
  out.release = CohortAggregates::Release::kRefused;
  out.refusal = s.message();
  return out;
}

}  // namespace

const char* ReleaseName(CohortAggregates::Release release) {
  switch (release) {
    case CohortAggregates::Release::kDifferential:
      return "differential";
    case CohortAggregates::Release::kRefused:
      return "refused";
    case CohortAggregates::Release::kExact:
      break;
  }
  return "exact";
}

CohortAggregates ReleaseCohortAggregates(const std::vector<CohortTotals>& totals,
                                         const PrivacyConfig& privacy,
                                         privacy::PrivacyAccountant* accountant) {
  if (privacy.mode != PrivacyMode::kDifferential) return Exact(totals);
  const double epsilon = privacy.epsilon / kStatistics;
  std::vector<double> exact[kStatistics];
  for (const CohortTotals& t : totals) {
    exact[0].push_back(static_cast<double>(t.actions));
    exact[1].push_back(static_cast<double>(t.violations));
    exact[2].push_back(static_cast<double>(t.pii_findings_capped));
    exact[3].push_back(t.risk_sum);
  }
  const double sensitivity[kStatistics] = {1.0, 1.0, kPiiFindingsCapPerAction, 1.0};
  const privacy::PrivateAggregator aggregator(accountant);
  std::vector<double> noisy[kStatistics];
  for (int i = 0; i < kStatistics; ++i) {
    StatusOr<std::vector<double>> released =
        aggregator.ReleaseDisjointTotals(exact[i], sensitivity[i], epsilon);
    if (!released.ok()) return Refused(released.status());
    noisy[i] = std::move(released).value();
  }
  CohortAggregates out;
  out.release = CohortAggregates::Release::kDifferential;
  out.epsilon_spent = epsilon * kStatistics;
  for (size_t c = 0; c < totals.size(); ++c) {
    const double actions = std::max(noisy[0][c], 0.0);
    out.cohorts.push_back({totals[c].cohort, actions, std::max(noisy[1][c], 0.0), std::max(noisy[2][c], 0.0),
                           std::clamp(noisy[3][c] / std::max(actions, 1.0), 0.0, 1.0)});
  }
  return out;
}

}  // namespace nethical::loadgen
