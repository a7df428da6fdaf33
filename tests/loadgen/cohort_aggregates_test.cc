// The per-cohort release: exact figures unless the privacy mode is
// differential; then noisy, charged to the accountant, or refused by it.
#include "loadgen/cohort_aggregates.h"

#include <cmath>

#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

std::vector<CohortTotals> Totals() {
  CohortTotals a{"alpha", 1000, 50, 120, 110, 400.0};
  CohortTotals b{"beta", 300, 3, 0, 0, 270.0};
  return {a, b};
}

PrivacyConfig Mode(PrivacyMode mode, double epsilon = 1.0) {
  PrivacyConfig p;
  p.mode = mode;
  p.epsilon = epsilon;
  return p;
}

std::unique_ptr<privacy::PrivacyAccountant> Accountant(double budget) {
  privacy::AccountantOptions o;
  o.epsilon_budget = budget;
  o.rule = privacy::CompositionRule::kBasic;
  return std::move(privacy::PrivacyAccountant::Create(o).value());
}

TEST(CohortAggregatesTest, StandardModeReportsExactFigures) {
  const CohortAggregates c = ReleaseCohortAggregates(Totals(), Mode(PrivacyMode::kStandard), nullptr);
  EXPECT_EQ(c.release, CohortAggregates::Release::kExact);
  EXPECT_EQ(c.epsilon_spent, 0.0);
  ASSERT_EQ(c.cohorts.size(), 2u);
  EXPECT_EQ(c.cohorts[0].cohort, "alpha");
  EXPECT_EQ(c.cohorts[0].actions, 1000.0);
  EXPECT_EQ(c.cohorts[0].violations, 50.0);
  EXPECT_EQ(c.cohorts[0].pii_findings, 120.0);  // uncapped when exact
  EXPECT_DOUBLE_EQ(c.cohorts[0].mean_risk, 0.4);
  EXPECT_DOUBLE_EQ(c.cohorts[1].mean_risk, 0.9);
}

TEST(CohortAggregatesTest, NoneModeReportsExactFiguresToo) {
  const CohortAggregates c = ReleaseCohortAggregates(Totals(), Mode(PrivacyMode::kNone), nullptr);
  EXPECT_EQ(c.release, CohortAggregates::Release::kExact);
  EXPECT_EQ(c.cohorts[1].actions, 300.0);
}

TEST(CohortAggregatesTest, DifferentialModeAddsNoiseWithinAGenerousBound) {
  auto accountant = Accountant(10.0);
  const CohortAggregates c =
      ReleaseCohortAggregates(Totals(), Mode(PrivacyMode::kDifferential, 1.0), accountant.get());
  ASSERT_EQ(c.release, CohortAggregates::Release::kDifferential) << c.refusal;
  ASSERT_EQ(c.cohorts.size(), 2u);
  // Laplace scale 4/epsilon = 4 per count (16 for PII): 100 is > 25 scales.
  const CohortFigures& a = c.cohorts[0];
  EXPECT_NEAR(a.actions, 1000.0, 100.0);
  EXPECT_NEAR(a.violations, 50.0, 100.0);
  EXPECT_NEAR(a.pii_findings, 110.0, 400.0);  // released from the capped total
  EXPECT_NEAR(a.mean_risk, 0.4, 0.2);
  EXPECT_GE(a.mean_risk, 0.0);
  EXPECT_LE(c.cohorts[1].mean_risk, 1.0);
  // Continuous noise: an exact figure would come out with probability 0.
  EXPECT_FALSE(a.actions == 1000.0 && a.violations == 50.0 && c.cohorts[1].actions == 300.0);
}

TEST(CohortAggregatesTest, DifferentialReleaseCostsEpsilonOnceForAllCohorts) {
  auto accountant = Accountant(10.0);
  const CohortAggregates c =
      ReleaseCohortAggregates(Totals(), Mode(PrivacyMode::kDifferential, 2.0), accountant.get());
  EXPECT_DOUBLE_EQ(c.epsilon_spent, 2.0);
  EXPECT_NEAR(accountant->Spent().epsilon, 2.0, 1e-12);
  EXPECT_EQ(accountant->Spent().queries, 4);  // one per statistic, not per cohort
}

TEST(CohortAggregatesTest, RefusalByTheBudgetIsReportedWithoutFigures) {
  auto accountant = Accountant(1.0);
  const CohortAggregates c =
      ReleaseCohortAggregates(Totals(), Mode(PrivacyMode::kDifferential, 8.0), accountant.get());
  EXPECT_EQ(c.release, CohortAggregates::Release::kRefused);
  EXPECT_TRUE(c.cohorts.empty());
  EXPECT_NE(c.refusal.find("budget"), std::string::npos) << c.refusal;
}

TEST(CohortAggregatesTest, NoisyCountsAreNeverNegative) {
  auto accountant = Accountant(1000.0);
  const std::vector<CohortTotals> empty = {CohortTotals{"idle"}};
  for (int i = 0; i < 50; ++i) {
    const CohortAggregates c =
        ReleaseCohortAggregates(empty, Mode(PrivacyMode::kDifferential, 0.5), accountant.get());
    ASSERT_EQ(c.release, CohortAggregates::Release::kDifferential);
    EXPECT_GE(c.cohorts[0].actions, 0.0);
    EXPECT_GE(c.cohorts[0].violations, 0.0);
    EXPECT_GE(c.cohorts[0].pii_findings, 0.0);
    EXPECT_GE(c.cohorts[0].mean_risk, 0.0);
    EXPECT_LE(c.cohorts[0].mean_risk, 1.0);
  }
}

}  // namespace
}  // namespace nethical::loadgen
