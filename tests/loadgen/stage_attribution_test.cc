// "Where the time goes": shares of the sampled pipeline time per stage that
// ran, and the console block.
#include "loadgen/stage_attribution.h"

#include <algorithm>

#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

StageTimingStats Sampled() {
  StageTimings t(8);
  for (int i = 0; i < 100; ++i) {
    ActionStageTimes a;
    a.Add(Stage::kInputScreen, 1'000);
    a.Add(Stage::kPii, 6'000);
    a.Add(Stage::kDetectJudge, 3'000);
    a.total_ns = 10'000;
    t.AddAction(a);
  }
  return t.Snapshot();
}

TEST(StageAttributionTest, SharesOfTheSampledPipelineTimeForStagesThatRan) {
  const StageAttribution a = AttributeStages(Sampled());
  EXPECT_EQ(a.one_in, 8u);
  EXPECT_EQ(a.sampled_actions, 100u);
  EXPECT_DOUBLE_EQ(a.pipeline_mean_us, 10);
  ASSERT_EQ(a.rows.size(), 3u);  // quota, risk, ... never ran
  EXPECT_EQ(a.rows[0].stage, "input_screen");
  EXPECT_DOUBLE_EQ(a.rows[0].share, 0.1);
  EXPECT_EQ(a.rows[1].stage, "pii");
  EXPECT_DOUBLE_EQ(a.rows[1].share, 0.6);
  EXPECT_NEAR(a.rows[1].p99_us, 6, 6 / 32.0);
  EXPECT_EQ(a.rows[2].stage, "detect_judge");
  EXPECT_DOUBLE_EQ(a.rows[2].mean_us, 3);
}

TEST(StageAttributionTest, ConsoleBlockHasOneLinePerStage) {
  const std::string block = RenderStageAttribution(AttributeStages(Sampled()));
  EXPECT_EQ(block.rfind("Where the Time Goes (engine stages, 1 in 8 actions timed: 100;", 0), 0u) << block;
  EXPECT_NE(block.find("  pii              60.0%        6.0"), std::string::npos) << block;
  EXPECT_EQ(std::count(block.begin(), block.end(), '\n'), 2 + 3);
}

TEST(StageAttributionTest, NothingSampledRendersNothing) {
  EXPECT_EQ(RenderStageAttribution(AttributeStages(StageTimings(16).Snapshot())), "");
  EXPECT_EQ(StageRowsJson(AttributeStages(StageTimings(16).Snapshot())), "[]");
}

}  // namespace
}  // namespace nethical::loadgen
