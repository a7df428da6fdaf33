#include "engine/anomaly/behavior_window.h"

#include <gtest/gtest.h>

#include <cmath>

namespace nethical::anomaly {
namespace {

TEST(BehaviorWindowTest, SingleTypeIsFullyConcentrated) {
  BehaviorWindow w;
  for (int i = 0; i < 10; ++i) w.Add(ActionType::kResponse);
  const BehaviorStats s = w.Stats();
  EXPECT_DOUBLE_EQ(s.concentration, 1.0);
  EXPECT_DOUBLE_EQ(s.normalized_entropy, 0.0);
  EXPECT_TRUE(s.anomalous);
  EXPECT_DOUBLE_EQ(s.score, 1.0);
}

TEST(BehaviorWindowTest, NeedsTenActionsBeforeAnomalous) {
  BehaviorWindow w;
  for (int i = 0; i < 9; ++i) w.Add(ActionType::kResponse);
  EXPECT_FALSE(w.Stats().anomalous);
}

TEST(BehaviorWindowTest, EntropyMatchesHandComputation) {
  BehaviorWindow w;
  for (int i = 0; i < 6; ++i) w.Add(ActionType::kQuery);
  for (int i = 0; i < 3; ++i) w.Add(ActionType::kResponse);
  w.Add(ActionType::kDataAccess);
  const BehaviorStats s = w.Stats();
  // p = .6 .3 .1: H = 0.8979 nats, / ln 3 = 0.8173
  EXPECT_NEAR(s.normalized_entropy, 0.81734542214651, 1e-12);
  EXPECT_DOUBLE_EQ(s.concentration, 0.6);
  EXPECT_FALSE(s.anomalous);
  EXPECT_NEAR(s.score, 0.6, 1e-12);
}

TEST(BehaviorWindowTest, ForgetsActionsOlderThanTheWindow) {
  BehaviorWindow w;
  for (int i = 0; i < kBehaviorWindow; ++i) w.Add(ActionType::kQuery);
  for (int i = 0; i < kBehaviorWindow / 2; ++i) {
    w.Add(ActionType::kResponse);
    w.Add(ActionType::kDataAccess);
  }
  const BehaviorStats s = w.Stats();
  EXPECT_EQ(s.total, kBehaviorWindow);
  EXPECT_DOUBLE_EQ(s.concentration, 0.5);  // no kQuery left
  EXPECT_NEAR(s.normalized_entropy, 1.0, 1e-12);
}

}  // namespace
}  // namespace nethical::anomaly
