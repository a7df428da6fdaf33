// The blended decision and anomaly alert JSONL logs (engine/shadow/blended_log.h,
// engine/anomaly/anomaly_log.h): one line per blend and per alert with the
// original's fields, rotation, drops counted, and no file when off.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "engine/anomaly/anomaly_log.h"
#include "engine/base/clock.h"
#include "engine/base/utc_timestamp.h"
#include "engine/engine.h"
#include "engine/shadow/blended_log.h"
#include "tests/engine/engine_fixture.h"

namespace nethical {
namespace {

using StageLogsTest = EngineFixture;

std::vector<nlohmann::json> ReadJsonLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

// A clock whose every reading is a millisecond after the one before.
class TickingClock final : public Clock {
 public:
  int64_t NowNanos() const override { return now_.fetch_add(1'000'000, std::memory_order_relaxed); }
  int64_t WallNanos() const override { return 1'767'225'600'000'000'000 + NowNanos(); }

 private:
  mutable std::atomic<int64_t> now_{1'000'000'000};
};

// The shadow and blended lines of one action carry one time, the verdict's
// (when its evaluation started), however many readings the stages between
// took.
TEST_F(StageLogsTest, ShadowAndBlendedLinesOfAnActionCarryTheVerdictsTimestamp) {
  EngineConfig c = QuietConfig();
  c.shadow.enabled = true;
  c.shadow.log_enabled = true;
  c.blend.enabled = true;
  TickingClock clock;
  auto engine = Engine::Create(c, clock);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  const Verdict v = (*engine)->Evaluate(A("agent_1", "list open tickets"));
  ASSERT_TRUE((*engine)->Shutdown().ok());
  const std::string want = UtcTimestamp(v.timestamp_ns, kIsoMicrosZ);
  const auto shadow = ReadJsonLines(c.storage_dir + "/default/shadow_logs/shadow_predictions.jsonl");
  const auto blended = ReadJsonLines(c.storage_dir + "/default/blended_logs/blended_decisions.jsonl");
  ASSERT_EQ(shadow.size(), 1u);
  ASSERT_EQ(blended.size(), 1u);
  EXPECT_EQ(shadow[0]["timestamp"], want);
  EXPECT_EQ(blended[0]["timestamp"], want);
}

TEST_F(StageLogsTest, BlendedLogHasOneLinePerBlendWithTheOriginalFields) {
  EngineConfig c = QuietConfig();
  c.region_id = "eu-west-1";
  c.blend.enabled = true;
  auto engine = Make(c);
  Action a = A("agent \"7\"", "list open tickets");
  a.action_id = "act-1";
  a.rule_risk_score = 0.6;
  a.features = {{"ml_score", 1.0}};  // gray zone, blended 0.72: warn -> deny
  for (int i = 0; i < 3; ++i) engine->Evaluate(a);
  ASSERT_TRUE(engine->Shutdown().ok());
  const auto lines = ReadJsonLines(c.storage_dir + "/eu-west-1/blended_logs/blended_decisions.jsonl");
  ASSERT_EQ(lines.size(), 3u);
  const nlohmann::json& j = lines[2];
  EXPECT_EQ(j["decision_id"], "blend_1767225601000000_2");  // FakeClock's wall time, line 2
  EXPECT_EQ(j["timestamp"], "2026-01-01T00:00:01.000000Z");
  EXPECT_EQ(j["region"], "eu-west-1");
  EXPECT_EQ(j["agent_id"], "agent \"7\"");
  EXPECT_EQ(j["action_id"], "act-1");
  EXPECT_DOUBLE_EQ(j["rule_risk_score"].get<double>(), 0.6);
  EXPECT_DOUBLE_EQ(j["ml_risk_score"].get<double>(), 1.0);
  EXPECT_NEAR(j["blended_risk_score"].get<double>(), 0.72, 1e-12);
  EXPECT_EQ(j["zone"], "gray");
  EXPECT_EQ(j["rule_classification"], "warn");
  EXPECT_EQ(j["blended_classification"], "deny");
  EXPECT_EQ(j["ml_influenced"], true);
  const EngineStats s = engine->Stats();
  ASSERT_TRUE(s.blend_log.has_value());
  EXPECT_EQ(s.blend_log->written, 3u);
  EXPECT_EQ(s.blend_log->dropped, 0u);
}

TEST_F(StageLogsTest, AnomalyLogHasOneLinePerAlertWithTheOriginalFields) {
  EngineConfig c = QuietConfig();
  c.anomaly.enabled = true;
  auto engine = Make(c);
  std::vector<Verdict> alerted;
  for (int i = 0; i < 30; ++i) {
    Action a = A("bot", "list open tickets");
    a.action_id = "act-" + std::to_string(i);
    a.cohort = "cohort-a";
    Verdict v = engine->Evaluate(a);
    if (v.anomaly) alerted.push_back(v);
    clock_.Advance(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(engine->Shutdown().ok());
  ASSERT_FALSE(alerted.empty());
  const auto lines = ReadJsonLines(c.storage_dir + "/default/anomaly_logs/anomaly_alerts.jsonl");
  ASSERT_EQ(lines.size(), alerted.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    const nlohmann::json& j = lines[i];
    const AnomalyAlert& alert = *alerted[i].anomaly;
    const bool critical = alert.severity == AlertSeverity::kCritical;
    EXPECT_EQ(j["alert_id"].get<std::string>().rfind("anomaly_", 0), 0u) << j;
    EXPECT_EQ(j["alert_id"].get<std::string>().substr(j["alert_id"].get<std::string>().rfind('_')),
              "_" + std::to_string(i));
    EXPECT_EQ(j["timestamp"].get<std::string>().rfind("2026-01-01T00:00:0", 0), 0u) << j;
    EXPECT_EQ(j["region"], "default");
    EXPECT_EQ(j["agent_id"], "bot");
    EXPECT_EQ(j["action_id"], alerted[i].action_id);
    EXPECT_EQ(j["cohort"], "cohort-a");
    EXPECT_EQ(j["anomaly_type"], std::string(AnomalyTypeName(alert.type)));
    EXPECT_EQ(j["severity"], std::string(AlertSeverityName(alert.severity)));
    EXPECT_EQ(j["description"], alert.description);
    EXPECT_EQ(j["auto_escalated"], critical);
    EXPECT_EQ(j["quarantine_recommended"], critical);
  }
  const EngineStats s = engine->Stats();
  ASSERT_TRUE(s.anomaly_log.has_value());
  EXPECT_EQ(s.anomaly_log->written, alerted.size());
}

TEST_F(StageLogsTest, NoLogFileWhenTheLogIsOff) {
  EngineConfig c = QuietConfig();
  c.blend.enabled = true;
  c.blend.log_enabled = false;
  c.anomaly.enabled = true;
  c.anomaly.log_enabled = false;
  auto engine = Make(c);
  Action a = A("bot", "list open tickets");
  a.rule_risk_score = 0.5;
  for (int i = 0; i < 30; ++i) engine->Evaluate(a);
  ASSERT_TRUE(engine->Shutdown().ok());
  EXPECT_FALSE(std::filesystem::exists(c.storage_dir + "/default/blended_logs"));
  EXPECT_FALSE(std::filesystem::exists(c.storage_dir + "/default/anomaly_logs"));
  const EngineStats s = engine->Stats();
  EXPECT_FALSE(s.blend_log.has_value());
  EXPECT_FALSE(s.anomaly_log.has_value());
}

TEST_F(StageLogsTest, NoLogFileWhenTheStageIsOff) {
  EngineConfig c = QuietConfig();  // blending and anomaly detection off, their logs on
  ASSERT_TRUE(c.blend.log_enabled && c.anomaly.log_enabled);
  auto engine = Make(c);
  for (int i = 0; i < 30; ++i) engine->Evaluate(A("bot", "list open tickets"));
  ASSERT_TRUE(engine->Shutdown().ok());
  EXPECT_FALSE(std::filesystem::exists(c.storage_dir + "/default/blended_logs"));
  EXPECT_FALSE(std::filesystem::exists(c.storage_dir + "/default/anomaly_logs"));
}

TEST_F(StageLogsTest, BlendedLogRotatesBeforeExceedingMaxBytes) {
  const std::string storage = FreshStorage(EngineConfig{}).storage_dir;
  constexpr int64_t kMax = 1000;
  auto log = shadow::OpenBlendedLog(storage, "", kMax);
  ASSERT_TRUE(log.ok()) << log.status().message();
  for (int i = 0; i < 50; ++i)
    ASSERT_TRUE((*log)->Append([](shadow::BlendedDecisionRecord& r) { r.agent_id = "a"; }));
  (*log)->Flush();
  const std::string path = storage + "/default/blended_logs/blended_decisions.jsonl";
  EXPECT_EQ((*log)->path(), path);
  EXPECT_GT((*log)->Counters().rotations, 0u);
  EXPECT_LE(std::filesystem::file_size(path), uint64_t{kMax});
  EXPECT_LE(std::filesystem::file_size(path + ".1"), uint64_t{kMax});
  EXPECT_FALSE(std::filesystem::exists(path + ".2"));
}

TEST_F(StageLogsTest, AnomalyLogCountsWhatAFullQueueDrops) {
  const std::string storage = FreshStorage(EngineConfig{}).storage_dir;
  auto log = anomaly::OpenAnomalyLog(storage, "us-east-1", 64 << 20, /*queue_capacity=*/4);
  ASSERT_TRUE(log.ok()) << log.status().message();
  constexpr int kThreads = 4, kEach = 3000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i)
        (*log)->Append([](anomaly::AnomalyAlertRecord& r) { r.description = "burst"; });
    });
  for (auto& t : threads) t.join();
  (*log)->Flush();
  const JsonlLogCounters c = (*log)->Counters();
  EXPECT_EQ(c.written + c.dropped, uint64_t{kThreads} * kEach);
  EXPECT_EQ(ReadJsonLines(storage + "/us-east-1/anomaly_logs/anomaly_alerts.jsonl").size(), c.written);
}

TEST_F(StageLogsTest, ARejectedRotationSizeNamesTheLog) {
  auto log = anomaly::OpenAnomalyLog(FreshStorage(EngineConfig{}).storage_dir, "", 0);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().message(), "anomaly log rotation size 0: must be > 0");
}

}  // namespace
}  // namespace nethical
