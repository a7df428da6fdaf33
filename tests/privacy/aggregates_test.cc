#include <gtest/gtest.h>

#include <cmath>

#include "engine/privacy/private_aggregates.h"

namespace nethical::privacy {
namespace {

std::unique_ptr<PrivacyAccountant> Budget(double epsilon) {
  AccountantOptions options;
  options.epsilon_budget = epsilon;
  options.rule = CompositionRule::kBasic;
  return std::move(PrivacyAccountant::Create(options).value());
}

TEST(PrivateAggregates, CountChargesItsEpsilon) {
  auto accountant = Budget(1.0);
  PrivateAggregator aggregator(accountant.get());
  ASSERT_TRUE(aggregator.Count(1000, 0.25).ok());
  EXPECT_DOUBLE_EQ(accountant->Spent().epsilon, 0.25);
}

TEST(PrivateAggregates, CountIsNearTheTruthForALargeEpsilon) {
  auto accountant = Budget(1000.0);
  PrivateAggregator aggregator(accountant.get());
  StatusOr<double> n = aggregator.Count(1000, 100.0);  // scale 0.01
  ASSERT_TRUE(n.ok());
  EXPECT_NEAR(*n, 1000.0, 1.0);
}

TEST(PrivateAggregates, RefusedChargeReleasesNothing) {
  auto accountant = Budget(0.5);
  PrivateAggregator aggregator(accountant.get());
  ASSERT_TRUE(aggregator.Count(10, 0.5).ok());
  StatusOr<double> second = aggregator.Count(10, 0.1);
  EXPECT_EQ(second.status().code(), StatusCode::kResourceExhausted);
}

TEST(PrivateAggregates, SumClampsValuesToTheBounds) {
  auto accountant = Budget(10000.0);
  PrivateAggregator aggregator(accountant.get());
  std::vector<double> values = {-50.0, 5.0, 500.0, std::nan("")};
  // Clamped to [0, 10]: 0 + 5 + 10 + 0 = 15; scale 10/1000 = 0.01.
  StatusOr<double> sum = aggregator.Sum(values, {0.0, 10.0}, 1000.0);
  ASSERT_TRUE(sum.ok());
  EXPECT_NEAR(*sum, 15.0, 0.5);
}

TEST(PrivateAggregates, MeanStaysWithinTheBounds) {
  auto accountant = Budget(100.0);
  PrivateAggregator aggregator(accountant.get());
  std::vector<double> values = {1.0};
  for (int i = 0; i < 50; ++i) {
    StatusOr<double> mean = aggregator.Mean(values, {0.0, 2.0}, 1.0);
    ASSERT_TRUE(mean.ok());
    EXPECT_GE(*mean, 0.0);
    EXPECT_LE(*mean, 2.0);
  }
}

TEST(PrivateAggregates, DisjointCohortsCostEpsilonOnce) {
  auto accountant = Budget(1.0);
  PrivateAggregator aggregator(accountant.get());
  std::vector<CohortValues> cohorts = {{"a", {1, 2, 3}}, {"b", {4, 5}}, {"c", {}}};
  StatusOr<std::vector<CohortRelease>> released = aggregator.ReleaseCohorts(cohorts, {0.0, 10.0}, 0.4);
  ASSERT_TRUE(released.ok()) << released.status().message();
  ASSERT_EQ(released->size(), 3u);
  EXPECT_EQ((*released)[1].cohort, "b");
  EXPECT_DOUBLE_EQ(accountant->Spent().epsilon, 0.4);
}

TEST(PrivateAggregates, CohortFiguresAreNearTheTruthForALargeEpsilon) {
  auto accountant = Budget(1e6);
  PrivateAggregator aggregator(accountant.get());
  std::vector<CohortValues> cohorts = {{"fast", std::vector<double>(1000, 2.0)}};
  auto released = aggregator.ReleaseCohorts(cohorts, {0.0, 10.0}, 1e5);
  ASSERT_TRUE(released.ok());
  EXPECT_NEAR((*released)[0].count, 1000.0, 0.1);
  EXPECT_NEAR((*released)[0].sum, 2000.0, 0.1);
  EXPECT_NEAR((*released)[0].mean, 2.0, 0.01);
}

TEST(PrivateAggregates, DisjointTotalsCostEpsilonOnceAndStayNearTheTruth) {
  auto accountant = Budget(1000.0);
  PrivateAggregator aggregator(accountant.get());
  const double totals[] = {10.0, 2000.0, 0.0};
  StatusOr<std::vector<double>> noisy = aggregator.ReleaseDisjointTotals(totals, 1.0, 100.0);
  ASSERT_TRUE(noisy.ok()) << noisy.status().message();
  ASSERT_EQ(noisy->size(), 3u);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR((*noisy)[i], totals[i], 1.0);  // scale 0.01
  EXPECT_DOUBLE_EQ(accountant->Spent().epsilon, 100.0);
  EXPECT_EQ(accountant->Spent().queries, 1);
}

TEST(PrivateAggregates, DisjointTotalsRefusedBeyondTheBudgetReleaseNothing) {
  auto accountant = Budget(1.0);
  PrivateAggregator aggregator(accountant.get());
  const double totals[] = {10.0};
  StatusOr<std::vector<double>> noisy = aggregator.ReleaseDisjointTotals(totals, 1.0, 2.0);
  ASSERT_FALSE(noisy.ok());
  EXPECT_EQ(noisy.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(accountant->Spent().queries, 0);
}

TEST(PrivateAggregates, RejectsInvertedBounds) {
  auto accountant = Budget(1.0);
  PrivateAggregator aggregator(accountant.get());
  std::vector<double> values = {1.0};
  EXPECT_EQ(aggregator.Sum(values, {5.0, 1.0}, 0.1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(accountant->Spent().queries, 0);
}

TEST(PrivateAggregates, RejectsNonPositiveEpsilonWithoutCharging) {
  auto accountant = Budget(1.0);
  PrivateAggregator aggregator(accountant.get());
  EXPECT_EQ(aggregator.Count(5, 0.0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(accountant->Spent().queries, 0);
}

}  // namespace
}  // namespace nethical::privacy
