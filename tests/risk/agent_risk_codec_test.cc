#include "engine/risk/agent_risk_codec.h"

#include <gtest/gtest.h>

namespace nethical::risk {
namespace {

AgentRisk Sample() {
  RiskModel model(RiskConfig{});
  AgentRisk s;
  int64_t now = 1'767'225'600'000'000'000;
  for (int i = 0; i < 40; ++i, now += 1'234'567'891)
    model.Update(&s, {.violation_score = (i % 3 == 0) ? 0.75 : 0.0, .is_privileged = i % 5 == 0}, now);
  return s;
}

TEST(AgentRiskCodec, DecodesWhatItEncodedBitForBit) {
  const AgentRisk s = Sample();
  AgentRisk back;
  ASSERT_TRUE(DecodeAgentRisk(EncodeAgentRisk(s), &back));
  EXPECT_EQ(back.score, s.score);  // exactly: the score travels as a hexadecimal float
  EXPECT_EQ(back.last_update_ns, s.last_update_ns);
  EXPECT_EQ(back.last_violation_ns, s.last_violation_ns);
  EXPECT_EQ(back.has_update, s.has_update);
  EXPECT_EQ(back.has_violation, s.has_violation);
  EXPECT_EQ(back.actions, s.actions);
  EXPECT_EQ(back.violating_actions, s.violating_actions);
  EXPECT_EQ(back.tier, s.tier);
  EXPECT_EQ(back.tier_changes_ns, s.tier_changes_ns);
  EXPECT_EQ(back.tier_change_count, s.tier_change_count);
  EXPECT_EQ(back.tier_change_next, s.tier_change_next);
  EXPECT_EQ(back.recent_violations, s.recent_violations);
}

TEST(AgentRiskCodec, RefusesTextItDidNotWrite) {
  const std::string good = EncodeAgentRisk(Sample());
  AgentRisk s;
  EXPECT_FALSE(DecodeAgentRisk("", &s));
  EXPECT_FALSE(DecodeAgentRisk(good + " 1", &s));                               // a field too many
  EXPECT_FALSE(DecodeAgentRisk(good.substr(0, good.rfind(' ')), &s));           // one too few
  EXPECT_FALSE(DecodeAgentRisk("0x1.8p+1" + good.substr(good.find(' ')), &s));  // score 3 > 1
  EXPECT_FALSE(DecodeAgentRisk("nan" + good.substr(good.find(' ')), &s));
  std::string bad_tier = good;
  // Fields: score, times x2, flags x2, actions, violating, tier (index 7).
  size_t at = 0;
  for (int i = 0; i < 7; ++i) at = bad_tier.find(' ', at) + 1;
  bad_tier.replace(at, bad_tier.find(' ', at) - at, "9");
  EXPECT_FALSE(DecodeAgentRisk(bad_tier, &s));
}

TEST(AgentRiskCodec, DecodesARiskInputItEncodedBitForBit) {
  const RiskInput in{.violation_score = 0.75,
                     .is_privileged = true,
                     .is_automated = false,
                     .pii_risk = 0.1 + 0.2,
                     .backpressure = 1.0 / 3};
  RiskInput back;
  ASSERT_TRUE(DecodeRiskInput(EncodeRiskInput(in), &back));
  EXPECT_EQ(back.violation_score, in.violation_score);
  EXPECT_EQ(back.pii_risk, in.pii_risk);
  EXPECT_EQ(back.backpressure, in.backpressure);
  EXPECT_EQ(back.is_privileged, in.is_privileged);
  EXPECT_EQ(back.is_automated, in.is_automated);
  EXPECT_FALSE(DecodeRiskInput("0x1p-1 0x0p+0 0x0p+0 1", &back));    // a field short
  EXPECT_FALSE(DecodeRiskInput("0x1p+1 0x0p+0 0x0p+0 1 0", &back));  // violation score 2
  EXPECT_FALSE(DecodeRiskInput("0x1p-1 0x0p+0 0x0p+0 2 0", &back));  // not a flag
}

}  // namespace
}  // namespace nethical::risk
