// Noise mechanisms. The noise comes from a secure generator and cannot be
// seeded, so statistical checks use tolerances of 4 standard errors or more.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "engine/privacy/gaussian_mechanism.h"
#include "engine/privacy/laplace_mechanism.h"
#include "engine/privacy/secure_uniform.h"

namespace nethical::privacy {
namespace {

struct Moments {
  double mean = 0.0;
  double variance = 0.0;
};

template <typename Mechanism>
Moments SampleMoments(const Mechanism& m, int n) {
  double sum = 0.0, sum_sq = 0.0;
  for (int i = 0; i < n; ++i) {
    StatusOr<double> x = m.Sample();
    EXPECT_TRUE(x.ok());
    sum += *x;
    sum_sq += *x * *x;
  }
  Moments r;
  r.mean = sum / n;
  r.variance = sum_sq / n - r.mean * r.mean;
  return r;
}

TEST(SecureUniform, StaysInsideTheOpenUnitInterval) {
  double sum = 0.0;
  for (int i = 0; i < 100000; ++i) {
    StatusOr<double> u = SecureUniformOpen01();
    ASSERT_TRUE(u.ok());
    ASSERT_GT(*u, 0.0);
    ASSERT_LT(*u, 1.0);
    sum += *u;
  }
  // Standard error of the mean is 0.29/sqrt(1e5) = 0.0009.
  EXPECT_NEAR(sum / 100000, 0.5, 0.005);
}

TEST(Laplace, ScaleIsSensitivityOverEpsilon) {
  StatusOr<LaplaceMechanism> m = LaplaceMechanism::Create(0.5, 2.0);
  ASSERT_TRUE(m.ok());
  EXPECT_DOUBLE_EQ(m->scale(), 4.0);
  EXPECT_DOUBLE_EQ(m->variance(), 32.0);
}

TEST(Laplace, EmpiricalVarianceOf100kSamplesIsWithin3PercentOfTheory) {
  const double epsilon = 0.5, sensitivity = 1.0;
  StatusOr<LaplaceMechanism> m = LaplaceMechanism::Create(epsilon, sensitivity);
  ASSERT_TRUE(m.ok());
  Moments moments = SampleMoments(*m, 100000);
  const double theory = 2.0 * (sensitivity / epsilon) * (sensitivity / epsilon);
  // Relative standard error of the variance estimate is sqrt(5/n) = 0.7 %.
  EXPECT_NEAR(moments.variance / theory, 1.0, 0.03);
  EXPECT_NEAR(moments.mean, 0.0, 0.05);  // standard error 0.009
}

TEST(Laplace, AddNoiseCentresOnTheValue) {
  StatusOr<LaplaceMechanism> m = LaplaceMechanism::Create(1.0, 1.0);
  ASSERT_TRUE(m.ok());
  double sum = 0.0;
  for (int i = 0; i < 20000; ++i) sum += *m->AddNoise(100.0);
  EXPECT_NEAR(sum / 20000, 100.0, 0.05);  // standard error 0.01
}

TEST(Laplace, RejectsNonPositiveOrNonFiniteEpsilon) {
  for (double bad : {0.0, -1.0, std::nan(""), HUGE_VAL}) {
    StatusOr<LaplaceMechanism> m = LaplaceMechanism::Create(bad, 1.0);
    ASSERT_FALSE(m.ok()) << bad;
    EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(m.status().message(), ::testing::HasSubstr("epsilon"));
  }
}

TEST(Laplace, RejectsNonPositiveSensitivity) {
  EXPECT_EQ(LaplaceMechanism::Create(1.0, 0.0).status().code(), StatusCode::kInvalidArgument);
}

TEST(Gaussian, SigmaFollowsTheClassicBound) {
  StatusOr<GaussianMechanism> m = GaussianMechanism::Create(0.5, 1e-5, 1.0);
  ASSERT_TRUE(m.ok());
  EXPECT_NEAR(m->sigma(), std::sqrt(2.0 * std::log(1.25 / 1e-5)) / 0.5, 1e-12);
}

TEST(Gaussian, EmpiricalVarianceMatchesSigmaSquared) {
  StatusOr<GaussianMechanism> m = GaussianMechanism::Create(1.0, 1e-5, 1.0);
  ASSERT_TRUE(m.ok());
  Moments moments = SampleMoments(*m, 100000);
  // Relative standard error sqrt(2/n) = 0.45 %.
  EXPECT_NEAR(moments.variance / (m->sigma() * m->sigma()), 1.0, 0.03);
}

TEST(Gaussian, RejectsDeltaOutsideTheOpenUnitInterval) {
  for (double bad : {0.0, 1.0, -0.1, 2.0}) {
    StatusOr<GaussianMechanism> m = GaussianMechanism::Create(1.0, bad, 1.0);
    ASSERT_FALSE(m.ok()) << bad;
    EXPECT_THAT(m.status().message(), ::testing::HasSubstr("delta"));
  }
}

TEST(Gaussian, RejectsNonPositiveEpsilon) {
  EXPECT_EQ(GaussianMechanism::Create(0.0, 1e-5, 1.0).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace nethical::privacy
