#include "engine/anomaly/cohort_drift.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace nethical::anomaly {
namespace {

const DriftSettings kSettings{/*window=*/10, /*psi_threshold=*/0.2, /*kl_threshold=*/0.3,
                              /*cooldown_nanos=*/1000};

TEST(CohortDriftTest, LearnsTheBaselineFromTheFirstWindow) {
  CohortDrift c("prod", kSettings, std::nullopt);
  for (int i = 0; i < 9; ++i) EXPECT_FALSE(c.AddSample(0.15, 0).has_value());
  EXPECT_FALSE(c.HasBaseline());
  EXPECT_FALSE(c.AddSample(0.15, 0).has_value());
  EXPECT_TRUE(c.HasBaseline());
  EXPECT_FALSE(c.LastReport().has_value());  // nothing compared yet
}

TEST(CohortDriftTest, GivenBaselineIsComparedWithTheFirstWindow) {
  CohortDrift c("prod", kSettings, RiskHistogram{0, 10, 0, 0, 0, 0, 0, 0, 0, 0});
  EXPECT_TRUE(c.HasBaseline());
  std::optional<AnomalyAlert> alert;
  for (int i = 0; i < 10; ++i) alert = c.AddSample(0.95, 0);
  ASSERT_TRUE(alert.has_value());
  EXPECT_EQ(alert->type, "drift");
  EXPECT_EQ(alert->severity, "critical");
  EXPECT_GT(c.LastReport()->psi, 0.5);
}

TEST(CohortDriftTest, WindowResetsAfterEachComparison) {
  CohortDrift c("prod", kSettings, RiskHistogram{0, 10, 0, 0, 0, 0, 0, 0, 0, 0});
  for (int i = 0; i < 10; ++i) c.AddSample(0.95, 0);
  for (int i = 0; i < 10; ++i) c.AddSample(0.15, 5000);  // matches the baseline again
  EXPECT_NEAR(c.LastReport()->psi, 0.0, 1e-9);
}

TEST(CohortDriftTest, DeferredAlertIsReportedOnce) {
  CohortDrift c("prod", kSettings, std::nullopt);
  EXPECT_FALSE(c.TakeDeferred().has_value());
  c.Defer(AnomalyAlert{"drift", "high", "d"});
  const auto taken = c.TakeDeferred();
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->description, "d");
  EXPECT_FALSE(c.TakeDeferred().has_value());
}

TEST(CohortDriftTest, ConcurrentSamplesCloseEveryWindowExactlyOnce) {
  // Every window drifts from this baseline and there is no cooldown, so
  // each close yields one alert.
  CohortDrift c("prod", DriftSettings{100, 0.2, 0.3, 0},
                RiskHistogram{10, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  std::atomic<int> alerts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 2500; ++i)
        if (c.AddSample(0.95, 0)) alerts.fetch_add(1);
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(alerts.load(), 100);
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
