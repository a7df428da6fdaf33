#include "engine/shadow/shadow_metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace nethical::shadow {
namespace {

TEST(ShadowMetricsTest, ConfusionMatrixTreatsDenyAsPositive) {
  ShadowMetricsRecorder r;
  r.Record(0.5, RuleClass::kDeny, RuleClass::kDeny, false);  // tp
  r.Record(0.5, RuleClass::kDeny, RuleClass::kWarn, false);  // fp
  r.Record(0.5, RuleClass::kWarn, RuleClass::kPass, false);  // tn
  r.Record(0.5, RuleClass::kPass, RuleClass::kDeny, false);  // fn
  r.Record(0.5, RuleClass::kPass, RuleClass::kDeny, false);  // fn
  const ShadowMetrics m = r.Snapshot();
  EXPECT_EQ(m.true_positives, 1u);
  EXPECT_EQ(m.false_positives, 1u);
  EXPECT_EQ(m.true_negatives, 1u);
  EXPECT_EQ(m.false_negatives, 2u);
  EXPECT_DOUBLE_EQ(m.precision, 0.5);
  EXPECT_DOUBLE_EQ(m.recall, 1.0 / 3);
  EXPECT_DOUBLE_EQ(m.f1, 2 * 0.5 * (1.0 / 3) / (0.5 + 1.0 / 3));
  EXPECT_DOUBLE_EQ(m.accuracy, 2.0 / 5);
}

TEST(ShadowMetricsTest, UnlabelledPredictionsCountOnlyTowardScoreAgreement) {
  ShadowMetricsRecorder r;
  r.Record(0.5, RuleClass::kPass, std::nullopt, true);
  r.Record(0.5, RuleClass::kPass, RuleClass::kPass, false);
  const ShadowMetrics m = r.Snapshot();
  EXPECT_EQ(m.predictions, 2u);
  EXPECT_EQ(m.labelled, 1u);
  EXPECT_DOUBLE_EQ(m.score_agreement_rate, 0.5);
  EXPECT_DOUBLE_EQ(m.class_agreement_rate, 1.0);
}

TEST(ShadowMetricsTest, ExpectedCalibrationErrorMatchesHandComputation) {
  ShadowMetricsRecorder r;
  // Bin [0.8, 1]: confidences 0.8 and 1.0 (mean 0.9), one agreement -> |0.5 - 0.9| = 0.4
  r.Record(0.8, RuleClass::kDeny, RuleClass::kDeny, false);
  r.Record(1.0, RuleClass::kDeny, RuleClass::kPass, false);
  // Bin [0.2, 0.4): confidence 0.3, agreement -> |1 - 0.3| = 0.7
  r.Record(0.3, RuleClass::kWarn, RuleClass::kWarn, false);
  // Bin [0, 0.2): confidence 0.1, disagreement -> |0 - 0.1| = 0.1
  r.Record(0.1, RuleClass::kWarn, RuleClass::kPass, false);
  const ShadowMetrics m = r.Snapshot();
  EXPECT_EQ(m.bin_count[4], 2u);
  EXPECT_NEAR(m.bin_mean_confidence[4], 0.9, 1e-9);
  EXPECT_NEAR(m.expected_calibration_error, 0.5 * 0.4 + 0.25 * 0.7 + 0.25 * 0.1, 1e-9);
  EXPECT_DOUBLE_EQ(m.class_agreement_rate, 0.5);
}

TEST(ShadowMetricsTest, CalibrationBinsAreHalfOpenWithTheTopClosed) {
  EXPECT_EQ(CalibrationBin(0.0), 0);
  EXPECT_EQ(CalibrationBin(0.2), 1);
  EXPECT_EQ(CalibrationBin(0.79), 3);
  EXPECT_EQ(CalibrationBin(1.0), 4);
  EXPECT_EQ(CalibrationBin(-1.0), 0);
}

TEST(ShadowMetricsTest, EmptyRecorderReportsZeros) {
  const ShadowMetrics m = ShadowMetricsRecorder().Snapshot();
  EXPECT_EQ(m.predictions, 0u);
  EXPECT_EQ(m.expected_calibration_error, 0.0);
  EXPECT_EQ(m.precision, 0.0);
}

TEST(ShadowMetricsTest, ConcurrentRecordsAreAllCounted) {
  ShadowMetricsRecorder r;
  constexpr int kThreads = 4, kEach = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i)
        r.Record(0.5, RuleClass::kDeny, i % 2 ? RuleClass::kDeny : RuleClass::kPass, i % 3 == 0);
    });
  for (auto& t : threads) t.join();
  const ShadowMetrics m = r.Snapshot();
  EXPECT_EQ(m.predictions, uint64_t{kThreads} * kEach);
  EXPECT_EQ(m.true_positives, uint64_t{kThreads} * kEach / 2);
  EXPECT_EQ(m.false_positives, uint64_t{kThreads} * kEach / 2);
}

}  // namespace
}  // namespace nethical::shadow
