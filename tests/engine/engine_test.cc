#include "engine/engine.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "engine/config/config_builder.h"
#include "tests/engine/engine_fixture.h"

namespace nethical {
namespace {

// Engines here run with the default configuration (shadow and audit on),
// each in its own storage dir.
class EngineTest : public EngineFixture {
 protected:
  std::unique_ptr<Engine> Make(EngineConfig c = {}) { return EngineFixture::Make(FreshStorage(c)); }
};

TEST_F(EngineTest, AllowsCleanActionWithLowRisk) {
  Verdict v = Make()->Evaluate(A("agent-1", "summarise the quarterly report"));
  EXPECT_EQ(v.decision, Decision::kAllow);
  EXPECT_FALSE(v.rejected_input);
  EXPECT_TRUE(v.violations.empty());
  EXPECT_TRUE(v.reasons.empty());
  EXPECT_EQ(v.risk_tier, RiskTier::kLow);
  EXPECT_EQ(v.agent_id, "agent-1");
  EXPECT_EQ(v.timestamp_ns, clock_.WallNanos());
}

TEST_F(EngineTest, BlocksCriticalFindingAndRaisesRisk) {
  auto engine = Make();
  Verdict v = engine->Evaluate(A("agent-1", "run sudo reboot"));
  EXPECT_EQ(v.decision, Decision::kBlock);
  ASSERT_FALSE(v.violations.empty());
  EXPECT_EQ(v.violations[0].type, "safety");
  EXPECT_EQ(v.reasons.size(), 1u);
  EXPECT_NEAR(v.risk_score, 0.35, 1e-9);
  EXPECT_EQ(v.risk_tier, RiskTier::kNormal);
}

TEST_F(EngineTest, ViolationFreeAgentStaysLowOverManyActions) {
  auto engine = Make();
  Verdict v;
  for (int i = 0; i < 50; ++i) v = engine->Evaluate(A("clean", "list open tickets"));
  EXPECT_EQ(v.risk_tier, RiskTier::kLow);
  EXPECT_DOUBLE_EQ(v.risk_score, 0.0);
}

TEST_F(EngineTest, RiskDecaysWithTime) {
  auto engine = Make();
  engine->Evaluate(A("a", "run sudo reboot"));
  Verdict hot = engine->Evaluate(A("a", "list open tickets"));
  clock_.Advance(std::chrono::hours(24 * 14));
  Verdict cold = engine->Evaluate(A("a", "list open tickets"));
  EXPECT_LT(cold.risk_score, hot.risk_score);
}

void ExpectRejected(const Verdict& v, std::string_view reason_part) {
  EXPECT_TRUE(v.rejected_input);
  EXPECT_EQ(v.decision, Decision::kBlock);
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_NE(v.reasons[0].find(reason_part), std::string::npos) << v.reasons[0];
}

TEST_F(EngineTest, RejectsEmptyAgentId) { ExpectRejected(Make()->Evaluate(A("", "hi")), "agent_id"); }

TEST_F(EngineTest, RejectsTextAbovePayloadLimit) {
  EngineConfig c;
  c.quota.max_payload_bytes = 100;
  ExpectRejected(Make(c)->Evaluate(A("a", std::string(101, 'x'))), "above the limit of 100");
}

TEST_F(EngineTest, RejectsInvalidUtf8) {
  ExpectRejected(Make()->Evaluate(A("a", "bad \xc3\x28 text")), "not valid UTF-8");
}

TEST_F(EngineTest, RejectsNulByte) {
  ExpectRejected(Make()->Evaluate(A("a", std::string("a\0b", 3))), "NUL");
}

TEST_F(EngineTest, TerminatesPrivilegedWithoutAuthorization) {
  Action a = A("a", "restart the service");
  a.context.is_privileged = true;
  Verdict v = Make()->Evaluate(a);
  EXPECT_EQ(v.decision, Decision::kTerminate);
  ASSERT_EQ(v.violations.size(), 1u);
  EXPECT_EQ(v.violations[0].type, "integrity");
}

TEST_F(EngineTest, SkipsDetectorsWhenDisabled) {
  EngineConfig c;
  c.detect.enabled = false;
  Verdict v = Make(c)->Evaluate(A("a", "run sudo reboot"));
  EXPECT_EQ(v.decision, Decision::kAllow);
  EXPECT_TRUE(v.violations.empty());
  EXPECT_EQ(v.risk_tier, RiskTier::kLow);
}

TEST_F(EngineTest, FillsRegionAndDomainFromConfigUnlessGiven) {
  EngineConfig c;
  c.region_id = "eu-west";
  c.logical_domain = "billing";
  auto engine = Make(c);
  Verdict v = engine->Evaluate(A("a", "hi"));
  EXPECT_EQ(v.region_id, "eu-west");
  EXPECT_EQ(v.logical_domain, "billing");
  Action a = A("a", "hi");
  a.region_id = "us-east";
  EXPECT_EQ(engine->Evaluate(a).region_id, "us-east");
}

TEST_F(EngineTest, CreateNamesTheBadKey) {
  EngineConfig c;
  c.risk.high_threshold = 0.9;
  auto e = Engine::Create(c, clock_);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("NETHICAL_RISK_HIGH_THRESHOLD"), std::string::npos);
  c = EngineConfig{};
  c.quota.max_payload_bytes = 0;
  EXPECT_NE(Engine::Create(c, clock_).status().message().find("NETHICAL_MAX_PAYLOAD_BYTES"),
            std::string::npos);
  c = EngineConfig{};
  c.max_agents = 0;
  EXPECT_NE(Engine::Create(c, clock_).status().message().find("NETHICAL_MAX_AGENTS"), std::string::npos);
}

// Drift fixed: the builder allowed the weights 0.71 + 0.3 (1 +- 0.01 with
// a little slack for binary rounding) and the blender then refused them.
TEST_F(EngineTest, CreateAcceptsBlendWeightsTheBuilderAccepts) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_ENABLE_ML_BLENDING", "true", "test").ok());
  ASSERT_TRUE(b.Set("NETHICAL_RULE_WEIGHT", "0.71", "test").ok());
  ASSERT_TRUE(b.Set("NETHICAL_ML_WEIGHT", "0.3", "test").ok());
  StatusOr<EngineConfig> c = b.Build();
  ASSERT_TRUE(c.ok()) << c.status().message();
  c->shadow.enabled = false;
  c->audit.enabled = false;
  auto e = Engine::Create(*c, clock_);
  EXPECT_TRUE(e.ok()) << e.status().message();
}

// Drift fixed: with quota on, an idle eviction of 0 passed the quota
// stage's own check although the key table refuses it.
TEST_F(EngineTest, CreateRefusesTheQuotaIdleEvictionTheKeyTableRefuses) {
  EngineConfig c = QuietConfig();
  c.quota.enabled = true;
  c.quota.idle_eviction_seconds = 0;
  auto e = Engine::Create(c, clock_);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().message(),
            "NETHICAL_QUOTA_IDLE_EVICTION_SECONDS=0: expected a number in (0, 100000000]");
}

// Drift fixed: the engine said "> 0", the quota stage ">= 0", the key
// table ">= 1"; now every caller gets the key table's words.
TEST_F(EngineTest, CreateRefusesAPayloadLimitInTheKeyTablesWords) {
  EngineConfig c = QuietConfig();
  c.quota.enabled = true;
  c.quota.max_payload_bytes = 0;
  auto e = Engine::Create(c, clock_);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().message(), "NETHICAL_MAX_PAYLOAD_BYTES=0: expected an integer >= 1");
}

// The payload limit is enforced once, by the input screen, before the quota
// stage: an oversized text spends no quota.
TEST_F(EngineTest, OversizedTextIsRefusedByTheInputScreenAndSpendsNoQuota) {
  EngineConfig c = QuietConfig();
  c.quota.enabled = true;
  c.quota.burst_size = 2;
  c.quota.max_payload_bytes = 10;
  auto engine = EngineFixture::Make(c);
  ExpectRejected(engine->Evaluate(A("a", std::string(11, 'x'))), "above the limit of 10");
  const Verdict v = engine->Evaluate(A("a", "hello"));
  EXPECT_EQ(v.decision, Decision::kAllow);
  ASSERT_TRUE(v.quota.has_value());
  EXPECT_DOUBLE_EQ(v.quota->backpressure, 0.5);  // the first of two tokens
}

TEST_F(EngineTest, ShutdownIsIdempotentAndStopsEvaluation) {
  auto engine = Make();
  EXPECT_TRUE(engine->Shutdown().ok());
  EXPECT_TRUE(engine->Shutdown().ok());
  Verdict v = engine->Evaluate(A("a", "hi"));
  EXPECT_EQ(v.decision, Decision::kBlock);
  EXPECT_FALSE(v.rejected_input);
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.reasons[0], "engine is shut down");
}

TEST_F(EngineTest, CachedAndUncachedEnginesAgree) {
  EngineConfig off;
  off.detect.judgment_cache = false;
  auto cached = Make(), uncached = Make(off);
  for (const char* text : {"run sudo reboot", "hello", "run sudo reboot", "my ssn 123-45-6789"}) {
    Verdict a = cached->Evaluate(A("x", text)), b = uncached->Evaluate(A("x", text));
    EXPECT_EQ(a.decision, b.decision) << text;
    EXPECT_EQ(a.violations.size(), b.violations.size()) << text;
    EXPECT_DOUBLE_EQ(a.risk_score, b.risk_score) << text;
  }
}

}  // namespace
}  // namespace nethical
