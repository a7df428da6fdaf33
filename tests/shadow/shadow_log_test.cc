#include "engine/shadow/shadow_log.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "engine/engine.h"
#include "engine/shadow/shadow_log_line.h"
#include "tests/shadow/temp_dir.h"
#include "tests/testing/fake_clock.h"

namespace nethical::shadow {
namespace {

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

auto FillWith(std::string agent) {
  return [agent](ShadowLogRecord& r) {
    r.wall_nanos = 1'767'225'600'123'456'789;
    r.ml_score = 0.25;
    r.agent_id = agent;
    r.action_id = "act";
  };
}

TEST(ShadowLogLineTest, IsOneJsonObjectWithTheOriginalFields) {
  ShadowLogRecord r;
  r.wall_nanos = 1'767'225'600'123'456'789;  // 2026-01-01T00:00:00.123456Z
  r.ml_score = 0.5;
  r.ml_class = RuleClass::kWarn;
  r.ml_confidence = 0.8;
  r.rule_risk = 0.45;
  r.rule_class = RuleClass::kWarn;
  r.scores_agree = true;
  r.classes_agree = true;
  r.feature_present_mask = 0b00101;  // violation_count, recency
  r.features = {1.0, 0.0, 0.5, 0.0, 0.0};
  r.agent_id = "agent \"7\"\n";
  r.action_id = "a-1";
  std::string line;
  AppendShadowLogLine(r, 42, "us-east-1", &line);
  ASSERT_EQ(line.back(), '\n');
  const auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["prediction_id"], "shadow_1767225600123456_42");
  EXPECT_EQ(j["timestamp"], "2026-01-01T00:00:00.123456Z");
  EXPECT_EQ(j["region"], "us-east-1");
  EXPECT_EQ(j["agent_id"], "agent \"7\"\n");
  EXPECT_EQ(j["ml_classification"], "warn");
  EXPECT_EQ(j["rule_classification"], "warn");
  EXPECT_DOUBLE_EQ(j["rule_risk_score"].get<double>(), 0.45);
  EXPECT_EQ(j["scores_agree"], true);
  EXPECT_EQ(j["features"].size(), 2u);
  EXPECT_DOUBLE_EQ(j["features"]["recency"].get<double>(), 0.5);
}

TEST(ShadowLogLineTest, UnknownRuleClassIsNull) {
  ShadowLogRecord r;
  std::string line;
  AppendShadowLogLine(r, 0, "default", &line);
  EXPECT_TRUE(nlohmann::json::parse(line)["rule_classification"].is_null());
}

TEST(ShadowLogTest, FlushWritesEveryAppendedLine) {
  const std::string dir = testing::MakeTempDir() + "/shadow_logs";
  auto log = ShadowLog::Open(dir, "", 1 << 20);
  ASSERT_TRUE(log.ok()) << log.status().message();
  for (int i = 0; i < 100; ++i) ASSERT_TRUE((*log)->Append(FillWith("agent" + std::to_string(i))));
  (*log)->Flush();
  EXPECT_EQ((*log)->path(), dir + "/shadow_predictions.jsonl");
  const auto lines = ReadLines((*log)->path());
  ASSERT_EQ(lines.size(), 100u);
  EXPECT_EQ(nlohmann::json::parse(lines[99])["agent_id"], "agent99");
  EXPECT_EQ((*log)->Counters().written, 100u);
}

TEST(ShadowLogTest, RotatesBeforeExceedingMaxBytes) {
  const std::string dir = testing::MakeTempDir();
  constexpr int64_t kMax = 2000;
  auto log = ShadowLog::Open(dir, "", kMax);
  ASSERT_TRUE(log.ok());
  for (int i = 0; i < 200; ++i) ASSERT_TRUE((*log)->Append(FillWith("a")));
  (*log)->Flush();
  const auto c = (*log)->Counters();
  EXPECT_GT(c.rotations, 0u);
  EXPECT_LE(std::filesystem::file_size(dir + "/shadow_predictions.jsonl"), uint64_t{kMax});
  EXPECT_LE(std::filesystem::file_size(dir + "/shadow_predictions.jsonl.1"), uint64_t{kMax});
  EXPECT_FALSE(std::filesystem::exists(dir + "/shadow_predictions.jsonl.2"));
}

TEST(ShadowLogTest, AppendsToAnExistingFileAndCountsItsSize) {
  const std::string dir = testing::MakeTempDir();
  { std::ofstream(dir + "/shadow_predictions.jsonl") << std::string(1500, 'x') << "\n"; }
  auto log = ShadowLog::Open(dir, "", 2000);
  ASSERT_TRUE(log.ok());
  for (int i = 0; i < 5; ++i) ASSERT_TRUE((*log)->Append(FillWith("a")));
  (*log)->Flush();
  EXPECT_EQ((*log)->Counters().rotations, 1u);
}

TEST(ShadowLogTest, RejectsNonPositiveMaxBytes) {
  auto log = ShadowLog::Open(testing::MakeTempDir(), "", 0);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().message(), "shadow log rotation size 0: must be > 0");
}

TEST(ShadowLogTest, ReportsUncreatableDirectory) {
  const std::string file = testing::MakeTempDir() + "/plain_file";
  std::ofstream(file) << "x";
  auto log = ShadowLog::Open(file + "/sub", "", 1000);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), StatusCode::kIoError);
}

TEST(ShadowLogTest, ConcurrentAppendsAreWrittenOrCountedAsDropped) {
  const std::string dir = testing::MakeTempDir();
  auto log = ShadowLog::Open(dir, "", 64 << 20, /*queue_capacity=*/64);
  ASSERT_TRUE(log.ok());
  constexpr int kThreads = 4, kEach = 5000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) (*log)->Append(FillWith("t" + std::to_string(t)));
    });
  for (auto& t : threads) t.join();
  (*log)->Flush();
  const auto c = (*log)->Counters();
  EXPECT_EQ(c.written + c.dropped, uint64_t{kThreads} * kEach);
  EXPECT_EQ(ReadLines(dir + "/shadow_predictions.jsonl").size(), c.written);
}

TEST(ShadowLogDirTest, IsPerRegionBesideTheAuditLog) {
  EXPECT_EQ(*ShadowLogDirFor("store", "eu-west-1"), "store/eu-west-1/shadow_logs");
  EXPECT_EQ(*ShadowLogDirFor("store", ""), "store/default/shadow_logs");
}

TEST(ShadowLogDirTest, RejectsARegionThatIsNotADirectoryName) {
  for (const std::string& bad :
       std::vector<std::string>{"..", "a/b", "../up", std::string(65, 'r'), std::string("\x1b[2J")}) {
    auto dir = ShadowLogDirFor("store", bad);
    ASSERT_FALSE(dir.ok()) << bad;
    EXPECT_EQ(dir.status().message().rfind("region '", 0), 0u) << dir.status().message();
    EXPECT_EQ(dir.status().message().find('\x1b'), std::string::npos);
  }
  EXPECT_FALSE(ShadowLogDirFor("", "us-east-1").ok());
}

TEST(ShadowLogTest, EveryLineNamesTheLogsRegion) {
  const std::string dir = testing::MakeTempDir();
  auto log = ShadowLog::Open(dir, "ap-south-1", 1 << 20);
  ASSERT_TRUE(log.ok());
  EXPECT_EQ((*log)->region(), "ap-south-1");
  for (int i = 0; i < 3; ++i) ASSERT_TRUE((*log)->Append(FillWith("a")));
  (*log)->Flush();
  const auto lines = ReadLines((*log)->path());
  ASSERT_EQ(lines.size(), 3u);
  for (const std::string& line : lines) EXPECT_EQ(nlohmann::json::parse(line)["region"], "ap-south-1");
}

// Two regions on one storage dir used to share <storage>/shadow_logs, with
// no region in the lines, and each process rotated the other's file.
TEST(ShadowLogTest, EnginesOfTwoRegionsOnOneStorageDirKeepSeparateLogs) {
  const std::string storage = testing::MakeTempDir();
  FakeClock clock;
  const std::vector<std::pair<std::string, int>> regions = {{"us-east-1", 5}, {"eu-west-1", 7}};
  for (const auto& [region, actions] : regions) {
    EngineConfig config;
    config.storage_dir = storage;
    config.region_id = region;
    config.shadow.enabled = true;
    config.shadow.log_enabled = true;
    config.audit.enabled = false;
    auto engine = Engine::Create(config, clock);
    ASSERT_TRUE(engine.ok()) << engine.status().message();
    for (int i = 0; i < actions; ++i) {
      Action a;
      a.agent_id = "agent_" + std::to_string(i);
      a.action_id = region + "_" + std::to_string(i);
      a.text = "hello";
      (*engine)->Evaluate(a);
    }
    ASSERT_TRUE((*engine)->Shutdown().ok());
  }
  EXPECT_FALSE(std::filesystem::exists(storage + "/shadow_logs"));
  for (const auto& [region, actions] : regions) {
    const auto lines = ReadLines(storage + "/" + region + "/shadow_logs/shadow_predictions.jsonl");
    ASSERT_EQ(lines.size(), static_cast<size_t>(actions)) << region;
    for (const std::string& line : lines) {
      const auto j = nlohmann::json::parse(line);
      EXPECT_EQ(j["region"], region);
      EXPECT_EQ(j["action_id"].get<std::string>().rfind(region + "_", 0), 0u) << line;
    }
  }
}

TEST(ShadowLogTest, LogLineLabelIsTheDecisionAndFeaturesIncludeTheAgentsHistory) {
  const std::string storage = testing::MakeTempDir();
  FakeClock clock;
  EngineConfig config;
  config.storage_dir = storage;
  config.shadow.enabled = true;
  config.shadow.log_enabled = true;
  config.audit.enabled = false;
  auto engine = Engine::Create(config, clock);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  Action a;
  a.agent_id = "agent_1";
  a.text = "hello";
  a.rule_classification = RuleClass::kDeny;  // the caller's claim: not the label
  a.rule_risk_score = 0.9;
  const Verdict v = (*engine)->Evaluate(a);
  ASSERT_TRUE((*engine)->Shutdown().ok());
  const auto lines = ReadLines(storage + "/default/shadow_logs/shadow_predictions.jsonl");
  ASSERT_EQ(lines.size(), 1u);
  const auto j = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j["rule_classification"], "pass");
  EXPECT_EQ(j["rule_risk_score"].get<double>(), v.risk_score);
  EXPECT_EQ(j["features"]["recency"], 0.0);
  EXPECT_EQ(j["features"]["frequency"], 0.0);
}

}  // namespace
}  // namespace nethical::shadow
