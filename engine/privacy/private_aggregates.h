// Differentially private aggregates for reports (e.g. the load generator's
// per-cohort latency and violation figures). Every release is charged to a
// PrivacyAccountant first; a refused charge returns its ResourceExhausted
// status and releases nothing. Noise is Laplace (pure epsilon-DP, delta 0).
//
// Neighbouring datasets differ by one record (add/remove). Values are
// clamped to [lower, upper] so one record moves a sum by at most
// max(|lower|, |upper|) and a count by 1.
//
//   PrivateAggregator aggregator(accountant.get());
//   StatusOr<double> n = aggregator.Count(errors, /*epsilon=*/0.1);
//   StatusOr<std::vector<CohortRelease>> per_cohort =
//       aggregator.ReleaseCohorts(cohorts, {0.0, 5000.0}, /*epsilon=*/0.5);
//
// Thread-safe if the accountant is (it is).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/privacy/privacy_accountant.h"

namespace nethical::privacy {

struct ClampBounds {
  double lower = 0.0;
  double upper = 1.0;
};

struct CohortValues {
  std::string cohort;          // cohort names are treated as public
  std::vector<double> values;  // one value per record of this cohort
};

struct CohortRelease {
  std::string cohort;
  double count = 0.0;  // noisy number of records
  double sum = 0.0;    // noisy clamped sum
  double mean = 0.0;   // sum / max(count, 1), clamped to the bounds
};

class PrivateAggregator {
 public:
  // `accountant` must outlive the aggregator.
  explicit PrivateAggregator(PrivacyAccountant* accountant) : accountant_(accountant) {}

  // Noisy count, sensitivity 1.
  StatusOr<double> Count(uint64_t count, double epsilon) const;

  // Noisy sum of the clamped values, sensitivity max(|lower|, |upper|).
  StatusOr<double> Sum(std::span<const double> values, ClampBounds bounds, double epsilon) const;

  // Noisy mean: epsilon/2 for the sum, epsilon/2 for the count.
  StatusOr<double> Mean(std::span<const double> values, ClampBounds bounds, double epsilon) const;

  // Count, sum and mean for every cohort. Cohorts must be disjoint (each
  // record in one cohort), so by parallel composition the whole release
  // costs `epsilon` once, not once per cohort.
  StatusOr<std::vector<CohortRelease>> ReleaseCohorts(const std::vector<CohortValues>& cohorts,
                                                      ClampBounds bounds, double epsilon) const;

  // Noisy copies of totals already aggregated per disjoint cohort, for
  // callers that keep running totals instead of every record. `sensitivity`
  // bounds how far one record moves one cohort's total (1 for a count; the
  // per-record clamp for a sum, which the caller must have applied). By
  // parallel composition the whole release costs `epsilon` once.
  StatusOr<std::vector<double>> ReleaseDisjointTotals(std::span<const double> totals, double sensitivity,
                                                      double epsilon) const;

 private:
  PrivacyAccountant* accountant_;
};

}  // namespace nethical::privacy
