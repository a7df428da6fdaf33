// How each optional stage shows up in the pipeline's verdicts: quota, PII,
// shadow, blend, anomaly and audit, each switched on through EngineConfig.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "engine/cli/audit_command.h"
#include "engine/engine.h"
#include "tests/engine/engine_fixture.h"

namespace nethical {
namespace {

using EngineStagesTest = EngineFixture;

TEST_F(EngineStagesTest, QuotaBlockEndsEvaluationBeforeLaterStages) {
  EngineConfig c = QuietConfig();
  c.quota.enabled = true;
  c.quota.requests_per_second = 1;
  c.quota.burst_size = 1;
  c.privacy.mode = PrivacyMode::kStandard;
  auto engine = Make(c);
  Verdict first = engine->Evaluate(A("a", "mail bob@corp.io"));
  Verdict second = engine->Evaluate(A("a", "mail bob@corp.io"));
  ASSERT_TRUE(first.quota.has_value());
  EXPECT_NE(first.quota->decision, QuotaDecision::kBlock);
  EXPECT_TRUE(first.pii.has_value());
  ASSERT_TRUE(second.quota.has_value());
  EXPECT_EQ(second.quota->decision, QuotaDecision::kBlock);
  EXPECT_EQ(second.decision, Decision::kBlock);
  ASSERT_EQ(second.reasons.size(), 1u);
  EXPECT_EQ(second.reasons[0], second.quota->reason);
  EXPECT_FALSE(second.pii.has_value());
}

TEST_F(EngineStagesTest, QuotaRefillsWithTheInjectedClock) {
  EngineConfig c = QuietConfig();
  c.quota.enabled = true;
  c.quota.requests_per_second = 1;
  c.quota.burst_size = 1;
  auto engine = Make(c);
  engine->Evaluate(A("a", "hello"));
  EXPECT_EQ(engine->Evaluate(A("a", "hello")).decision, Decision::kBlock);
  clock_.Advance(std::chrono::seconds(1));
  EXPECT_EQ(engine->Evaluate(A("a", "hello")).decision, Decision::kAllow);
}

// PII detection runs in every privacy mode (the mode decides what is
// stored): before issue 12, mode none left Verdict::pii empty.
TEST_F(EngineStagesTest, PrivacyModeNoneStillScansForPii) {
  Verdict v = Make(QuietConfig())->Evaluate(A("a", "ssn 536-22-1234"));
  ASSERT_TRUE(v.pii.has_value());
  ASSERT_EQ(v.pii->findings.size(), 1u);
  EXPECT_EQ(v.pii->findings[0].type, PiiType::kSsn);
}

TEST_F(EngineStagesTest, PrivacyModeStandardScansAndFeedsRisk) {
  EngineConfig c = QuietConfig();
  c.detect.enabled = false;  // isolate the PII contribution to risk
  c.privacy.mode = PrivacyMode::kStandard;
  Verdict v = Make(c)->Evaluate(A("a", "ssn 536-22-1234"));
  ASSERT_TRUE(v.pii.has_value());
  ASSERT_EQ(v.pii->findings.size(), 1u);
  EXPECT_EQ(v.pii->findings[0].type, PiiType::kSsn);
  EXPECT_GT(v.pii->risk, 0.0);
  EXPECT_GT(v.risk_score, 0.0);
}

TEST_F(EngineStagesTest, ShadowScoresWithoutChangingTheDecision) {
  EngineConfig off = QuietConfig();
  EngineConfig on = QuietConfig();
  on.shadow.enabled = true;
  on.shadow.log_enabled = false;
  Action a = A("a", "run sudo reboot");
  Verdict without = Make(off)->Evaluate(a);
  Verdict with = Make(on)->Evaluate(a);
  EXPECT_FALSE(without.shadow.has_value());
  ASSERT_TRUE(with.shadow.has_value());
  EXPECT_EQ(with.decision, without.decision);
  EXPECT_TRUE(with.shadow.has_value());
}

TEST_F(EngineStagesTest, BlendEscalatesGrayZoneActionWithHighMlScore) {
  EngineConfig c = QuietConfig();
  c.blend.enabled = true;
  Action a = A("a", "list open tickets");
  a.rule_risk_score = 0.6;
  a.features = {{"ml_score", 1.0}};  // 0.7 * 0.6 + 0.3 * 1.0 = 0.72: deny
  Verdict v = Make(c)->Evaluate(a);
  ASSERT_TRUE(v.blended.has_value());
  EXPECT_NEAR(v.blended->blended_score, 0.72, 1e-9);
  EXPECT_EQ(v.blended->blended_class, RuleClass::kDeny);
  EXPECT_GE(v.decision, Decision::kBlock);
}

TEST_F(EngineStagesTest, BlendNeverRelaxesADecision) {
  EngineConfig c = QuietConfig();
  c.blend.enabled = true;
  Action a = A("a", "run sudo reboot");  // BLOCK by the rules
  a.rule_risk_score = 0.5;
  a.features = {{"ml_score", 0.0}};
  EXPECT_EQ(Make(c)->Evaluate(a).decision, Decision::kBlock);
}

TEST_F(EngineStagesTest, EnforcedCriticalAnomalyQuarantines) {
  EngineConfig c = QuietConfig();
  c.anomaly.enabled = true;
  c.anomaly.enforce = true;
  auto engine = Make(c);
  bool quarantined = false;
  for (int i = 0; i < 20 && !quarantined; ++i) {
    Verdict v = engine->Evaluate(A("bot", "list open tickets"));
    if (v.anomaly && v.anomaly->severity == AlertSeverity::kCritical) {
      EXPECT_EQ(v.decision, Decision::kQuarantine);
      quarantined = true;
    }
  }
  EXPECT_TRUE(quarantined) << "one action type repeated must raise a critical behavioural alert";
}

TEST_F(EngineStagesTest, AnomalyAlertsInformWithoutEnforce) {
  EngineConfig c = QuietConfig();
  c.anomaly.enabled = true;
  auto engine = Make(c);
  bool alerted = false;
  for (int i = 0; i < 20; ++i) {
    Verdict v = engine->Evaluate(A("bot", "list open tickets"));
    alerted |= v.anomaly.has_value();
    EXPECT_EQ(v.decision, Decision::kAllow);
  }
  EXPECT_TRUE(alerted);
}

std::string ReadAll(const std::filesystem::path& dir) {
  std::string all;
  for (const auto& f : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(f.path(), std::ios::binary);
    all.append(std::istreambuf_iterator<char>(in), {});
  }
  return all;
}

TEST_F(EngineStagesTest, AuditLogsEveryActionWithRedactedTextAndVerifies) {
  EngineConfig c = QuietConfig();
  c.audit.enabled = true;
  c.privacy.mode = PrivacyMode::kStandard;
  auto engine = Make(c);
  for (uint64_t i = 0; i < 3; ++i) {
    Verdict v = engine->Evaluate(A("a", "my ssn is 536-22-1234"));
    ASSERT_TRUE(v.audit.has_value());
    EXPECT_EQ(v.audit->index, i);
  }
  ASSERT_TRUE(engine->Shutdown().ok());
  engine.reset();

  std::string dir = c.storage_dir + "/default/audit";
  std::string bytes = ReadAll(dir);
  EXPECT_EQ(bytes.find("536-22-1234"), std::string::npos) << "raw SSN stored";
  EXPECT_NE(bytes.find("[REDACTED_SSN]"), std::string::npos);

  std::string arg0 = "audit", arg1 = "verify";
  char* argv[] = {arg0.data(), arg1.data(), dir.data()};
  std::ostringstream out, err;
  EXPECT_EQ(cli::RunAuditCommand(3, argv, out, err), 0) << out.str() << err.str();
}

TEST_F(EngineStagesTest, SecondEngineOnTheSameRegionIsRefused) {
  EngineConfig c = QuietConfig();
  c.audit.enabled = true;
  auto first = Make(c);
  auto second = Engine::Create(c, clock_);
  EXPECT_FALSE(second.ok());
}

}  // namespace
}  // namespace nethical
