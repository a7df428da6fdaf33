#include "engine/model/action.h"

#include <gtest/gtest.h>

#include "engine/model/verdict.h"

namespace nethical {
namespace {

TEST(ActionType, NamesRoundTripForEveryType) {
  for (int i = 0; i < kActionTypeCount; ++i) {
    auto t = static_cast<ActionType>(i);
    auto parsed = ParseActionType(ActionTypeName(t));
    ASSERT_TRUE(parsed.has_value()) << ActionTypeName(t);
    EXPECT_EQ(*parsed, t);
  }
}

TEST(ActionType, ParsesCaseInsensitively) {
  EXPECT_EQ(ParseActionType("FUNCTION_CALL"), ActionType::kFunctionCall);
}

TEST(ActionType, RejectsUnknownName) { EXPECT_FALSE(ParseActionType("teleport").has_value()); }

TEST(RuleClass, AcceptsAllowAsSynonymOfPass) {
  EXPECT_EQ(ParseRuleClass("allow"), RuleClass::kPass);
  EXPECT_EQ(ParseRuleClass("Warn"), RuleClass::kWarn);
  EXPECT_FALSE(ParseRuleClass("maybe").has_value());
}

TEST(Action, FeatureLooksUpByName) {
  Action a;
  a.features = {{"ml_score", 0.3}};
  EXPECT_EQ(a.Feature("ml_score"), 0.3);
  EXPECT_FALSE(a.Feature("other").has_value());
}

TEST(Verdict, DecisionNamesMatchTheOriginalSchema) {
  EXPECT_EQ(DecisionName(Decision::kAllowWithModification), "ALLOW_WITH_MODIFICATION");
  EXPECT_EQ(DecisionName(Decision::kTerminate), "TERMINATE");
}

}  // namespace
}  // namespace nethical
