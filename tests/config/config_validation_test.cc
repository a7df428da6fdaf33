// Validate: the one check of a configuration built by hand (tests, benches,
// Engine::Create's callers). Its words are ConfigBuilder's, because both run
// the same rules from the key table.
#include "engine/config/config_validation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "engine/config/config_builder.h"

namespace nethical {
namespace {

TEST(Validate, AcceptsTheDefaults) {
  EXPECT_TRUE(Validate(EngineConfig{}).ok());
  EXPECT_TRUE(Validate(QuotaConfig{}).ok());
  EXPECT_TRUE(Validate(PrivacyConfig{}).ok());
  EXPECT_TRUE(Validate(DetectConfig{}).ok());
  EXPECT_TRUE(Validate(RiskConfig{}).ok());
  EXPECT_TRUE(Validate(ShadowConfig{}).ok());
  EXPECT_TRUE(Validate(BlendConfig{}).ok());
  EXPECT_TRUE(Validate(AnomalyConfig{}).ok());
  EXPECT_TRUE(Validate(AuditConfig{}).ok());
  EXPECT_TRUE(Validate(TaxonomySection{}).ok());
  EXPECT_TRUE(Validate(SlaSection{}).ok());
  EXPECT_TRUE(Validate(CorrelationSection{}).ok());
}

struct BadValue {
  const char* message;  // the whole error
  void (*mutate)(EngineConfig&);
};

// One bad value per key that stages used to check themselves (and a few
// more), each with the error Validate gives.
const BadValue kBadValues[] = {
    {"NETHICAL_REQUESTS_PER_SECOND=0: expected a number > 0",
     [](EngineConfig& c) { c.quota.requests_per_second = 0; }},
    {"NETHICAL_REQUESTS_PER_SECOND=nan: expected a number > 0",
     [](EngineConfig& c) { c.quota.requests_per_second = NAN; }},
    {"NETHICAL_QUOTA_BURST_SIZE=0.5: expected a number >= 1",
     [](EngineConfig& c) { c.quota.burst_size = 0.5; }},
    {"NETHICAL_QUOTA_GLOBAL_RPS=-1: expected a number >= 0",
     [](EngineConfig& c) { c.quota.global_requests_per_second = -1; }},
    {"NETHICAL_MAX_PAYLOAD_BYTES=-5: expected an integer >= 1",
     [](EngineConfig& c) { c.quota.max_payload_bytes = -5; }},
    {"NETHICAL_QUOTA_THROTTLE_THRESHOLD=1.5: expected a number in (0, 1]",
     [](EngineConfig& c) { c.quota.throttle_threshold = 1.5; }},
    {"NETHICAL_QUOTA_BLOCK_THRESHOLD=0: expected a number in (0, 1]",
     [](EngineConfig& c) { c.quota.block_threshold = 0; }},
    {"NETHICAL_QUOTA_IDLE_EVICTION_SECONDS=-1: expected a number in (0, 100000000]",
     [](EngineConfig& c) { c.quota.idle_eviction_seconds = -1; }},
    {"NETHICAL_EPSILON=0: expected a number > 0", [](EngineConfig& c) { c.privacy.epsilon = 0; }},
    {"NETHICAL_DP_BUDGET=0: expected a number > 0", [](EngineConfig& c) { c.privacy.epsilon_budget = 0; }},
    {"NETHICAL_DP_DELTA_BUDGET=1: expected a number in [0, 1)",
     [](EngineConfig& c) { c.privacy.delta_budget = 1; }},
    {"NETHICAL_REDACTION_MIN_CONFIDENCE=1.5: expected a number in [0, 1]",
     [](EngineConfig& c) { c.privacy.min_confidence = 1.5; }},
    {"NETHICAL_REDACTION_MODE=7: expected one of full|utility|token",
     [](EngineConfig& c) { c.privacy.redaction_mode = static_cast<RedactionMode>(7); }},
    {"NETHICAL_TOKEN_KEY=<set>: expected an even number of hex digits, at least 32",
     [](EngineConfig& c) { c.privacy.token_key_hex = "abc"; }},
    {"NETHICAL_DETECT_SIZE_GUARD_BYTES=0: expected an integer >= 1",
     [](EngineConfig& c) { c.detect.size_guard_bytes = 0; }},
    {"NETHICAL_JUDGMENT_CACHE_SIZE=0: expected an integer >= 1",
     [](EngineConfig& c) { c.detect.judgment_cache_entries = 0; }},
    {"NETHICAL_JUDGMENT_CACHE_TTL_SECONDS=0: expected a number in (0, 315360000]",
     [](EngineConfig& c) { c.detect.judgment_cache_ttl_seconds = 0; }},
    {"NETHICAL_RISK_HALF_LIFE_HOURS=0: expected a number in (0, 87600]",
     [](EngineConfig& c) { c.risk.half_life_hours = 0; }},
    {"NETHICAL_RISK_DECAY_RATE=1: expected a number in [0, 1)",
     [](EngineConfig& c) { c.risk.decay_rate = 1; }},
    {"NETHICAL_SHADOW_SCORE_THRESHOLD=1.5: expected a number in [0, 1]",
     [](EngineConfig& c) { c.shadow.score_threshold = 1.5; }},
    {"NETHICAL_SHADOW_LOG_MAX_BYTES=-1: expected an integer >= 1",
     [](EngineConfig& c) { c.shadow.log_max_bytes = -1; }},
    {"NETHICAL_BLEND_LOG_MAX_BYTES=0: expected an integer >= 1",
     [](EngineConfig& c) { c.blend.log_max_bytes = 0; }},
    {"NETHICAL_ANOMALY_LOG_MAX_BYTES=-5: expected an integer >= 1",
     [](EngineConfig& c) { c.anomaly.log_max_bytes = -5; }},
    {"NETHICAL_RULE_WEIGHT=1.2: expected a number in [0, 1]",
     [](EngineConfig& c) { c.blend.rule_weight = 1.2; }},
    {"NETHICAL_ANOMALY_SEQUENCE_THRESHOLD=1.5: expected a number in [0, 1]",
     [](EngineConfig& c) { c.anomaly.sequence_threshold = 1.5; }},
    {"NETHICAL_ANOMALY_DRIFT_THRESHOLD=0: expected a number > 0",
     [](EngineConfig& c) { c.anomaly.drift_threshold = 0; }},
    {"NETHICAL_PSI_THRESHOLD=-1: expected a number > 0",
     [](EngineConfig& c) { c.anomaly.psi_threshold = -1; }},
    {"NETHICAL_ANOMALY_FREQUENCY_THRESHOLD=0: expected an integer in [1, 1000]",
     [](EngineConfig& c) { c.anomaly.frequency_threshold = 0; }},
    {"NETHICAL_ANOMALY_FREQUENCY_WINDOW_SECONDS=0: expected a number in (0, 315360000]",
     [](EngineConfig& c) { c.anomaly.frequency_window_seconds = 0; }},
    {"NETHICAL_ANOMALY_FREQUENCY_RATIO=1: expected a number in (1, 1000000]",
     [](EngineConfig& c) { c.anomaly.frequency_ratio = 1; }},
    {"NETHICAL_ANOMALY_WARMUP_ACTIONS=-1: expected an integer in [0, 1000000]",
     [](EngineConfig& c) { c.anomaly.warmup_actions = -1; }},
    {"NETHICAL_ANOMALY_DRIFT_WARMUP_ACTIONS=-1: expected an integer in [0, 1000000000]",
     [](EngineConfig& c) { c.anomaly.drift_warmup_actions = -1; }},
    {"NETHICAL_ANOMALY_COOLDOWN_SECONDS=-1: expected a number in [0, 315360000]",
     [](EngineConfig& c) { c.anomaly.cooldown_seconds = -1; }},
    {"NETHICAL_ANOMALY_DRIFT_BASELINE_SIZE=1: expected an integer in [10, 100000000]",
     [](EngineConfig& c) { c.anomaly.drift_baseline_size = 1; }},
    {"NETHICAL_MERKLE_BATCH_SIZE=0: expected an integer >= 1",
     [](EngineConfig& c) { c.audit.batch_size = 0; }},
    {"NETHICAL_MERKLE_FLUSH_MS=0: expected an integer in [1, 315360000000]",
     [](EngineConfig& c) { c.audit.flush_ms = 0; }},
    {"NETHICAL_AUDIT_SEGMENT_BYTES=100: expected an integer >= 4096",
     [](EngineConfig& c) { c.audit.segment_bytes = 100; }},
    {"NETHICAL_AUDIT_SYNC_INTERVAL_MS=60001: expected an integer in [0, 60000]",
     [](EngineConfig& c) { c.audit.sync_interval_ms = 60001; }},
    {"NETHICAL_MAX_AGENTS=0: expected an integer >= 1", [](EngineConfig& c) { c.max_agents = 0; }},
    {"NETHICAL_AGENT_IDLE_SECONDS=-1: expected a number in (0, 315360000]",
     [](EngineConfig& c) { c.agent_idle_seconds = -1; }},
    {"NETHICAL_STORAGE_DIR=: expected a non-empty value", [](EngineConfig& c) { c.storage_dir.clear(); }},
    {"NETHICAL_REGION_ID=..: expected empty, or 1-64 characters from [A-Za-z0-9._-], not '.' or '..'",
     [](EngineConfig& c) { c.region_id = ".."; }},
    {"NETHICAL_SLA_P95_MS=0: expected a number in (0, 3600000]",
     [](EngineConfig& c) { c.sla.targets.p95_target_ms = 0; }},
    {"NETHICAL_SLA_WARNING_FRACTION=1.5: expected a number in (0, 1]",
     [](EngineConfig& c) { c.sla.targets.warning_fraction = 1.5; }},
    // The monitor keeps the window as 10 slices of whole seconds.
    {"NETHICAL_SLA_WINDOW_SECONDS=5: expected an integer in [10, 86400]",
     [](EngineConfig& c) { c.sla.targets.window_seconds = 5; }},
    {"NETHICAL_SLA_BREACH_COUNT=0: expected an integer in [1, 1000000]",
     [](EngineConfig& c) { c.sla.targets.breach_alert_count = 0; }},
    {"NETHICAL_SLA_P99_MS=100 must be >= NETHICAL_SLA_P95_MS=220: the p99 latency target must not be below "
     "the p95 one",
     [](EngineConfig& c) { c.sla.targets.p99_target_ms = 100; }},
    // The correlation engine's bucket ring covers 900 s.
    {"NETHICAL_CORRELATION_RECON_WINDOW_SECONDS=3600: expected an integer in [60, 900]",
     [](EngineConfig& c) { c.correlation.rules.recon_window_seconds = 3600; }},
    // A payload cluster holds 8 distinct agents.
    {"NETHICAL_CORRELATION_COORDINATED_MIN_AGENTS=9: expected an integer in [2, 8]",
     [](EngineConfig& c) { c.correlation.rules.coordinated_min_agents = 9; }},
    {"NETHICAL_CORRELATION_ENTROPY_DELTA=0: expected a number in (0, 8]",
     [](EngineConfig& c) { c.correlation.rules.entropy_delta = 0; }},
    {"NETHICAL_CORRELATION_CLUSTER_SIMILARITY=1.5: expected a number in (0, 1]",
     [](EngineConfig& c) { c.correlation.rules.cluster_similarity = 1.5; }},
    {"NETHICAL_CORRELATION_ENTROPY_MAX_MEAN=1 must be >= NETHICAL_CORRELATION_ENTROPY_MIN_MEAN=2: the "
     "payload_entropy_shift band must not be empty",
     [](EngineConfig& c) { c.correlation.rules.entropy_max_mean = 1; }},
    {"NETHICAL_QUARANTINE_DURATION_SECONDS=0: expected an integer in [1, 315360000]",
     [](EngineConfig& c) { c.quarantine.limits.default_duration_seconds = 0; }},
    {"NETHICAL_QUARANTINE_MAX_DURATION_SECONDS=60 must be >= NETHICAL_QUARANTINE_DURATION_SECONDS=86400: an "
     "automatic quarantine must not outlast the longest one allowed",
     [](EngineConfig& c) { c.quarantine.limits.max_duration_seconds = 60; }},
    {"NETHICAL_QUARANTINE_MAX_ENTRIES=0: expected an integer in [1, 100000000]",
     [](EngineConfig& c) { c.quarantine.limits.max_entries = 0; }},
    {"NETHICAL_DATA_RESIDENCY_POLICY=HIPAA: must be EU_GDPR, US_CCPA, AI_ACT or GLOBAL_DEFAULT",
     [](EngineConfig& c) {
       c.region_id = "us-east-1";
       c.residency.policy = "HIPAA";
     }},
    {"NETHICAL_DATA_RESIDENCY_POLICY=EU_GDPR needs NETHICAL_REGION_ID=: the engine's region, to check "
     "transfers against",
     [](EngineConfig& c) { c.residency.policy = "EU_GDPR"; }},
    {"NETHICAL_REGION_ID=EU-West: the residency check (NETHICAL_DATA_RESIDENCY_POLICY=EU_GDPR) needs 1-64 "
     "characters of a-z, 0-9, '-' and '_'",
     [](EngineConfig& c) {
       c.region_id = "EU-West";
       c.residency.policy = "EU_GDPR";
     }},
    {"NETHICAL_ALLOWED_REGIONS=us-west-2,eu\\x1b[31m: eu\\x1b[31m: each region must be 1-64 characters of "
     "a-z, 0-9, '-' and '_'",
     [](EngineConfig& c) {
       c.region_id = "us-east-1";
       c.residency.policy = "US_CCPA";
       c.residency.allowed_regions = "us-west-2,eu\x1b[31m";
     }},
    {"NETHICAL_ALLOWED_REGIONS=eu-west-1 has no effect without NETHICAL_DATA_RESIDENCY_POLICY, but "
     "NETHICAL_DATA_RESIDENCY_POLICY=",
     [](EngineConfig& c) { c.residency.allowed_regions = "eu-west-1"; }},
};

TEST(Validate, RejectsEachBadValueNamingKeyValueAndRange) {
  for (const BadValue& bad : kBadValues) {
    EngineConfig c;
    bad.mutate(c);
    const Status s = Validate(c);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << bad.message;
    EXPECT_EQ(s.message(), bad.message);
  }
}

TEST(Validate, SectionErrorsAreTheWholeConfigurationsErrors) {
  EngineConfig c;
  c.quota.burst_size = 0.5;
  c.risk.decay_rate = 1;
  c.anomaly.psi_threshold = -1;
  EXPECT_EQ(Validate(c.quota).message(), "NETHICAL_QUOTA_BURST_SIZE=0.5: expected a number >= 1");
  EXPECT_EQ(Validate(c.risk).message(), "NETHICAL_RISK_DECAY_RATE=1: expected a number in [0, 1)");
  EXPECT_EQ(Validate(c.anomaly).message(), "NETHICAL_PSI_THRESHOLD=-1: expected a number > 0");
}

TEST(Validate, HandBuiltAndParsedValuesGetTheSameWords) {
  ConfigBuilder b;
  const Status parsed = b.Set("NETHICAL_QUOTA_BURST_SIZE", "0.5", "--burst");
  QuotaConfig quota;
  quota.burst_size = 0.5;
  EXPECT_EQ(parsed.message(), "--burst: " + Validate(quota).message());
}

TEST(Validate, RiskThresholdsMustIncrease) {
  RiskConfig c;
  c.high_threshold = 0.8;  // above elevated (0.75)
  EXPECT_EQ(Validate(c).message(),
            "NETHICAL_RISK_HIGH_THRESHOLD=0.8 must be < NETHICAL_RISK_ELEVATED_THRESHOLD=0.75: "
            "risk tier thresholds must increase");
}

TEST(Validate, GrayZoneMustNotBeEmpty) {
  BlendConfig c;
  c.gray_zone_lower = 0.6;
  c.gray_zone_upper = 0.6;
  EXPECT_EQ(
      Validate(c).message(),
      "NETHICAL_GRAY_ZONE_LOWER=0.6 must be < NETHICAL_GRAY_ZONE_UPPER=0.6: the gray zone must not be empty");
}

// The baseline is the baseline window minus a middle one of four short
// windows, and a frequency alert needs it to weigh one short window: with a
// baseline window of 5 short ones or less it never does.
TEST(Validate, BaselineWindowMustBeLongerThanFiveShortWindows) {
  AnomalyConfig c;
  c.frequency_window_seconds = 5;
  c.frequency_baseline_seconds = 25;
  EXPECT_EQ(Validate(c).message(),
            "NETHICAL_ANOMALY_FREQUENCY_BASELINE_SECONDS=25 must be > 5 x "
            "NETHICAL_ANOMALY_FREQUENCY_WINDOW_SECONDS=5 = 25: the baseline is the baseline window minus a "
            "middle window of 4 short ones, and must hold a short window's weight");
  c.frequency_baseline_seconds = 25.5;
  EXPECT_TRUE(Validate(c).ok());
}

// The builder used to accept this pair, which only the anomaly stage refused.
TEST(Validate, BuilderRefusesABaselineWindowTheDetectorCannotUse) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_ANOMALY_FREQUENCY_BASELINE_SECONDS", "10", "--baseline").ok());
  StatusOr<EngineConfig> c = b.Build();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message().rfind(
                "NETHICAL_ANOMALY_FREQUENCY_BASELINE_SECONDS=10 (--baseline) must be > 5 x ", 0),
            0u)
      << c.status().message();
}

TEST(Validate, BlendWeightsMustSumToOne) {
  BlendConfig c;
  c.ml_weight = 0.4;
  EXPECT_EQ(
      Validate(c).message(),
      "NETHICAL_RULE_WEIGHT=0.7 + NETHICAL_ML_WEIGHT=0.4 = 1.1: the blend weights must sum to 1 +- 0.01");
}

TEST(Validate, ShadowBlendSourceNeedsShadowModeInTheWholeConfiguration) {
  EngineConfig c;
  c.blend.enabled = true;
  c.blend.source = BlendSource::kShadowScore;
  EXPECT_TRUE(Validate(c.blend).ok());  // the section alone is consistent
  c.shadow.enabled = false;
  EXPECT_EQ(Validate(c).message(),
            "NETHICAL_BLEND_SOURCE=shadow needs the shadow model, but NETHICAL_ENABLE_SHADOW_MODE=false");
}

TEST(Validate, ShadowModelFileIsOnlyForTheLogisticModel) {
  ShadowConfig c;
  c.model = ShadowModel::kHeuristic;
  c.model_file = "weights.model";
  EXPECT_EQ(Validate(c).message(),
            "NETHICAL_SHADOW_MODEL_FILE=weights.model is only read by the logistic model, but "
            "NETHICAL_SHADOW_MODEL=heuristic");
}

TEST(Validate, TokenKeySourcesAreExclusiveAndTheKeyIsNeverShown) {
  PrivacyConfig c;
  c.token_key_hex = std::string(64, 'a');
  c.token_key_file = "key.hex";
  EXPECT_EQ(
      Validate(c).message(),
      "NETHICAL_TOKEN_KEY=<set> and NETHICAL_TOKEN_KEY_FILE=key.hex: set only one source of the token key");
}

// Drift fixed: the quota stage accepted an idle eviction of 0 (and the doc
// said >= 0) while the key table wanted > 0; the bound is now the table's.
TEST(Validate, QuotaIdleEvictionHasTheKeyTablesRangeOnly) {
  QuotaConfig c;
  c.idle_eviction_seconds = 0;
  EXPECT_EQ(Validate(c).message(),
            "NETHICAL_QUOTA_IDLE_EVICTION_SECONDS=0: expected a number in (0, 100000000]");
  c.idle_eviction_seconds = 2e8;
  EXPECT_EQ(Validate(c).message(),
            "NETHICAL_QUOTA_IDLE_EVICTION_SECONDS=200000000: expected a number in (0, 100000000]");
  c.idle_eviction_seconds = QuotaConfig::kMaxIdleEvictionSeconds;
  EXPECT_TRUE(Validate(c).ok());
  ConfigBuilder b;
  EXPECT_FALSE(b.Set("NETHICAL_QUOTA_IDLE_EVICTION_SECONDS", "2e8", "--idle").ok());
  EXPECT_TRUE(b.Set("NETHICAL_QUOTA_IDLE_EVICTION_SECONDS", "1e8", "--idle").ok());
}

// Drift fixed: the payload limit was >= 1 in the key table, >= 0 in the
// quota stage and > 0 in the engine.
TEST(Validate, MaxPayloadBytesHasTheKeyTablesRangeOnly) {
  QuotaConfig c;
  c.max_payload_bytes = 0;
  EXPECT_EQ(Validate(c).message(), "NETHICAL_MAX_PAYLOAD_BYTES=0: expected an integer >= 1");
  c.max_payload_bytes = 1;
  EXPECT_TRUE(Validate(c).ok());
}

TEST(Validate, BuildRunsTheSameChecksWithOrigins) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_ML_WEIGHT", "0.5", "--ml-weight").ok());
  StatusOr<EngineConfig> built = b.Build();
  ASSERT_FALSE(built.ok());
  EngineConfig c;
  c.blend.ml_weight = 0.5;
  EXPECT_EQ(built.status().message(),
            "NETHICAL_RULE_WEIGHT=0.7 (default) + NETHICAL_ML_WEIGHT=0.5 (--ml-weight) = 1.2: "
            "the blend weights must sum to 1 +- 0.01");
  EXPECT_EQ(
      Validate(c).message(),
      "NETHICAL_RULE_WEIGHT=0.7 + NETHICAL_ML_WEIGHT=0.5 = 1.2: the blend weights must sum to 1 +- 0.01");
}

}  // namespace
}  // namespace nethical
