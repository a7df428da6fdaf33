#include "engine/shadow/shadow_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>

namespace nethical::shadow {
namespace {

constexpr char kValidModel[] =
    "# comment\n"
    "format nethical-logistic-v1\n"
    "bias -2.944\n"
    "violation_count 2.2   # trailing comment\n"
    "severity_max 1.8\n"
    "recency 1.1\n"
    "\n"
    "frequency 0.8\n"
    "context_risk 0.5\n";

std::string RunfilePath(const std::string& workspace_relative) {
  return std::string(std::getenv("TEST_SRCDIR")) + "/nethical_cpp/" + workspace_relative;
}

TEST(HeuristicModelTest, MatchesTheOriginalFormula) {
  ShadowInput in;
  in.violation_count = 1.0;
  in.severity_max = 0.5;
  const ModelScore s = HeuristicModel().Score(in);
  // s = 0.3 * 1 + 0.25 * 0.5 = 0.425; 1 - exp(-0.85)
  EXPECT_NEAR(s.score, 0.5725850680512733, 1e-12);
  EXPECT_DOUBLE_EQ(s.confidence, 0.8 * 2 / 5);
}

TEST(HeuristicModelTest, ClampsFeaturesToUnitInterval) {
  ShadowInput big;
  big.violation_count = 7.0;
  big.frequency = -3.0;
  ShadowInput clamped;
  clamped.violation_count = 1.0;
  clamped.frequency = 0.0;
  EXPECT_DOUBLE_EQ(HeuristicModel().Score(big).score, HeuristicModel().Score(clamped).score);
}

TEST(HeuristicModelTest, AllFeaturesAtOneGiveFullConfidence) {
  ShadowInput in;
  in.violation_count = in.severity_max = in.recency = in.frequency = in.context_risk = 1.0;
  const ModelScore s = HeuristicModel().Score(in);
  EXPECT_NEAR(s.score, 1.0 - std::exp(-2.0), 1e-12);
  EXPECT_DOUBLE_EQ(s.confidence, 0.8);
}

TEST(HeuristicModelTest, NonFiniteFeatureCountsAsAbsent) {
  ShadowInput in;
  in.violation_count = std::nan("");
  in.recency = 1.0;
  const ModelScore s = HeuristicModel().Score(in);
  EXPECT_NEAR(s.score, 1.0 - std::exp(-0.4), 1e-12);
  EXPECT_DOUBLE_EQ(s.confidence, 0.8 / 5);
}

TEST(HeuristicModelTest, NoFeaturesScoreZeroWithZeroConfidence) {
  const ModelScore s = HeuristicModel().Score(ShadowInput{});
  EXPECT_EQ(s.score, 0.0);
  EXPECT_EQ(s.confidence, 0.0);
}

TEST(LogisticModelTest, ParsesWeightsAndScoresWithSigmoid) {
  auto model = LogisticModel::Parse(kValidModel, "<test>");
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_DOUBLE_EQ(model->bias(), -2.944);
  EXPECT_DOUBLE_EQ(model->weights()[4], 0.5);
  ShadowInput in;
  in.violation_count = 1.0;
  in.severity_max = 0.5;
  const ModelScore s = model->Score(in);
  EXPECT_NEAR(s.score, 0.5389211000054654, 1e-12);  // 1/(1+exp(-(-2.944+2.2+0.9)))
  EXPECT_NEAR(s.confidence, 2.0 / 5 * 0.5389211000054654, 1e-12);
}

TEST(LogisticModelTest, LoadsTheShippedExampleFile) {
  auto model = LogisticModel::Load(RunfilePath("engine/shadow/logistic_example.model"));
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_NEAR(model->Score(ShadowInput{}).score, 0.05, 1e-3);
}

TEST(LogisticModelTest, RejectsFileWithoutFormatLine) {
  auto model = LogisticModel::Parse("bias 1\n", "m.model");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(model.status().message().find("m.model:1: the first entry must be 'format"), std::string::npos)
      << model.status().message();
}

TEST(LogisticModelTest, RejectsUnknownKeyNamingTheLine) {
  auto model = LogisticModel::Parse("format nethical-logistic-v1\nseverity 1\n", "m.model");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("m.model:2: unknown key 'severity'"), std::string::npos)
      << model.status().message();
}

TEST(LogisticModelTest, RejectsDuplicateKey) {
  auto model = LogisticModel::Parse("format nethical-logistic-v1\nbias 1\nbias 2\n", "m");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("duplicate key 'bias'"), std::string::npos);
}

TEST(LogisticModelTest, RejectsNonNumericValue) {
  auto model = LogisticModel::Parse("format nethical-logistic-v1\nrecency 1.5x\n", "m");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("'recency' is '1.5x'"), std::string::npos)
      << model.status().message();
}

TEST(LogisticModelTest, RejectsInfiniteValue) {
  auto model = LogisticModel::Parse("format nethical-logistic-v1\nrecency inf\n", "m");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("finite"), std::string::npos);
}

TEST(LogisticModelTest, RejectsMissingWeight) {
  auto model = LogisticModel::Parse(
      "format nethical-logistic-v1\nbias 0\nviolation_count 1\nseverity_max 1\nrecency 1\n"
      "frequency 1\n",
      "m");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("missing key 'context_risk'"), std::string::npos);
}

TEST(LogisticModelTest, RejectsEmptyFile) {
  auto model = LogisticModel::Parse("# nothing\n\n", "m");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.status().message().find("empty model file"), std::string::npos);
}

TEST(LogisticModelTest, LoadReportsMissingFileWithItsPath) {
  auto model = LogisticModel::Load("/nonexistent/weights.model");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.status().code(), StatusCode::kNotFound);
  EXPECT_NE(
      model.status().message().find("shadow model file /nonexistent/weights.model: cannot open the file"),
      std::string::npos);
}

}  // namespace
}  // namespace nethical::shadow
