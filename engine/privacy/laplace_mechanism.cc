#include "engine/privacy/laplace_mechanism.h"

#include <cmath>
#include <string>

#include "engine/privacy/secure_uniform.h"

namespace nethical::privacy {

StatusOr<LaplaceMechanism> LaplaceMechanism::Create(double epsilon, double sensitivity) {
  if (!(epsilon > 0.0) || !std::isfinite(epsilon)) {
    return InvalidArgument("epsilon=" + std::to_string(epsilon) + ": must be a finite number > 0");
  }
  if (!(sensitivity > 0.0) || !std::isfinite(sensitivity)) {
    return InvalidArgument("sensitivity=" + std::to_string(sensitivity) + ": must be a finite number > 0");
  }
  return LaplaceMechanism(epsilon, sensitivity / epsilon);
}

StatusOr<double> LaplaceMechanism::Sample() const {
  StatusOr<double> u = SecureUniformOpen01();
  if (!u.ok()) return u.status();
  // Inverse CDF: with v = u - 1/2 in (-1/2, 1/2),
  // x = -b * sign(v) * ln(1 - 2|v|); 1 - 2|v| is in (0, 1].
  double v = *u - 0.5;
  double magnitude = -scale_ * std::log1p(-2.0 * std::fabs(v));
  return v < 0 ? -magnitude : magnitude;
}

StatusOr<double> LaplaceMechanism::AddNoise(double value) const {
  StatusOr<double> noise = Sample();
  if (!noise.ok()) return noise.status();
  return value + *noise;
}

}  // namespace nethical::privacy
