#include "engine/shadow/json_fields.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "engine/shadow/blended_log.h"

namespace nethical::shadow {
namespace {

std::string Str(std::string_view s) {
  std::string out;
  AppendJsonString(s, &out);
  return out;
}

std::string Num(double v) {
  std::string out;
  AppendJsonNumber(v, &out);
  return out;
}

TEST(JsonFieldsTest, StringIsQuotedWithQuotesBackslashesAndControlsEscaped) {
  EXPECT_EQ(Str("a\"b\\c\n\t\x01"), "\"a\\\"b\\\\c\\n\\t\\u0001\"");
}

TEST(JsonFieldsTest, ValidUtf8PassesThrough) { EXPECT_EQ(Str("caf\xC3\xA9"), "\"caf\xC3\xA9\""); }

TEST(JsonFieldsTest, InvalidUtf8BytesBecomeReplacementCharacters) {
  EXPECT_EQ(Str("a\xFF"
                "b\xC3"),
            "\"a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\"");
}

TEST(JsonFieldsTest, AnyBytesGiveAStringJsonReadsBack) {
  std::mt19937_64 rng(5);
  for (int n = 0; n < 2000; ++n) {
    std::string s(rng() % 24, ' ');
    for (char& c : s) c = static_cast<char>(rng());
    const std::string json = Str(s);
    ASSERT_TRUE(nlohmann::json::accept(json)) << json;
  }
}

TEST(JsonFieldsTest, NumbersAreShortestRoundTripAndNullWhenNotFinite) {
  EXPECT_EQ(Num(0.25), "0.25");
  EXPECT_EQ(Num(0.1), "0.1");
  EXPECT_EQ(Num(1.0), "1");
  EXPECT_EQ(Num(1e-7), "1e-07");
  EXPECT_EQ(Num(std::nan("")), "null");
  EXPECT_EQ(Num(std::numeric_limits<double>::infinity()), "null");
}

TEST(BlendedDecisionLineTest, IsOneJsonObjectWithTheOriginalFieldsInOrder) {
  BlendedDecisionRecord r;
  r.wall_nanos = 1'767'225'600'123'456'789;  // 2026-01-01T00:00:00.123456Z
  r.rule_risk = 0.5;
  r.ml_score = std::nan("");
  r.outcome.blended_score = 0.72;
  r.outcome.zone = BlendZone::kGray;
  r.outcome.blended_class = RuleClass::kDeny;
  r.outcome.ml_influenced = true;
  r.agent_id = "agent_\"7";
  r.action_id = "act\xFF";
  std::string line;
  AppendBlendedDecisionLine(r, 42, "eu-west-1", &line);
  ASSERT_EQ(line.back(), '\n');
  const nlohmann::ordered_json j = nlohmann::ordered_json::parse(line);
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"decision_id", "timestamp", "region", "agent_id", "action_id",
                                      "rule_risk_score", "ml_risk_score", "blended_risk_score", "zone",
                                      "rule_classification", "blended_classification", "ml_influenced"}));
  EXPECT_EQ(j["decision_id"], "blend_1767225600123456_42");
  EXPECT_EQ(j["timestamp"], "2026-01-01T00:00:00.123456Z");
  EXPECT_EQ(j["agent_id"], "agent_\"7");
  EXPECT_EQ(j["action_id"], "act\xEF\xBF\xBD");
  EXPECT_EQ(j["rule_risk_score"], 0.5);
  EXPECT_TRUE(j["ml_risk_score"].is_null());
  EXPECT_EQ(j["blended_risk_score"], 0.72);
  EXPECT_EQ(j["zone"], "gray");
  EXPECT_EQ(j["rule_classification"], "warn");
  EXPECT_EQ(j["blended_classification"], "deny");
  EXPECT_EQ(j["ml_influenced"], true);
}

}  // namespace
}  // namespace nethical::shadow
