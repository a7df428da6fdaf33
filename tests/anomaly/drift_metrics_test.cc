#include "engine/anomaly/drift_metrics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nethical::anomaly {
namespace {

// Reference values computed independently (Python, math.log) with the same
// epsilon smoothing.
const RiskHistogram kBaseline = {10, 20, 30, 20, 10, 5, 3, 1, 1, 0};
const RiskHistogram kCurrent = {5, 10, 20, 25, 20, 10, 5, 3, 1, 1};

TEST(DriftMetricsTest, PsiKlJsMatchHandComputedValues) {
  const RiskHistogram b = SmoothedDistribution(kBaseline);
  const RiskHistogram c = SmoothedDistribution(kCurrent);
  EXPECT_NEAR(PopulationStabilityIndex(b, c), 0.4299916352070121, 1e-9);
  EXPECT_NEAR(KullbackLeibler(c, b), 0.27531979777986626, 1e-9);
  EXPECT_NEAR(JensenShannonDistance(b, c), 0.19813064796144966, 1e-9);
}

TEST(DriftMetricsTest, DisjointHistogramsGiveLargeDivergence) {
  const RiskHistogram low = {100, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  const RiskHistogram high = {0, 0, 0, 0, 0, 0, 0, 0, 0, 100};
  const DriftReport r = CompareRiskHistograms(low, high, 0.2, 0.3);
  EXPECT_NEAR(r.psi, 36.841357823768945, 1e-6);
  EXPECT_NEAR(r.kl, 18.420678911884472, 1e-6);
  EXPECT_NEAR(r.js, 0.8325544612224405, 1e-9);
  EXPECT_TRUE(r.drift);
  EXPECT_EQ(r.severity, AlertSeverity::kCritical);
}

TEST(DriftMetricsTest, IdenticalHistogramsShowNoDrift) {
  const DriftReport r = CompareRiskHistograms(kBaseline, kBaseline, 0.2, 0.3);
  EXPECT_NEAR(r.psi, 0.0, 1e-12);
  EXPECT_NEAR(r.kl, 0.0, 1e-12);
  EXPECT_NEAR(r.js, 0.0, 1e-6);
  EXPECT_FALSE(r.drift);
}

TEST(DriftMetricsTest, SeverityBandsFollowTheOriginal) {
  const DriftReport r = CompareRiskHistograms(kBaseline, kCurrent, 0.2, 0.3);
  EXPECT_TRUE(r.drift);                            // PSI 0.43 > 0.2
  EXPECT_EQ(r.severity, AlertSeverity::kWarning);  // PSI > 0.3, below every critical band
  EXPECT_EQ(DriftSeverityOf(0.51, 0, 0), AlertSeverity::kCritical);
  EXPECT_EQ(DriftSeverityOf(0, 0.31, 0), AlertSeverity::kCritical);
  EXPECT_EQ(DriftSeverityOf(0, 0, 0.26), AlertSeverity::kCritical);
  EXPECT_EQ(DriftSeverityOf(0, 0.16, 0), AlertSeverity::kWarning);
  EXPECT_EQ(DriftSeverityOf(0, 0, 0.19), AlertSeverity::kWarning);
  EXPECT_EQ(DriftSeverityOf(0.3, 0.15, 0.18), AlertSeverity::kInfo);
}

TEST(DriftMetricsTest, ThresholdsAreWired) {
  // One extra score in an empty bin: PSI 0.137, KL 0.127, JS 0.059, below
  // every default threshold; halving PSI's or KL's threshold flags it.
  const RiskHistogram near = {10, 20, 30, 20, 10, 5, 3, 1, 1, 1};
  const DriftReport r = CompareRiskHistograms(kBaseline, near, 0.2, 0.3);
  EXPECT_FALSE(r.drift) << r.psi << " " << r.kl << " " << r.js;
  EXPECT_TRUE(CompareRiskHistograms(kBaseline, near, r.psi / 2, 0.3).drift);
  EXPECT_TRUE(CompareRiskHistograms(kBaseline, near, 0.2, r.kl / 2).drift);
}

TEST(DriftMetricsTest, RiskBinsSplitTheUnitIntervalInTenths) {
  EXPECT_EQ(RiskBin(0.0), 0);
  EXPECT_EQ(RiskBin(0.09), 0);
  EXPECT_EQ(RiskBin(0.1), 1);
  EXPECT_EQ(RiskBin(0.95), 9);
  EXPECT_EQ(RiskBin(1.0), 9);
  EXPECT_EQ(RiskBin(7.0), 9);
  EXPECT_EQ(RiskBin(-1.0), 0);
  EXPECT_EQ(RiskBin(std::nan("")), 0);
}

}  // namespace
}  // namespace nethical::anomaly
