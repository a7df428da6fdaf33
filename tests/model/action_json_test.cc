#include "engine/model/action_json.h"

#include <gtest/gtest.h>

#include <string>

namespace nethical {
namespace {

TEST(ParseActionJson, AcceptsMinimalAction) {
  auto a = ParseActionJson(R"({"agent_id":"a1","text":"hello"})");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->agent_id, "a1");
  EXPECT_EQ(a->text, "hello");
  EXPECT_EQ(a->type, ActionType::kQuery);
  EXPECT_FALSE(a->rule_risk_score.has_value());
}

TEST(ParseActionJson, ReadsEveryField) {
  auto a = ParseActionJson(R"({"agent_id":"a","action_id":"x1","cohort":"c","region_id":"eu",
      "logical_domain":"d","action_type":"SYSTEM_COMMAND","text":"t",
      "features":{"ml_score":0.25,"n":3},"rule_risk_score":0.5,"rule_classification":"warn",
      "context":{"is_privileged":true,"is_automated":true,"authorized":false}})");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->action_id, "x1");
  EXPECT_EQ(a->cohort, "c");
  EXPECT_EQ(a->region_id, "eu");
  EXPECT_EQ(a->logical_domain, "d");
  EXPECT_EQ(a->type, ActionType::kSystemCommand);
  EXPECT_EQ(a->Feature("ml_score"), 0.25);
  EXPECT_EQ(a->Feature("n"), 3.0);
  EXPECT_EQ(a->rule_risk_score, 0.5);
  EXPECT_EQ(a->rule_classification, RuleClass::kWarn);
  EXPECT_TRUE(a->context.is_privileged);
  EXPECT_TRUE(a->context.is_automated);
  EXPECT_FALSE(a->context.authorized);
}

TEST(ParseActionJson, TreatsNullAsAbsent) {
  auto a = ParseActionJson(R"({"agent_id":"a","text":"t","cohort":null,"rule_risk_score":null})");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->cohort, "");
  EXPECT_FALSE(a->rule_risk_score.has_value());
}

TEST(ParseActionJson, IgnoresUnknownKeys) {
  EXPECT_TRUE(ParseActionJson(R"({"agent_id":"a","text":"t","extra":[1,2]})").ok());
}

// Each error message must name the field at fault.
void ExpectErrorNaming(std::string_view json, std::string_view field) {
  auto a = ParseActionJson(json);
  ASSERT_FALSE(a.ok()) << json;
  EXPECT_EQ(a.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(a.status().message().find(field), std::string::npos)
      << "message '" << a.status().message() << "' does not name " << field;
}

TEST(ParseActionJson, RequiresAgentId) { ExpectErrorNaming(R"({"text":"t"})", "agent_id"); }
TEST(ParseActionJson, RejectsEmptyAgentId) { ExpectErrorNaming(R"({"agent_id":"","text":"t"})", "agent_id"); }
TEST(ParseActionJson, AcceptsEmptyText) {
  EXPECT_TRUE(ParseActionJson(R"({"agent_id":"a","text":""})").ok());
}
// Found by fuzz_action_json: a rejected value was echoed raw, newline and
// terminal escapes included.
TEST(ParseActionJson, EscapesControlBytesOfRejectedValueInError) {
  auto a = ParseActionJson(R"({"agent_id":"a","text":"t","action_type":"teleport\n\u001b[31m"})");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message().find_first_of("\n\x1b"), std::string::npos) << a.status().message();
  EXPECT_NE(a.status().message().find("teleport\\n\\x1b[31m"), std::string::npos) << a.status().message();
}
TEST(ParseActionJson, TruncatesLongRejectedValueInError) {
  const std::string name(5000, 'q');
  auto a = ParseActionJson(R"({"agent_id":"a","text":"t","action_type":")" + name + R"("})");
  ASSERT_FALSE(a.ok());
  EXPECT_LT(a.status().message().size(), 400u) << a.status().message();
  EXPECT_NE(a.status().message().find("(5000 bytes)"), std::string::npos) << a.status().message();
}
TEST(ParseActionJson, BoundsSyntaxErrorMessageOfLongToken) {
  auto a = ParseActionJson(R"({"agent_id":"a","text":")" + std::string(5000, 'z'));
  ASSERT_FALSE(a.ok());
  EXPECT_LT(a.status().message().size(), 400u) << a.status().message();
}
TEST(ParseActionJson, RequiresText) { ExpectErrorNaming(R"({"agent_id":"a"})", "text"); }
TEST(ParseActionJson, RejectsNonStringText) { ExpectErrorNaming(R"({"agent_id":"a","text":5})", "text"); }
TEST(ParseActionJson, RejectsUnknownActionType) {
  ExpectErrorNaming(R"({"agent_id":"a","text":"t","action_type":"teleport"})", "action_type");
}
TEST(ParseActionJson, RejectsNonNumericFeature) {
  ExpectErrorNaming(R"({"agent_id":"a","text":"t","features":{"ml_score":"hi"}})", "features.ml_score");
}
TEST(ParseActionJson, RejectsRuleRiskOutOfRange) {
  ExpectErrorNaming(R"({"agent_id":"a","text":"t","rule_risk_score":1.5})", "rule_risk_score");
}
TEST(ParseActionJson, RejectsUnknownRuleClassification) {
  ExpectErrorNaming(R"({"agent_id":"a","text":"t","rule_classification":"maybe"})", "rule_classification");
}
TEST(ParseActionJson, RejectsNonBooleanContextFlag) {
  ExpectErrorNaming(R"({"agent_id":"a","text":"t","context":{"authorized":"yes"}})", "context.authorized");
}
TEST(ParseActionJson, RejectsSyntaxError) { ExpectErrorNaming(R"({"agent_id":"a","text":)", "invalid JSON"); }
TEST(ParseActionJson, RejectsNonObject) { ExpectErrorNaming("[1,2]", "object"); }
TEST(ParseActionJson, KeepsEscapedNulInText) {
  auto a = ParseActionJson(R"({"agent_id":"a","text":"x\u0000y"})");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->text, std::string("x\0y", 3));
}

TEST(ParseActionJson, ReadsTargetAndTheTaxonomyContextFlags) {
  auto a = ParseActionJson(
      R"({"agent_id":"a","text":"t","target":"orders","context":{"sensitive":true,"personal_data":true}})");
  ASSERT_TRUE(a.ok()) << a.status().message();
  EXPECT_EQ(a->target, "orders");
  EXPECT_TRUE(a->context.sensitive);
  EXPECT_TRUE(a->context.personal_data);
}

TEST(ParseActionJson, TaxonomyContextFlagsDefaultToFalse) {
  auto a = ParseActionJson(R"({"agent_id":"a","text":"t"})");
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->target.empty());
  EXPECT_FALSE(a->context.sensitive);
  EXPECT_FALSE(a->context.personal_data);
}

TEST(ParseActionJson, NonBooleanSensitiveNamesTheField) {
  ExpectErrorNaming(R"({"agent_id":"a","text":"t","context":{"sensitive":1}})", "context.sensitive");
}

}  // namespace
}  // namespace nethical
