#include "engine/privacy/private_aggregates.h"

#include <algorithm>
#include <cmath>

#include "engine/privacy/laplace_mechanism.h"

namespace nethical::privacy {
namespace {

Status CheckBounds(ClampBounds bounds) {
  if (!std::isfinite(bounds.lower) || !std::isfinite(bounds.upper) || !(bounds.lower < bounds.upper)) {
    return InvalidArgument("clamping bounds [" + std::to_string(bounds.lower) + ", " +
                           std::to_string(bounds.upper) + "]: need finite lower < upper");
  }
  return Status::Ok();
}

double SumSensitivity(ClampBounds bounds) {
  return std::max(std::fabs(bounds.lower), std::fabs(bounds.upper));
}

double ClampedSum(std::span<const double> values, ClampBounds bounds) {
  double sum = 0.0;
  for (double v : values) {
    // NaN counts as the lower bound: it must not poison the release.
    sum += std::isnan(v) ? bounds.lower : std::clamp(v, bounds.lower, bounds.upper);
  }
  return sum;
}

// The three noisy figures of one group of records, with epsilon/2 each for
// count and sum; the caller has already charged the accountant.
StatusOr<CohortRelease> NoisyFigures(std::span<const double> values, ClampBounds bounds,
                                     const LaplaceMechanism& count_noise, const LaplaceMechanism& sum_noise) {
  CohortRelease release;
  StatusOr<double> count = count_noise.AddNoise(static_cast<double>(values.size()));
  if (!count.ok()) return count.status();
  StatusOr<double> sum = sum_noise.AddNoise(ClampedSum(values, bounds));
  if (!sum.ok()) return sum.status();
  release.count = *count;
  release.sum = *sum;
  release.mean = std::clamp(*sum / std::max(*count, 1.0), bounds.lower, bounds.upper);
  return release;
}

}  // namespace

StatusOr<double> PrivateAggregator::Count(uint64_t count, double epsilon) const {
  StatusOr<LaplaceMechanism> noise = LaplaceMechanism::Create(epsilon, 1.0);
  if (!noise.ok()) return noise.status();
  if (Status charged = accountant_->Charge(epsilon, 0.0); !charged.ok()) return charged;
  return noise->AddNoise(static_cast<double>(count));
}

StatusOr<double> PrivateAggregator::Sum(std::span<const double> values, ClampBounds bounds,
                                        double epsilon) const {
  if (Status ok = CheckBounds(bounds); !ok.ok()) return ok;
  StatusOr<LaplaceMechanism> noise = LaplaceMechanism::Create(epsilon, SumSensitivity(bounds));
  if (!noise.ok()) return noise.status();
  if (Status charged = accountant_->Charge(epsilon, 0.0); !charged.ok()) return charged;
  return noise->AddNoise(ClampedSum(values, bounds));
}

StatusOr<double> PrivateAggregator::Mean(std::span<const double> values, ClampBounds bounds,
                                         double epsilon) const {
  StatusOr<std::vector<CohortRelease>> one =
      ReleaseCohorts({CohortValues{"", std::vector<double>(values.begin(), values.end())}}, bounds, epsilon);
  if (!one.ok()) return one.status();
  return one->front().mean;
}

StatusOr<std::vector<CohortRelease>> PrivateAggregator::ReleaseCohorts(
    const std::vector<CohortValues>& cohorts, ClampBounds bounds, double epsilon) const {
  if (Status ok = CheckBounds(bounds); !ok.ok()) return ok;
  StatusOr<LaplaceMechanism> count_noise = LaplaceMechanism::Create(epsilon / 2, 1.0);
  if (!count_noise.ok()) return count_noise.status();
  StatusOr<LaplaceMechanism> sum_noise = LaplaceMechanism::Create(epsilon / 2, SumSensitivity(bounds));
  if (!sum_noise.ok()) return sum_noise.status();
  if (Status charged = accountant_->Charge(epsilon, 0.0); !charged.ok()) return charged;
  std::vector<CohortRelease> releases;
  releases.reserve(cohorts.size());
  for (const CohortValues& cohort : cohorts) {
    StatusOr<CohortRelease> release = NoisyFigures(cohort.values, bounds, *count_noise, *sum_noise);
    if (!release.ok()) return release.status();
    release->cohort = cohort.cohort;
    releases.push_back(std::move(release.value()));
  }
  return releases;
}

StatusOr<std::vector<double>> PrivateAggregator::ReleaseDisjointTotals(std::span<const double> totals,
                                                                       double sensitivity,
                                                                       double epsilon) const {
  StatusOr<LaplaceMechanism> noise = LaplaceMechanism::Create(epsilon, sensitivity);
  if (!noise.ok()) return noise.status();
  if (Status charged = accountant_->Charge(epsilon, 0.0); !charged.ok()) return charged;
  std::vector<double> released;
  released.reserve(totals.size());
  for (double total : totals) {
    StatusOr<double> noisy = noise->AddNoise(total);
    if (!noisy.ok()) return noisy.status();
    released.push_back(*noisy);
  }
  return released;
}

}  // namespace nethical::privacy
