#include "engine/risk/risk_model.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "tests/testing/fake_clock.h"

namespace nethical::risk {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

constexpr double kEps = 1e-9;

TEST(RiskModel, ViolationFreeAgentStaysAtZeroAndLow) {
  // The original drifted to 0.54 ("high") after ~4 clean actions because it
  // counted every action as a violation.
  RiskModel model(RiskConfig{});
  FakeClock clock;
  AgentRisk s;
  RiskResult r;
  for (int i = 0; i < 100; ++i) {
    r = model.Update(&s, {}, clock.NowNanos());
    clock.Advance(std::chrono::milliseconds(10));
  }
  EXPECT_DOUBLE_EQ(r.score, 0.0);
  EXPECT_EQ(r.tier, RiskTier::kLow);
}

TEST(RiskModel, FirstViolationScoresSeverityAndRecency) {
  RiskModel model(RiskConfig{});
  AgentRisk s;
  // behavior 0 (no earlier actions), severity 1, frequency 0, recency 1:
  // 0.7 * (0.3 + 0.2) = 0.35.
  RiskResult r = model.Update(&s, {.violation_score = 1.0}, 1000);
  EXPECT_NEAR(r.score, 0.35, kEps);
  EXPECT_EQ(r.tier, RiskTier::kNormal);
}

TEST(RiskModel, RepeatedViolationsRiseToElevated) {
  RiskModel model(RiskConfig{});
  AgentRisk s;
  RiskResult r;
  for (int i = 0; i < 10; ++i) r = model.Update(&s, {.violation_score = 1.0}, 1000 + i);
  EXPECT_GE(r.score, 0.75);
  EXPECT_EQ(r.tier, RiskTier::kElevated);
}

TEST(RiskModel, StoredScoreHalvesEveryHalfLife) {
  RiskModel model(RiskConfig{});  // 24 h half-life
  FakeClock clock;
  AgentRisk s;
  model.Update(&s, {.violation_score = 1.0}, clock.NowNanos());
  double before = s.score;
  clock.Advance(hours(48));  // recency is 0 after 24 h; behavior is 1 (1 of 1)
  RiskResult r = model.Update(&s, {}, clock.NowNanos());
  // 0.7 * 0.3 * behavior(1.0) + 0.3 * before / 4, frequency 0 (change > 1 h ago).
  EXPECT_NEAR(r.score, 0.21 + 0.3 * before / 4, kEps);
}

TEST(RiskModel, DecayRateOverridesHalfLife) {
  RiskConfig c;
  c.decay_rate = 0.5;  // keep half per hour: a 1 h half-life
  RiskModel model(c);
  FakeClock clock;
  AgentRisk s;
  model.Update(&s, {.violation_score = 1.0}, clock.NowNanos());
  double before = s.score;
  clock.Advance(hours(25));
  model.Update(&s, {}, clock.NowNanos());
  EXPECT_NEAR(s.score, 0.21 + 0.3 * before * std::pow(0.5, 25), kEps);
}

TEST(RiskModel, RecencyFadesOverADay) {
  RiskModel model(RiskConfig{});
  FakeClock clock;
  AgentRisk s;
  model.Update(&s, {.violation_score = 0.25}, clock.NowNanos());
  clock.Advance(hours(12));
  AgentRisk copy = s;
  RiskResult r = model.Update(&copy, {}, clock.NowNanos());
  double decayed = s.score * std::pow(0.5, 0.5);
  // behavior 1 (1 of 1), recency 0.5, frequency 1 change but > 1 h ago: 0.
  EXPECT_NEAR(r.score, 0.7 * (0.3 + 0.2 * 0.5) + 0.3 * decayed, kEps);
}

TEST(RiskModel, PrivilegedAndAutomatedScaleBehavior) {
  RiskModel model(RiskConfig{});
  AgentRisk plain, flagged;
  model.Update(&plain, {.violation_score = 0.5}, 0);
  model.Update(&flagged, {.violation_score = 0.5}, 0);
  RiskResult a = model.Update(&plain, {}, 1);
  RiskResult b = model.Update(&flagged, {.is_privileged = true, .is_automated = true}, 1);
  EXPECT_NEAR(b.score - a.score, 0.7 * 0.3 * (1.8 - 1.0), kEps);
}

TEST(RiskModel, TransientSignalsRaiseReportedScoreButAreNotStored) {
  RiskModel model(RiskConfig{});
  AgentRisk s;
  RiskResult r = model.Update(&s, {.pii_risk = 0.5, .backpressure = 0.9}, 0);
  EXPECT_NEAR(r.score, 0.3 * 0.5 + 0.2, kEps);
  EXPECT_EQ(r.tier, RiskTier::kNormal);
  EXPECT_DOUBLE_EQ(s.score, 0.0);
}

TEST(RiskModel, BackpressureAtThresholdAddsNothing) {
  RiskModel model(RiskConfig{});
  AgentRisk s;
  EXPECT_DOUBLE_EQ(model.Update(&s, {.backpressure = 0.8}, 0).score, 0.0);
}

TEST(RiskModel, TiersFollowConfiguredThresholds) {
  RiskConfig c;
  c.normal_threshold = 0.1;
  c.high_threshold = 0.7;
  c.elevated_threshold = 0.9;
  RiskModel model(c);
  EXPECT_EQ(model.TierOf(0.09), RiskTier::kLow);
  EXPECT_EQ(model.TierOf(0.1), RiskTier::kNormal);
  EXPECT_EQ(model.TierOf(0.69), RiskTier::kNormal);
  EXPECT_EQ(model.TierOf(0.7), RiskTier::kHigh);
  EXPECT_EQ(model.TierOf(0.9), RiskTier::kElevated);
}

TEST(RiskModel, CountsRecentTierChangesAsFrequency) {
  RiskModel model(RiskConfig{});
  AgentRisk s;
  model.Update(&s, {.violation_score = 1.0}, 0);  // low -> normal: one change
  EXPECT_EQ(s.tier_change_count, 1);
  AgentRisk copy = s;
  RiskResult with_change = model.Update(&copy, {}, 1);
  AgentRisk old = s;
  RiskResult after_hour = model.Update(&old, {}, 3'600'000'000'001);
  // Same inputs except frequency (0.1 within the hour) and decay/recency.
  EXPECT_GT(with_change.score, after_hour.score);
}

TEST(RiskModel, ViolationFrequencyIsTheShareOfTheLast16ActionsThatViolated) {
  RiskModel model(RiskConfig{});
  AgentRisk s;
  RiskResult r;
  // 4 violating actions among 20: the window of 16 holds the last 3 of them.
  for (int i = 0; i < 20; ++i) r = model.Update(&s, {.violation_score = i % 5 == 0 ? 0.75 : 0.0}, 1000 + i);
  EXPECT_DOUBLE_EQ(r.violation_frequency, 3.0 / 16);
  for (int i = 0; i < 16; ++i) r = model.Update(&s, {.violation_score = 1.0}, 2000 + i);
  EXPECT_DOUBLE_EQ(r.violation_frequency, 1.0);
}

TEST(RiskModel, ViolationRecencyFallsByOneSixteenthPerCleanAction) {
  RiskModel model(RiskConfig{});
  AgentRisk s;
  RiskResult r = model.Update(&s, {}, 1000);
  EXPECT_DOUBLE_EQ(r.violation_recency, 0.0);  // never violated
  r = model.Update(&s, {.violation_score = 0.5}, 1001);
  EXPECT_DOUBLE_EQ(r.violation_recency, 1.0);  // this action violates
  r = model.Update(&s, {}, 1002);
  EXPECT_DOUBLE_EQ(r.violation_recency, 15.0 / 16);
  for (int i = 0; i < 14; ++i) r = model.Update(&s, {}, 1003 + i);
  EXPECT_DOUBLE_EQ(r.violation_recency, 1.0 / 16);
  r = model.Update(&s, {}, 2000);  // the violation left the window
  EXPECT_DOUBLE_EQ(r.violation_recency, 0.0);
  EXPECT_DOUBLE_EQ(r.violation_frequency, 0.0);
}

TEST(ActionViolationScore, TakesMaxOfSeveritiesAndPii) {
  std::vector<Violation> v = {Violation{"a", Severity::kLow, 1, "", ""},
                              Violation{"b", Severity::kMedium, 1, "", ""}};
  EXPECT_DOUBLE_EQ(ActionViolationScore(v, 0.0), 0.5);
  EXPECT_DOUBLE_EQ(ActionViolationScore(v, 0.6), 0.75);
  EXPECT_DOUBLE_EQ(ActionViolationScore({}, 0.9), 1.0);
  EXPECT_DOUBLE_EQ(ActionViolationScore({}, 0.5), 0.0);
}

TEST(SeverityScore, MapsOrderedSeverities) {
  EXPECT_DOUBLE_EQ(SeverityScore(Severity::kLow), 0.25);
  EXPECT_DOUBLE_EQ(SeverityScore(Severity::kMedium), 0.5);
  EXPECT_DOUBLE_EQ(SeverityScore(Severity::kHigh), 0.75);
  EXPECT_DOUBLE_EQ(SeverityScore(Severity::kCritical), 1.0);
  EXPECT_DOUBLE_EQ(SeverityScore(Severity::kEmergency), 1.0);
}

}  // namespace
}  // namespace nethical::risk
