// Engine::Stats(): each heavy-tier stage's counters appear exactly when the
// stage is on, agree with the verdicts the engine returned, and can be read
// while other threads evaluate.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "engine/engine.h"
#include "tests/engine/engine_fixture.h"

namespace nethical {
namespace {

using EngineStatsTest = EngineFixture;

TEST_F(EngineStatsTest, StagesThatAreOffLeaveTheirFieldsEmpty) {
  auto engine = Make(QuietConfig());
  engine->Evaluate(A("a", "list open tickets"));
  EngineStats s = engine->Stats();
  EXPECT_FALSE(s.shadow.has_value());
  EXPECT_FALSE(s.blend.has_value());
  EXPECT_FALSE(s.anomaly_alerts.has_value());
  EXPECT_FALSE(s.audit_anchored.has_value());
}

TEST_F(EngineStatsTest, ShadowMetricsCountEveryScoredActionAndMatchTheVerdicts) {
  EngineConfig c = QuietConfig();
  c.shadow.enabled = true;
  c.shadow.log_enabled = false;
  auto engine = Make(c);
  const char* texts[] = {"list open tickets", "run sudo reboot", "my ssn is 536-22-1234",
                         "delete all the records now"};
  uint64_t class_agreements = 0;
  for (int i = 0; i < 40; ++i) {
    Verdict v = engine->Evaluate(A("a" + std::to_string(i % 5), texts[i % 4]));
    ASSERT_TRUE(v.shadow.has_value());
    class_agreements += v.shadow->classes_agree;
  }
  EngineStats s = engine->Stats();
  ASSERT_TRUE(s.shadow.has_value());
  EXPECT_EQ(s.shadow->predictions, 40u);
  EXPECT_EQ(s.shadow->class_agreements, class_agreements);
  EXPECT_EQ(s.shadow->true_positives + s.shadow->false_positives + s.shadow->true_negatives +
                s.shadow->false_negatives,
            s.shadow->labelled);
  EXPECT_GE(s.shadow->expected_calibration_error, 0.0);
  EXPECT_LE(s.shadow->expected_calibration_error, 1.0);
}

TEST_F(EngineStatsTest, BlendCountersCountEscalations) {
  EngineConfig c = QuietConfig();
  c.blend.enabled = true;
  auto engine = Make(c);
  Action a = A("a", "list open tickets");
  a.rule_risk_score = 0.6;
  a.features = {{"ml_score", 1.0}};  // gray zone, blended 0.72: warn -> deny
  uint64_t influenced = 0;
  for (int i = 0; i < 3; ++i) influenced += engine->Evaluate(a).blended->ml_influenced;
  EngineStats s = engine->Stats();
  ASSERT_TRUE(s.blend.has_value());
  EXPECT_EQ(s.blend->blends, 3u);
  EXPECT_EQ(s.blend->gray_zone, 3u);
  EXPECT_EQ(s.blend->escalations, 3u);
  EXPECT_EQ(s.blend->escalations + s.blend->de_escalations, influenced);
}

TEST_F(EngineStatsTest, AnomalyAlertCountsMatchTheAlertsReturned) {
  EngineConfig c = QuietConfig();
  c.anomaly.enabled = true;
  auto engine = Make(c);
  AnomalyAlertCounts seen;
  for (int i = 0; i < 30; ++i) {
    Verdict v = engine->Evaluate(A("bot", "list open tickets"));
    if (!v.anomaly) continue;
    const AlertSeverity sev = v.anomaly->severity;
    (sev == AlertSeverity::kCritical  ? seen.critical
     : sev == AlertSeverity::kWarning ? seen.high
                                      : seen.low)++;
  }
  EngineStats s = engine->Stats();
  ASSERT_TRUE(s.anomaly_alerts.has_value());
  EXPECT_GT(s.anomaly_alerts->low + s.anomaly_alerts->high + s.anomaly_alerts->critical, 0u);
  EXPECT_EQ(s.anomaly_alerts->low, seen.low);
  EXPECT_EQ(s.anomaly_alerts->high, seen.high);
  EXPECT_EQ(s.anomaly_alerts->critical, seen.critical);
}

TEST_F(EngineStatsTest, AuditAnchoredSizeCoversEveryRecordAfterShutdown) {
  EngineConfig c = QuietConfig();
  c.audit.enabled = true;
  auto engine = Make(c);
  for (int i = 0; i < 5; ++i) engine->Evaluate(A("a", "list open tickets"));
  ASSERT_TRUE(engine->Shutdown().ok());
  EngineStats s = engine->Stats();
  ASSERT_TRUE(s.audit_anchored.has_value());
  EXPECT_EQ(*s.audit_anchored, 5u);
}

TEST_F(EngineStatsTest, StatsReadWhileThreadsEvaluateEndAtTheExactTotals) {
  EngineConfig c = QuietConfig();
  c.shadow.enabled = true;
  c.shadow.log_enabled = false;
  c.blend.enabled = true;
  c.anomaly.enabled = true;
  auto engine = Make(c);
  constexpr int kThreads = 4, kPerThread = 200;
  std::atomic<bool> done{false};
  std::thread reader([&] {
    uint64_t last = 0;
    while (!done.load()) {
      EngineStats s = engine->Stats();
      EXPECT_GE(s.shadow->predictions, last);  // counters only grow
      last = s.shadow->predictions;
    }
  });
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i)
        engine->Evaluate(A("agent" + std::to_string(t * 7 + i % 7), "list open tickets"));
    });
  for (auto& w : writers) w.join();
  done = true;
  reader.join();
  EngineStats s = engine->Stats();
  EXPECT_EQ(s.shadow->predictions, uint64_t{kThreads * kPerThread});
  EXPECT_EQ(s.blend->blends, uint64_t{kThreads * kPerThread});
}

}  // namespace
}  // namespace nethical
