#include "engine/shadow/logistic_trainer.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/shadow/shadow_model.h"

namespace nethical::shadow {
namespace {

using Vec = std::array<double, kShadowFeatureCount>;

// deny iff the action had a violation of high severity (a toy rule).
void AddToySet(LogisticTrainer* t, bool reversed) {
  const Vec deny = {0.33, 0.8, 1.0, 0.1, 0.0};
  const Vec pass = {0.0, 0.0, 0.0, 0.0, 0.0};
  const Vec mild = {0.33, 0.2, 1.0, 0.1, 0.0};
  for (int i = 0; i < 100; ++i) {
    const int k = reversed ? 99 - i : i;
    t->Add(k % 10 == 0 ? deny : k % 10 == 1 ? mild : pass, k % 10 == 0);
  }
}

ShadowInput InputOf(const Vec& x) {
  ShadowInput in;
  in.violation_count = x[0];
  in.severity_max = x[1];
  in.recency = x[2];
  in.frequency = x[3];
  in.context_risk = x[4];
  return in;
}

TEST(LogisticTrainerTest, SameExamplesInAnyOrderGiveTheSameBytes) {
  LogisticTrainer a, b;
  AddToySet(&a, false);
  AddToySet(&b, true);
  const TrainOptions o;
  EXPECT_EQ(FormatLogisticModel(a.Train(o).value(), "x"), FormatLogisticModel(b.Train(o).value(), "x"));
}

TEST(LogisticTrainerTest, LearnsToSeparateDenyFromTheRest) {
  LogisticTrainer t;
  AddToySet(&t, false);
  const TrainedLogistic trained = t.Train(TrainOptions{}).value();
  EXPECT_EQ(trained.examples, 100u);
  EXPECT_EQ(trained.positives, 10u);
  EXPECT_EQ(trained.distinct_vectors, 3u);
  const LogisticModel model = LogisticModel::Parse(FormatLogisticModel(trained, "toy"), "<string>").value();
  EXPECT_GE(model.Score(InputOf({0.33, 0.8, 1.0, 0.1, 0.0})).score, 0.7);
  EXPECT_LT(model.Score(InputOf({0.33, 0.2, 1.0, 0.1, 0.0})).score, 0.4);
  EXPECT_LT(model.Score(InputOf({0.0, 0.0, 0.0, 0.0, 0.0})).score, 0.4);
}

TEST(LogisticTrainerTest, WeightsFileParsesBackToTheSameDoubles) {
  LogisticTrainer t;
  AddToySet(&t, false);
  const TrainedLogistic trained = t.Train(TrainOptions{.epochs = 37}).value();
  const LogisticModel model =
      LogisticModel::Parse(FormatLogisticModel(trained, "line one\nline two"), "<string>").value();
  EXPECT_EQ(model.bias(), trained.bias);
  for (int i = 0; i < kShadowFeatureCount; ++i) EXPECT_EQ(model.weights()[i], trained.weights[i]);
}

TEST(LogisticTrainerTest, FeatureNeverSeenKeepsWeightZero) {
  LogisticTrainer t;
  AddToySet(&t, false);  // context_risk is always 0
  EXPECT_EQ(t.Train(TrainOptions{}).value().weights[4], 0.0);
}

TEST(LogisticTrainerTest, RejectsAnEmptyTrainingSet) {
  LogisticTrainer t;
  const auto trained = t.Train(TrainOptions{});
  ASSERT_FALSE(trained.ok());
  EXPECT_NE(trained.status().message().find("no training examples"), std::string::npos);
}

TEST(LogisticTrainerTest, RejectsOutOfRangeOptionsNamingTheFlag) {
  LogisticTrainer t;
  AddToySet(&t, false);
  EXPECT_NE(t.Train({.epochs = 0}).status().message().find("--epochs=0"), std::string::npos);
  EXPECT_NE(t.Train({.learning_rate = -1}).status().message().find("--learning-rate=-1"), std::string::npos);
  EXPECT_NE(t.Train({.l2 = 1000}).status().message().find("--l2=1000"), std::string::npos);
}

}  // namespace
}  // namespace nethical::shadow
