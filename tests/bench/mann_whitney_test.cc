// Expected values are computed by hand (derivations in the comments) and
// agree with scipy.stats.mannwhitneyu.
#include "bench/compare/mann_whitney.h"

#include <cmath>

#include "gtest/gtest.h"

namespace nethical::bench {
namespace {

TEST(MannWhitneyU, SeparatedSamplesOfThreeGiveExactPOfOneTenth) {
  // U_x = 0 (no x beats a y), U_y = 9. Of the C(6,3) = 20 equally likely
  // arrangements one has U = 0, so p = 2 * 1/20.
  auto r = MannWhitneyU({1, 2, 3}, {4, 5, 6});
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->u_x, 0);
  EXPECT_EQ(r->u_y, 9);
  EXPECT_EQ(r->method, MannWhitneyResult::Method::kExact);
  EXPECT_DOUBLE_EQ(r->p_value, 0.1);
}

TEST(MannWhitneyU, InterleavedSamplesUseTheExactLowerTail) {
  // x = {1,3,5}, y = {2,4,6}: 3 beats 2, 5 beats 2 and 4, so U_x = 3.
  // The counts of U = 0..9 for sizes (3,3) are 1 1 2 3 3 3 3 2 1 1, so
  // P(U <= 3) = 7/20 and p = 0.7.
  auto r = MannWhitneyU({1, 3, 5}, {2, 4, 6});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->u_x, 3);
  EXPECT_DOUBLE_EQ(r->p_value, 0.7);
}

TEST(MannWhitneyU, UIsTheSameWhicheverSampleComesFirst) {
  auto a = MannWhitneyU({1, 3, 5}, {2, 4, 6});
  auto b = MannWhitneyU({2, 4, 6}, {1, 3, 5});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->u_x, b->u_y);
  EXPECT_DOUBLE_EQ(a->p_value, b->p_value);
}

TEST(MannWhitneyU, SeparatedSamplesOfFiveGiveTwoOverC105) {
  // One arrangement of 252 has U = 0: p = 2/252.
  auto r = MannWhitneyU({1, 2, 3, 4, 5}, {6, 7, 8, 9, 10});
  ASSERT_TRUE(r.ok());
  EXPECT_DOUBLE_EQ(r->p_value, 2.0 / 252.0);
}

TEST(MannWhitneyU, TiesUseNormalApproximationWithTieAndContinuityCorrection) {
  // x = {1,2,2,3}, y = {2,3,4,5}. U_x = 0 + 0.5 + 0.5 + 1.5 = 2.5.
  // m n = 16, N = 8, mean 8. Tie groups: three 2s (27-3 = 24), two 3s
  // (8-2 = 6), sum 30. var = 16/12 * (9 - 30/56) = 11.2857142857.
  // z = (|2.5 - 8| - 0.5) / sqrt(var) = 5 / 3.3594217 = 1.4883513.
  // p = erfc(z / sqrt 2) = 0.1366582.
  auto r = MannWhitneyU({1, 2, 2, 3}, {2, 3, 4, 5});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->method, MannWhitneyResult::Method::kNormalApproximation);
  EXPECT_DOUBLE_EQ(r->u_x, 2.5);
  EXPECT_NEAR(r->p_value, 0.1366582, 1e-6);
}

TEST(MannWhitneyU, AllValuesTiedGivesPOfOne) {
  auto r = MannWhitneyU({7, 7, 7}, {7, 7});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->u_x, 3);  // every pair ties: 6 * 1/2
  EXPECT_EQ(r->p_value, 1.0);
}

TEST(MannWhitneyU, LargeSamplesWithoutTiesUseNormalApproximation) {
  // 60 vs 60 exceeds kMaxExactSampleSize. Separated samples: U_x = 0,
  // mean 1800, var = 3600 * 121 / 12 = 36300, z = 1799.5 / 190.525589,
  // p = erfc(9.4449 / sqrt 2) ~ 3.6e-21.
  std::vector<double> x, y;
  for (int i = 0; i < 60; ++i) {
    x.push_back(i);
    y.push_back(100 + i);
  }
  auto r = MannWhitneyU(x, y);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->method, MannWhitneyResult::Method::kNormalApproximation);
  const double z = 1799.5 / std::sqrt(36300.0);
  EXPECT_DOUBLE_EQ(r->p_value, std::erfc(z / std::sqrt(2.0)));
  EXPECT_LT(r->p_value, 1e-20);
}

TEST(MannWhitneyU, ExactCountIsRightAtTheLargestExactSize) {
  // 50 vs 50, y shifted by 15.5: U_x = 903. Too big to count by hand; the
  // reference is scipy.stats.mannwhitneyu(x, y, method="exact") =
  // 0.016450137297190096. The normal approximation (0.0169077) is close but
  // not equal, which shows the exact path was taken.
  std::vector<double> x, y;
  for (int i = 0; i < 50; ++i) {
    x.push_back(i * 2.0);
    y.push_back(i * 2.0 + 15.5);
  }
  auto r = MannWhitneyU(x, y);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->method, MannWhitneyResult::Method::kExact);
  EXPECT_EQ(r->u_x, 903);
  EXPECT_NEAR(r->p_value, 0.016450137297190096, 1e-12);
}

TEST(MannWhitneyU, RejectsAnEmptySample) {
  auto r = MannWhitneyU({}, {1.0});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("sizes 0 and 1"), std::string::npos) << r.status().message();
}

TEST(MannWhitneyU, RejectsNaN) { EXPECT_FALSE(MannWhitneyU({1.0, std::nan("")}, {2.0}).ok()); }

TEST(MinimumTwoSidedPValue, IsTwoOverTheNumberOfArrangements) {
  EXPECT_DOUBLE_EQ(MinimumTwoSidedPValue(3, 3), 0.1);  // 2 / 20
  EXPECT_DOUBLE_EQ(MinimumTwoSidedPValue(5, 5), 2.0 / 252.0);
  EXPECT_DOUBLE_EQ(MinimumTwoSidedPValue(1, 1), 1.0);  // 2 / 2
  EXPECT_NEAR(MinimumTwoSidedPValue(10, 10), 2.0 / 184756.0, 1e-18);
}

}  // namespace
}  // namespace nethical::bench
