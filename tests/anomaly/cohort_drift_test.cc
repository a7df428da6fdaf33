#include "engine/anomaly/cohort_drift.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace nethical::anomaly {
namespace {

const DriftSettings kSettings{/*window=*/10, /*psi_threshold=*/0.2, /*kl_threshold=*/0.3,
                              /*cooldown_nanos=*/1000};

TEST(CohortDriftTest, LearnsTheBaselineFromTheFirstWindow) {
  CohortDrift c("prod", kSettings, std::nullopt);
  for (int i = 0; i < 9; ++i) EXPECT_FALSE(c.AddSample(0.15, ActionType::kQuery, 0).has_value());
  EXPECT_FALSE(c.HasBaseline());
  EXPECT_FALSE(c.AddSample(0.15, ActionType::kQuery, 0).has_value());
  EXPECT_TRUE(c.HasBaseline());
  EXPECT_FALSE(c.LastReport().has_value());  // nothing compared yet
}

TEST(CohortDriftTest, GivenBaselineIsComparedWithTheFirstWindow) {
  CohortDrift c("prod", kSettings, RiskHistogram{0, 10, 0, 0, 0, 0, 0, 0, 0, 0});
  EXPECT_TRUE(c.HasBaseline());
  std::optional<AnomalyAlert> alert;
  for (int i = 0; i < 10; ++i) alert = c.AddSample(0.95, ActionType::kQuery, 0);
  ASSERT_TRUE(alert.has_value());
  EXPECT_EQ(alert->type, AnomalyType::kDrift);
  EXPECT_EQ(alert->severity, AlertSeverity::kCritical);
  EXPECT_GT(c.LastReport()->psi, 0.5);
}

TEST(CohortDriftTest, WindowResetsAfterEachComparison) {
  CohortDrift c("prod", kSettings, RiskHistogram{0, 10, 0, 0, 0, 0, 0, 0, 0, 0});
  for (int i = 0; i < 10; ++i) c.AddSample(0.95, ActionType::kQuery, 0);
  for (int i = 0; i < 10; ++i) c.AddSample(0.15, ActionType::kQuery, 5000);  // matches the baseline again
  EXPECT_NEAR(c.LastReport()->psi, 0.0, 1e-9);
}

TEST(CohortDriftTest, DeferredAlertIsReportedOnce) {
  CohortDrift c("prod", kSettings, std::nullopt);
  EXPECT_FALSE(c.TakeDeferred().has_value());
  c.Defer(AnomalyAlert{AnomalyType::kDrift, AlertSeverity::kWarning, "d"});
  const auto taken = c.TakeDeferred();
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->description, "d");
  EXPECT_FALSE(c.TakeDeferred().has_value());
}

TEST(CohortDriftTest, ConcurrentSamplesCloseEveryWindowExactlyOnce) {
  // Every window drifts from this baseline and there is no cooldown, so
  // each close yields one alert.
  CohortDrift c("prod", DriftSettings{100, 0.2, 0.3, 0}, RiskHistogram{10, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  std::atomic<int> alerts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 2500; ++i)
        if (c.AddSample(0.95, ActionType::kQuery, 0)) alerts.fetch_add(1);
    });
  for (auto& t : threads) t.join();
  if (c.Flush(0)) alerts.fetch_add(1);  // what the threads' batches still held
  EXPECT_EQ(alerts.load(), 100);
}

TEST(CohortDriftTest, OnceASecondThreadAddsSamplesArriveInBatches) {
  CohortDrift c("prod", DriftSettings{100, 0.2, 0.3, 0}, std::nullopt);
  std::thread([&] { c.AddSample(0.5, ActionType::kQuery, 0); }).join();  // one lane
  for (int i = 0; i < 98; ++i) c.AddSample(0.5, ActionType::kQuery, 0);  // a second: batches of 32
  // 1 + 96 samples have arrived, 2 + 31 wait in two batches: the first
  // window (the baseline) is not complete, though 99 samples were added.
  c.AddSample(0.5, ActionType::kQuery, 0);
  EXPECT_FALSE(c.HasBaseline());
  c.Flush(0);
  EXPECT_TRUE(c.HasBaseline());
}

TEST(CohortDriftTest, ABatchThatClosesAWindowReportsItsAlert) {
  CohortDrift c("prod", DriftSettings{100, 0.2, 0.3, 0}, RiskHistogram{10, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  std::thread([&] { c.AddSample(0.95, ActionType::kQuery, 0); }).join();  // turns batching on
  int alerts = 0;
  for (int i = 0; i < 3 * 32; ++i)  // this thread's first three batches: 1 + 96 samples arrive
    if (c.AddSample(0.95, ActionType::kQuery, 0)) ++alerts;
  EXPECT_EQ(alerts, 0);
  for (int i = 0; i < 31; ++i) EXPECT_FALSE(c.AddSample(0.95, ActionType::kQuery, 0));
  EXPECT_TRUE(c.AddSample(0.95, ActionType::kQuery, 0));  // the fourth batch completes window 0
  ASSERT_TRUE(c.LastReport().has_value());
  EXPECT_GT(c.LastReport()->psi, 0.5);
}

// A PSI far above its threshold from two samples of ten is noise: the
// G-test (p < 1e-6) keeps it quiet.
TEST(CohortDriftTest, EffectSizeWithoutSignificanceDoesNotAlert) {
  CohortDrift c("prod", kSettings, std::nullopt);
  for (int i = 0; i < 10; ++i) c.AddSample(0.15, ActionType::kQuery, 0);  // baseline
  std::optional<AnomalyAlert> alert;
  for (int i = 0; i < 10; ++i)
    if (auto a = c.AddSample(i < 8 ? 0.15 : 0.25, ActionType::kQuery, 0)) alert = a;
  ASSERT_TRUE(c.LastReport().has_value());
  EXPECT_GT(c.LastReport()->psi, 0.2);
  EXPECT_FALSE(c.LastReport()->significant);
  EXPECT_FALSE(alert.has_value());
}

TEST(CohortDriftTest, ActionTypeShiftAlertsWithinOneBlock) {
  CohortDrift c("prod", DriftSettings{100, 0.2, 0.3, 0}, std::nullopt);
  EXPECT_EQ(c.type_block(), 20u);
  for (int i = 0; i < 100; ++i)  // risk and type baselines
    EXPECT_FALSE(c.AddSample(0.5, i % 2 ? ActionType::kQuery : ActionType::kResponse, 0));
  std::optional<AnomalyAlert> alert;
  for (int i = 0; i < 20; ++i)
    if (auto a = c.AddSample(0.5, ActionType::kDataAccess, 0)) alert = a;
  ASSERT_TRUE(alert.has_value());
  EXPECT_EQ(alert->type, AnomalyType::kDrift);
  EXPECT_NE(alert->description.find("action types"), std::string::npos) << alert->description;
  ASSERT_TRUE(c.LastTypeReport().has_value());
  EXPECT_TRUE(c.LastTypeReport()->significant);
}

TEST(CohortDriftTest, NoAlertBeforeTheCohortWarmup) {
  DriftSettings settings = kSettings;
  settings.warmup = 30;
  CohortDrift c("prod", settings, RiskHistogram{0, 10, 0, 0, 0, 0, 0, 0, 0, 0});
  for (int i = 0; i < 29; ++i) EXPECT_FALSE(c.AddSample(0.95, ActionType::kQuery, 0)) << i;
  EXPECT_TRUE(c.LastReport()->drift);                                 // compared, but silent
  EXPECT_TRUE(c.AddSample(0.95, ActionType::kQuery, 0).has_value());  // the 30th
}

TEST(CohortDriftTableTest, TracksAtMostMaxCohorts) {
  CohortDriftTable table(kSettings, nullptr);
  for (size_t i = 0; i < CohortDriftTable::kMaxCohorts; ++i)
    ASSERT_NE(table.Find("c" + std::to_string(i)), nullptr);
  EXPECT_EQ(table.Find("one-too-many"), nullptr);
  EXPECT_EQ(table.size(), CohortDriftTable::kMaxCohorts);
  EXPECT_EQ(table.Find("c7"), table.Find("c7"));  // existing ones are still found
  EXPECT_EQ(table.FindExisting("never"), nullptr);
}

}  // namespace
}  // namespace nethical::anomaly
