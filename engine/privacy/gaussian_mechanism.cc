#include "engine/privacy/gaussian_mechanism.h"

#include <cmath>
#include <numbers>
#include <string>

#include "engine/privacy/secure_uniform.h"

namespace nethical::privacy {

StatusOr<GaussianMechanism> GaussianMechanism::Create(double epsilon, double delta, double sensitivity) {
  if (!(epsilon > 0.0) || !std::isfinite(epsilon)) {
    return InvalidArgument("epsilon=" + std::to_string(epsilon) + ": must be a finite number > 0");
  }
  if (!(delta > 0.0 && delta < 1.0)) {
    return InvalidArgument("delta=" + std::to_string(delta) + ": must be within (0, 1)");
  }
  if (!(sensitivity > 0.0) || !std::isfinite(sensitivity)) {
    return InvalidArgument("sensitivity=" + std::to_string(sensitivity) + ": must be a finite number > 0");
  }
  double sigma = sensitivity * std::sqrt(2.0 * std::log(1.25 / delta)) / epsilon;
  return GaussianMechanism(epsilon, delta, sigma);
}

StatusOr<double> GaussianMechanism::Sample() const {
  StatusOr<double> u1 = SecureUniformOpen01();
  if (!u1.ok()) return u1.status();
  StatusOr<double> u2 = SecureUniformOpen01();
  if (!u2.ok()) return u2.status();
  // Box-Muller; u1 is never 0, so the log is finite.
  return sigma_ * std::sqrt(-2.0 * std::log(*u1)) * std::cos(2.0 * std::numbers::pi * *u2);
}

StatusOr<double> GaussianMechanism::AddNoise(double value) const {
  StatusOr<double> noise = Sample();
  if (!noise.ok()) return noise.status();
  return value + *noise;
}

}  // namespace nethical::privacy
