// The Gaussian mechanism: value + N(0, sigma^2) with
// sigma = sensitivity * sqrt(2 ln(1.25 / delta)) / epsilon
// (docs/original.md §8.3; Dwork & Roth Thm 3.22), (epsilon, delta)-DP
// for L2 sensitivity `sensitivity` when epsilon < 1. Noise is drawn by
// Box-Muller from secure uniforms.
//
// Thread-safe: AddNoise is const.
#pragma once

#include "engine/base/status.h"

namespace nethical::privacy {

class GaussianMechanism {
 public:
  // InvalidArgument unless epsilon > 0, 0 < delta < 1 and sensitivity > 0.
  // Epsilon >= 1 is accepted (as in the original) but the classic bound
  // only guarantees privacy below 1; see docs/differential_privacy.md.
  static StatusOr<GaussianMechanism> Create(double epsilon, double delta, double sensitivity);

  StatusOr<double> AddNoise(double value) const;
  StatusOr<double> Sample() const;

  double epsilon() const { return epsilon_; }
  double delta() const { return delta_; }
  double sigma() const { return sigma_; }

 private:
  GaussianMechanism(double epsilon, double delta, double sigma)
      : epsilon_(epsilon), delta_(delta), sigma_(sigma) {}
  double epsilon_;
  double delta_;
  double sigma_;
};

}  // namespace nethical::privacy
