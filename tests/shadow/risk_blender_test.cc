#include "engine/shadow/risk_blender.h"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>
#include <vector>

namespace nethical::shadow {
namespace {

RiskBlender DefaultBlender() { return RiskBlender(BlendConfig{}); }

TEST(RiskBlenderTest, BlendsInTheGrayZoneAsTheOriginalExample) {
  const BlendOutcome out = DefaultBlender().Blend(0.5, 0.3);
  EXPECT_NEAR(out.blended_score, 0.44, 1e-12);  // 0.7 * 0.5 + 0.3 * 0.3
  EXPECT_EQ(out.zone, BlendZone::kGray);
  EXPECT_EQ(out.blended_class, RuleClass::kWarn);
  EXPECT_FALSE(out.ml_influenced);  // warn stays warn
}

TEST(RiskBlenderTest, GrayZoneBoundsAreInclusive) {
  RiskBlender b = DefaultBlender();
  EXPECT_EQ(b.Blend(0.4, 0.0).zone, BlendZone::kGray);
  EXPECT_EQ(b.Blend(0.6, 0.0).zone, BlendZone::kGray);
  EXPECT_EQ(b.Blend(0.3999, 0.0).zone, BlendZone::kClearAllow);
  EXPECT_EQ(b.Blend(0.6001, 0.0).zone, BlendZone::kClearDeny);
}

TEST(RiskBlenderTest, ClearZonesKeepTheRuleRisk) {
  RiskBlender b = DefaultBlender();
  EXPECT_DOUBLE_EQ(b.Blend(0.2, 1.0).blended_score, 0.2);
  EXPECT_DOUBLE_EQ(b.Blend(0.9, 0.0).blended_score, 0.9);
  EXPECT_EQ(b.Blend(0.9, 0.0).blended_class, RuleClass::kDeny);
}

TEST(RiskBlenderTest, CountsEscalationsAndDeEscalations) {
  RiskBlender b = DefaultBlender();
  const BlendOutcome up = b.Blend(0.6, 1.0);    // 0.72: warn -> deny
  const BlendOutcome down = b.Blend(0.4, 0.0);  // 0.28: warn -> pass
  b.Blend(0.5, 0.5);                            // 0.5: warn -> warn
  b.Blend(0.1, 1.0);                            // clear zone
  EXPECT_TRUE(up.ml_influenced);
  EXPECT_EQ(up.blended_class, RuleClass::kDeny);
  EXPECT_TRUE(down.ml_influenced);
  EXPECT_EQ(down.blended_class, RuleClass::kPass);
  const BlendCounters c = b.Counters();
  EXPECT_EQ(c.blends, 4u);
  EXPECT_EQ(c.gray_zone, 3u);
  EXPECT_EQ(c.escalations, 1u);
  EXPECT_EQ(c.de_escalations, 1u);
}

TEST(RiskBlenderTest, NonFiniteMlScoreLeavesTheRuleRisk) {
  EXPECT_DOUBLE_EQ(DefaultBlender().Blend(0.5, std::nan("")).blended_score, 0.5);
}

TEST(BlendedDecisionTest, EscalatesOnlyUpward) {
  BlendOutcome to_deny{0.72, BlendZone::kGray, RuleClass::kDeny, true};
  BlendOutcome to_warn{0.45, BlendZone::kGray, RuleClass::kWarn, true};
  BlendOutcome to_pass{0.28, BlendZone::kGray, RuleClass::kPass, true};
  BlendOutcome unchanged{0.65, BlendZone::kClearDeny, RuleClass::kWarn, false};
  EXPECT_EQ(BlendedDecision(Decision::kAllow, to_deny), Decision::kBlock);
  EXPECT_EQ(BlendedDecision(Decision::kTerminate, to_deny), Decision::kTerminate);
  EXPECT_EQ(BlendedDecision(Decision::kAllow, to_warn), Decision::kWarn);
  EXPECT_EQ(BlendedDecision(Decision::kBlock, to_pass), Decision::kBlock);
  EXPECT_EQ(BlendedDecision(Decision::kAllow, unchanged), Decision::kAllow);
}

ShadowOutcome DenyingShadow() {
  ShadowOutcome s;
  s.ml_score = 0.9;
  s.ml_class = RuleClass::kDeny;
  s.confidence = 0.8;
  return s;
}

TEST(BlendMlScoreTest, CallerSourceUsesTheFeatureOrNeutralDefault) {
  const std::optional<ShadowOutcome> shadow = DenyingShadow();
  EXPECT_EQ(BlendMlScore(BlendSource::kCallerFeature, 0.2, shadow), 0.2);
  EXPECT_EQ(BlendMlScore(BlendSource::kCallerFeature, std::nullopt, shadow), 0.5);
}

TEST(BlendMlScoreTest, ShadowSourceUsesTheShadowScore) {
  const std::optional<ShadowOutcome> shadow = DenyingShadow();
  EXPECT_EQ(BlendMlScore(BlendSource::kShadowScore, 0.2, shadow), 0.9);
}

TEST(RiskBlenderTest, ConcurrentBlendsAreAllCounted) {
  RiskBlender b = DefaultBlender();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) b.Blend(0.6, 1.0);
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(b.Counters().escalations, 40000u);
}

}  // namespace
}  // namespace nethical::shadow
