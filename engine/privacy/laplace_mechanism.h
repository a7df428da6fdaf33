// The Laplace mechanism: value + Laplace(0, b) noise with b = sensitivity /
// epsilon (docs/original.md §8.3), which is epsilon-DP for a query whose
// L1 sensitivity is `sensitivity`. Noise is drawn by inverse CDF from secure
// uniforms. The variance of the noise is 2 b^2.
//
// Known limit: textbook floating-point Laplace noise leaks a little through
// which doubles are reachable (Mironov 2012); the snapping mechanism is not
// implemented (docs/differential_privacy.md).
//
// Thread-safe: AddNoise is const.
#pragma once

#include "engine/base/status.h"

namespace nethical::privacy {

class LaplaceMechanism {
 public:
  // InvalidArgument unless epsilon > 0 and sensitivity > 0 (both finite).
  static StatusOr<LaplaceMechanism> Create(double epsilon, double sensitivity);

  StatusOr<double> AddNoise(double value) const;
  // One draw of Laplace(0, scale()).
  StatusOr<double> Sample() const;

  double epsilon() const { return epsilon_; }
  double scale() const { return scale_; }
  double variance() const { return 2.0 * scale_ * scale_; }

 private:
  LaplaceMechanism(double epsilon, double scale) : epsilon_(epsilon), scale_(scale) {}
  double epsilon_;
  double scale_;
};

}  // namespace nethical::privacy
