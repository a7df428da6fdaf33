#include "engine/shadow/shadow_scorer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/shadow/default_weights.h"
#include "tests/shadow/temp_dir.h"
#include "tests/testing/fake_clock.h"

namespace nethical::shadow {
namespace {

std::string ExampleModelPath() {
  return std::string(std::getenv("TEST_SRCDIR")) + "/nethical_cpp/engine/shadow/logistic_example.model";
}

ShadowInput WarnInput() {
  ShadowInput in;
  in.violation_count = 1.0;
  in.severity_max = 0.5;  // heuristic score 0.5726 -> "warn"
  in.rule_risk = 0.5;
  in.rule_class = RuleClass::kWarn;
  in.agent_id = "agent-1";
  in.action_id = "action-1";
  return in;
}

TEST(ShadowScorerTest, DefaultModelIsLogisticWithTheBuiltInWeights) {
  FakeClock clock;
  ShadowConfig config;
  config.log_enabled = false;
  auto scorer = ShadowScorer::Create(config, testing::MakeTempDir(), clock);
  ASSERT_TRUE(scorer.ok()) << scorer.status().message();
  EXPECT_EQ((*scorer)->model().Name(), "logistic");
  // The built-in weights are default_weights.model's, byte for byte.
  std::ifstream file(std::string(std::getenv("TEST_SRCDIR")) +
                     "/nethical_cpp/engine/shadow/default_weights.model");
  std::stringstream text;
  text << file.rdbuf();
  EXPECT_EQ(text.str(), std::string(kDefaultShadowWeights));
}

TEST(ShadowScorerTest, ScoresAndComparesWithTheRuleClassification) {
  FakeClock clock;
  ShadowConfig config;
  config.model = nethical::ShadowModel::kHeuristic;
  config.log_enabled = false;
  auto scorer = ShadowScorer::Create(config, testing::MakeTempDir(), clock);
  ASSERT_TRUE(scorer.ok()) << scorer.status().message();
  const ShadowOutcome out = (*scorer)->Score(WarnInput());
  EXPECT_NEAR(out.ml_score, 0.5725850680512733, 1e-12);
  EXPECT_EQ(out.ml_class, RuleClass::kWarn);
  EXPECT_DOUBLE_EQ(out.confidence, 0.32);
  EXPECT_TRUE(out.classes_agree);
  EXPECT_TRUE(out.scores_agree);  // |0.5726 - 0.5| <= 0.1
}

TEST(ShadowScorerTest, ScoreThresholdDecidesScoreAgreement) {
  FakeClock clock;
  ShadowConfig config;
  config.log_enabled = false;
  config.score_threshold = 0.05;
  auto scorer = ShadowScorer::Create(config, testing::MakeTempDir(), clock);
  ASSERT_TRUE(scorer.ok());
  EXPECT_FALSE((*scorer)->Score(WarnInput()).scores_agree);  // |0.5726 - 0.5| > 0.05
}

TEST(ShadowScorerTest, WithoutRuleClassClassesNeverAgree) {
  FakeClock clock;
  ShadowConfig config;
  config.log_enabled = false;
  auto scorer = ShadowScorer::Create(config, testing::MakeTempDir(), clock);
  ASSERT_TRUE(scorer.ok());
  ShadowInput in = WarnInput();
  in.rule_class.reset();
  EXPECT_FALSE((*scorer)->Score(in).classes_agree);
  EXPECT_EQ((*scorer)->Metrics().labelled, 0u);
  EXPECT_EQ((*scorer)->Metrics().predictions, 1u);
}

TEST(ShadowScorerTest, LogisticModelIsChosenByConfig) {
  FakeClock clock;
  ShadowConfig config;
  config.log_enabled = false;
  config.model = nethical::ShadowModel::kLogistic;
  config.model_file = ExampleModelPath();
  auto scorer = ShadowScorer::Create(config, testing::MakeTempDir(), clock);
  ASSERT_TRUE(scorer.ok()) << scorer.status().message();
  EXPECT_EQ((*scorer)->model().Name(), "logistic");
  EXPECT_NEAR((*scorer)->Score(WarnInput()).ml_score, 0.5389211000054654, 1e-12);
}

TEST(ShadowScorerTest, PropagatesModelFileErrors) {
  FakeClock clock;
  const std::string dir = testing::MakeTempDir();
  std::ofstream(dir + "/bad.model") << "format nethical-logistic-v1\nbias x\n";
  ShadowConfig config;
  config.model = nethical::ShadowModel::kLogistic;
  config.model_file = dir + "/bad.model";
  auto scorer = ShadowScorer::Create(config, dir, clock);
  ASSERT_FALSE(scorer.ok());
  EXPECT_NE(scorer.status().message().find("bad.model:2:"), std::string::npos) << scorer.status().message();
}

TEST(ShadowScorerTest, LogDisabledTouchesNoFiles) {
  FakeClock clock;
  const std::string dir = testing::MakeTempDir();
  ShadowConfig config;
  config.log_enabled = false;
  auto scorer = ShadowScorer::Create(config, dir, clock);
  ASSERT_TRUE(scorer.ok());
  (*scorer)->Score(WarnInput());
  EXPECT_EQ((*scorer)->log(), nullptr);
  EXPECT_FALSE(std::filesystem::exists(dir + "/default"));
}

TEST(ShadowScorerTest, ShadowDisabledTouchesNoFilesEvenWithLogEnabled) {
  FakeClock clock;
  const std::string dir = testing::MakeTempDir();
  ShadowConfig config;
  config.enabled = false;
  auto scorer = ShadowScorer::Create(config, dir, clock);
  ASSERT_TRUE(scorer.ok());
  EXPECT_EQ((*scorer)->log(), nullptr);
  EXPECT_FALSE(std::filesystem::exists(dir + "/default"));
}

TEST(ShadowScorerTest, LogsOneLinePerScoreUnderShadowLogs) {
  FakeClock clock;
  const std::string dir = testing::MakeTempDir();
  auto scorer = ShadowScorer::Create(ShadowConfig{}, dir, clock);
  ASSERT_TRUE(scorer.ok());
  (*scorer)->Score(WarnInput());
  (*scorer)->Score(WarnInput());
  (*scorer)->FlushLog();
  std::ifstream in(dir + "/default/shadow_logs/shadow_predictions.jsonl");
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    EXPECT_EQ(j["agent_id"], "agent-1");
    EXPECT_EQ(j["rule_classification"], "warn");
    EXPECT_EQ(j["timestamp"], "2026-01-01T00:00:01.000000Z");  // FakeClock's wall time
    ++n;
  }
  EXPECT_EQ(n, 2);
  EXPECT_EQ((*scorer)->Metrics().log_lines_written, 2u);
}

TEST(ShadowScorerTest, ConcurrentScoringCountsEveryPrediction) {
  FakeClock clock;
  ShadowConfig config;
  config.model = nethical::ShadowModel::kHeuristic;  // whose class for WarnInput() is warn
  auto scorer = ShadowScorer::Create(config, testing::MakeTempDir(), clock);
  ASSERT_TRUE(scorer.ok());
  constexpr int kThreads = 4, kEach = 5000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) (*scorer)->Score(WarnInput());
    });
  for (auto& t : threads) t.join();
  (*scorer)->FlushLog();
  const ShadowMetrics m = (*scorer)->Metrics();
  EXPECT_EQ(m.predictions, uint64_t{kThreads} * kEach);
  EXPECT_EQ(m.class_agreements, uint64_t{kThreads} * kEach);
  EXPECT_EQ(m.log_lines_written + m.log_lines_dropped, uint64_t{kThreads} * kEach);
}

}  // namespace
}  // namespace nethical::shadow
