#include "engine/shadow/json_fields.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "engine/shadow/blended_log.h"
#include "engine/shadow/shadow_log_line.h"

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

TEST(JsonFieldsTest, ValuesLongerThanTheReservedRoomGrowTheLine) {
  std::string id;
  for (int i = 0; i < 4000; ++i) id += i % 97 == 0 ? "\"\xFF\n" : "ab";
  std::string out = "kept:";
  JsonObject o(&out);
  o.String("id", id).Number("n", 0.5);
  o.Object("inner").String("again", id).Close();
  o.Close();
  ASSERT_EQ(out.rfind("kept:", 0), 0u);
  const nlohmann::json j = nlohmann::json::parse(out.substr(5));
  std::string want = id;
  for (size_t at; (at = want.find('\xFF')) != std::string::npos;) want.replace(at, 1, "\xEF\xBF\xBD");
  EXPECT_EQ(j["id"], want);
  EXPECT_EQ(j["n"], 0.5);
  EXPECT_EQ(j["inner"]["again"], want);
}

BlendedDecisionRecord SampleBlend() {
  BlendedDecisionRecord r;
  r.wall_nanos = 1'767'225'600'123'456'789;  // 2026-01-01T00:00:00.123456Z
  r.rule_risk = 0.5;
  r.ml_score = 0.25;
  r.outcome.blended_score = 0.72;
  r.outcome.zone = BlendZone::kGray;
  r.outcome.blended_class = RuleClass::kDeny;
  r.outcome.ml_influenced = true;
  r.agent_id = "agent_7";
  r.action_id = "a\"1";
  return r;
}

TEST(BlendedDecisionLineTest, IsOneJsonObjectWithTheOriginalFieldsInOrder) {
  BlendedDecisionRecord r = SampleBlend();
  r.ml_score = std::nan("");
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

ShadowLogRecord SampleShadow(bool with_rule_class) {
  ShadowLogRecord r;
  r.wall_nanos = 1'767'225'600'123'456'789;
  r.ml_score = 0.25;
  r.ml_confidence = 0.5;
  r.rule_risk = std::nan("");
  r.ml_class = RuleClass::kWarn;
  if (with_rule_class) r.rule_class = RuleClass::kPass;
  r.scores_agree = true;
  r.feature_present_mask = 0b101;
  r.features = {0.125, 0.0, 1.0, 0.0, 0.0};
  r.agent_id = "agent_7";
  r.action_id = "act_1";
  return r;
}

// The lines' exact bytes (taken from the field-by-field writers when they
// were introduced), so that a change of how they are written changes no byte.
TEST(LogLineBytesTest, BlendedLineIsExactlyTheseBytes) {
  std::string line;
  AppendBlendedDecisionLine(SampleBlend(), 42, "eu-west-1", &line);
  EXPECT_EQ(
      line,
      R"({"decision_id":"blend_1767225600123456_42","timestamp":"2026-01-01T00:00:00.123456Z","region":"eu-west-1","agent_id":"agent_7","action_id":"a\"1","rule_risk_score":0.5,"ml_risk_score":0.25,"blended_risk_score":0.72,"zone":"gray","rule_classification":"warn","blended_classification":"deny","ml_influenced":true})"
      "\n");
}

TEST(LogLineBytesTest, ShadowLineIsExactlyTheseBytes) {
  std::string with, without;
  AppendShadowLogLine(SampleShadow(true), 3, "", &with);
  AppendShadowLogLine(SampleShadow(false), 4, "us", &without);
  EXPECT_EQ(
      with,
      R"({"prediction_id":"shadow_1767225600123456_3","timestamp":"2026-01-01T00:00:00.123456Z","region":"","agent_id":"agent_7","action_id":"act_1","ml_risk_score":0.25,"ml_classification":"warn","ml_confidence":0.5,"rule_risk_score":null,"rule_classification":"pass","scores_agree":true,"classifications_agree":false,"features":{"violation_count":0.125,"recency":1}})"
      "\n");
  EXPECT_EQ(
      without,
      R"({"prediction_id":"shadow_1767225600123456_4","timestamp":"2026-01-01T00:00:00.123456Z","region":"us","agent_id":"agent_7","action_id":"act_1","ml_risk_score":0.25,"ml_classification":"warn","ml_confidence":0.5,"rule_risk_score":null,"rule_classification":null,"scores_agree":true,"classifications_agree":false,"features":{"violation_count":0.125,"recency":1}})"
      "\n");
}

}  // namespace
}  // namespace nethical::shadow
