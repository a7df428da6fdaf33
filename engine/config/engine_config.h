// EngineConfig: the one validated configuration of the engine. Every stage
// reads its settings from its section here and never from the environment.
// Build one with ConfigBuilder (config_builder.h): defaults < env file <
// process environment < command-line flags. Each field names the NETHICAL_*
// key that sets it. A configuration or section filled in by hand is checked
// with Validate (config_validation.h); stages take only valid sections.
#pragma once

#include <cstdint>
#include <string>

#include "engine/correlation/correlation_engine.h"  // correlation::Config
#include "engine/quarantine/quarantine_manager.h"   // quarantine::Config
#include "engine/sla/sla_monitor.h"                 // sla::Config
#include "engine/taxonomy/ethical_taxonomy.h"       // taxonomy::Config

namespace nethical {

enum class QuotaMode { kTokenBucket, kCompat };    // compat: the original's sliding window
enum class SharedStateFailure { kOpen, kClosed };  // shared quota unreachable: admit, or block
enum class PrivacyMode { kNone, kStandard, kDifferential };
enum class RedactionPolicy { kMinimal, kStandard, kAggressive };
// Every policy, in order: what a test or a warm-up that covers them all walks.
inline constexpr RedactionPolicy kAllRedactionPolicies[] = {
    RedactionPolicy::kMinimal, RedactionPolicy::kStandard, RedactionPolicy::kAggressive};
enum class RedactionMode { kFull, kUtility, kToken };
enum class ShadowModel { kHeuristic, kLogistic };
enum class BlendSource { kCallerFeature, kShadowScore };  // which ML score the blend uses
enum class Durability { kNone, kBatch, kAlways };

struct QuotaConfig {
  // The longest idle eviction: the quota stage keeps its sweep schedule in
  // nanoseconds (engine/quota/sweep_schedule.h).
  static constexpr double kMaxIdleEvictionSeconds = 1e8;

  bool enabled = false;                      // NETHICAL_ENABLE_QUOTA
  QuotaMode mode = QuotaMode::kTokenBucket;  // NETHICAL_QUOTA_MODE token_bucket|compat
  double requests_per_second = 10.0;         // NETHICAL_REQUESTS_PER_SECOND, per agent/cohort/tenant
  double burst_size = 20;                    // NETHICAL_QUOTA_BURST_SIZE
  double global_requests_per_second = 0;     // NETHICAL_QUOTA_GLOBAL_RPS (0: no global bucket)
  int64_t max_payload_bytes = 1'000'000;     // NETHICAL_MAX_PAYLOAD_BYTES
  double throttle_threshold = 0.8;           // NETHICAL_QUOTA_THROTTLE_THRESHOLD
  double block_threshold = 0.95;             // NETHICAL_QUOTA_BLOCK_THRESHOLD (compat mode)
  bool cohort_isolation = true;              // NETHICAL_QUOTA_COHORT_ISOLATION
  bool tenant_isolation = true;              // NETHICAL_QUOTA_TENANT_ISOLATION
  double idle_eviction_seconds = 300;        // NETHICAL_QUOTA_IDLE_EVICTION_SECONDS
  // Shared token buckets in Redis (docs/scale-out.md); "" keeps them in process.
  std::string shared_state;  // NETHICAL_SHARED_STATE redis://HOST:PORT[/DB]
  SharedStateFailure shared_state_failure =
      SharedStateFailure::kOpen;         // NETHICAL_SHARED_STATE_FAILURE open|closed
  int64_t shared_state_timeout_ms = 50;  // NETHICAL_SHARED_STATE_TIMEOUT_MS per connect and command
  int64_t shared_state_lease = 1;        // NETHICAL_SHARED_STATE_LEASE tokens taken per round trip (1: exact)
  std::string shared_state_user;         // NETHICAL_SHARED_STATE_USER Redis ACL user (empty: default user)
  std::string shared_state_password;     // NETHICAL_SHARED_STATE_PASSWORD (secret) sent with AUTH
};

struct PrivacyConfig {
  PrivacyMode mode = PrivacyMode::kNone;  // NETHICAL_PRIVACY_MODE
  double epsilon = 1.0;                   // NETHICAL_EPSILON (> 0)
  double delta = 1e-5;                    // NETHICAL_DP_DELTA (0 < delta < 1)
  double epsilon_budget = 10.0;           // NETHICAL_DP_BUDGET total epsilon
  double delta_budget = 1e-3;             // NETHICAL_DP_DELTA_BUDGET total delta [0, 1)
  RedactionPolicy redaction_policy = RedactionPolicy::kStandard;  // NETHICAL_REDACTION_POLICY
  RedactionMode redaction_mode = RedactionMode::kFull;            // NETHICAL_REDACTION_MODE
  double min_confidence = 0.5;                                    // NETHICAL_REDACTION_MIN_CONFIDENCE
  std::string token_key_file;                                     // NETHICAL_TOKEN_KEY_FILE
  // NETHICAL_TOKEN_KEY (hex); never printed, never logged.
  std::string token_key_hex;
};

struct DetectConfig {
  bool enabled = true;                       // NETHICAL_ENABLE_DETECTORS
  bool judgment_cache = true;                // NETHICAL_JUDGMENT_CACHE
  int64_t judgment_cache_entries = 10'000;   // NETHICAL_JUDGMENT_CACHE_SIZE
  double judgment_cache_ttl_seconds = 1800;  // NETHICAL_JUDGMENT_CACHE_TTL_SECONDS
  int64_t size_guard_bytes = 500'000;        // NETHICAL_DETECT_SIZE_GUARD_BYTES (BLOCK above)
};

struct RiskConfig {
  double half_life_hours = 24.0;  // NETHICAL_RISK_HALF_LIFE_HOURS
  // NETHICAL_RISK_DECAY_RATE: if set (0 < r < 1), the share of risk kept per
  // hour; overrides the half-life. 0 means "use the half-life".
  double decay_rate = 0.0;
  double normal_threshold = 0.25;    // NETHICAL_RISK_NORMAL_THRESHOLD
  double high_threshold = 0.5;       // NETHICAL_RISK_HIGH_THRESHOLD
  double elevated_threshold = 0.75;  // NETHICAL_RISK_ELEVATED_THRESHOLD
  // NETHICAL_SHARED_RISK: keep every agent's risk state in the Redis server of
  // NETHICAL_SHARED_STATE, shared by every engine using it (docs/scale-out.md).
  bool shared = false;
};

struct ShadowConfig {
  bool enabled = true;                         // NETHICAL_ENABLE_SHADOW_MODE
  ShadowModel model = ShadowModel::kLogistic;  // NETHICAL_SHADOW_MODEL logistic|heuristic
  std::string model_file;        // NETHICAL_SHADOW_MODEL_FILE (logistic weights; empty: the built-in ones)
  double score_threshold = 0.1;  // NETHICAL_SHADOW_SCORE_THRESHOLD (agreement)
  bool log_enabled = true;       // NETHICAL_SHADOW_LOG
  int64_t log_max_bytes = 64 << 20;  // NETHICAL_SHADOW_LOG_MAX_BYTES (then rotate)
};

struct BlendConfig {
  bool enabled = false;                              // NETHICAL_ENABLE_ML_BLENDING
  double gray_zone_lower = 0.4;                      // NETHICAL_GRAY_ZONE_LOWER
  double gray_zone_upper = 0.6;                      // NETHICAL_GRAY_ZONE_UPPER
  double rule_weight = 0.7;                          // NETHICAL_RULE_WEIGHT (+ ml_weight = 1 +- 0.01)
  double ml_weight = 0.3;                            // NETHICAL_ML_WEIGHT
  BlendSource source = BlendSource::kCallerFeature;  // NETHICAL_BLEND_SOURCE caller|shadow
  bool log_enabled = true;           // NETHICAL_BLEND_LOG (blended_logs/blended_decisions.jsonl)
  int64_t log_max_bytes = 64 << 20;  // NETHICAL_BLEND_LOG_MAX_BYTES (then rotate)
};

struct AnomalyConfig {
  // The frequency detector subtracts a middle window of this many short
  // windows from the baseline window, so the baseline window must be longer
  // than this many short windows plus one: else the baseline never holds a
  // short window's weight, and no frequency alert is possible.
  static constexpr double kMinBaselineWindows = 4;

  bool enabled = false;              // NETHICAL_ENABLE_ANOMALY_DETECTION
  double sequence_threshold = 0.96;  // NETHICAL_ANOMALY_SEQUENCE_THRESHOLD
  double drift_threshold = 0.3;      // NETHICAL_ANOMALY_DRIFT_THRESHOLD
  double psi_threshold = 0.2;        // NETHICAL_PSI_THRESHOLD
  int64_t frequency_threshold = 10;  // NETHICAL_ANOMALY_FREQUENCY_THRESHOLD: floor, actions per short window
  double frequency_window_seconds = 5;      // NETHICAL_ANOMALY_FREQUENCY_WINDOW_SECONDS: short window
  double frequency_ratio = 4;               // NETHICAL_ANOMALY_FREQUENCY_RATIO: short rate / baseline rate
  double frequency_baseline_seconds = 600;  // NETHICAL_ANOMALY_FREQUENCY_BASELINE_SECONDS
  int64_t warmup_actions = 20;              // NETHICAL_ANOMALY_WARMUP_ACTIONS: per agent, before its alerts
  int64_t drift_warmup_actions = 1000;      // NETHICAL_ANOMALY_DRIFT_WARMUP_ACTIONS: per cohort
  double cooldown_seconds = 300;            // NETHICAL_ANOMALY_COOLDOWN_SECONDS
  int64_t drift_baseline_size = 1000;       // NETHICAL_ANOMALY_DRIFT_BASELINE_SIZE
  std::string drift_baseline_file;          // NETHICAL_ANOMALY_DRIFT_BASELINE_FILE
  bool enforce = false;                     // NETHICAL_ANOMALY_ENFORCE: critical -> QUARANTINE
  bool log_enabled = true;                  // NETHICAL_ANOMALY_LOG (anomaly_logs/anomaly_alerts.jsonl)
  int64_t log_max_bytes = 64 << 20;         // NETHICAL_ANOMALY_LOG_MAX_BYTES (then rotate)
};

struct AuditConfig {
  bool enabled = true;                         // NETHICAL_ENABLE_MERKLE
  int64_t batch_size = 100;                    // NETHICAL_MERKLE_BATCH_SIZE
  int64_t flush_ms = 5000;                     // NETHICAL_MERKLE_FLUSH_MS
  Durability durability = Durability::kBatch;  // NETHICAL_AUDIT_DURABILITY none|batch|always
  int64_t segment_bytes = 64 << 20;            // NETHICAL_AUDIT_SEGMENT_BYTES
  // batch: the least time between two fsyncs of written tree heads
  // (docs/audit.md, "Durability guarantees"); 0: each head at once.
  int64_t sync_interval_ms = 5;  // NETHICAL_AUDIT_SYNC_INTERVAL_MS
};

// Quarantine by agent and cohort (engine/quarantine, docs/stages.md).
struct QuarantineSection {
  bool enabled = true;   // NETHICAL_ENABLE_QUARANTINE: look up every action (informational)
  bool enforce = false;  // NETHICAL_QUARANTINE_ENFORCE: a quarantined agent/cohort gets QUARANTINE
  bool on_critical_anomaly = false;  // NETHICAL_QUARANTINE_ON_CRITICAL_ANOMALY: quarantine the agent
  bool on_terminate = false;         // NETHICAL_QUARANTINE_ON_TERMINATE: quarantine the agent
  bool shared = false;  // NETHICAL_SHARED_QUARANTINE: the list in the NETHICAL_SHARED_STATE server
  // NETHICAL_QUARANTINE_DURATION_SECONDS, NETHICAL_QUARANTINE_MAX_DURATION_SECONDS,
  // NETHICAL_QUARANTINE_MAX_ENTRIES
  quarantine::Config limits;
};

// Ethical-taxonomy tags of each violation (engine/taxonomy).
struct TaxonomySection {
  bool enabled = true;    // NETHICAL_ENABLE_ETHICAL_TAXONOMY
  taxonomy::Config file;  // NETHICAL_TAXONOMY_PATH
};

// The engine-side latency monitor (engine/sla).
struct SlaSection {
  bool enabled = true;  // NETHICAL_ENABLE_SLA_MONITORING
  // NETHICAL_SLA_P95_MS, NETHICAL_SLA_P99_MS, NETHICAL_SLA_MEAN_MS,
  // NETHICAL_SLA_WARNING_FRACTION, NETHICAL_SLA_WINDOW_SECONDS, NETHICAL_SLA_BREACH_COUNT
  sla::Config targets;
};

// Multi-action patterns (engine/correlation); informational.
struct CorrelationSection {
  bool enabled = false;  // NETHICAL_ENABLE_CORRELATION
  // Bounds: NETHICAL_CORRELATION_MAX_AGENTS, NETHICAL_CORRELATION_MAX_PAYLOAD_CLUSTERS,
  // NETHICAL_CORRELATION_MAX_TARGETS. Per pattern:
  // NETHICAL_CORRELATION_ESCALATION_WINDOW_SECONDS, NETHICAL_CORRELATION_ESCALATION_MIN_AGENTS,
  // NETHICAL_CORRELATION_ESCALATION_MIN_PROBES, NETHICAL_CORRELATION_ESCALATION_RATIO,
  // NETHICAL_CORRELATION_ENTROPY_WINDOW_SECONDS, NETHICAL_CORRELATION_ENTROPY_MIN_SAMPLES,
  // NETHICAL_CORRELATION_ENTROPY_DELTA, NETHICAL_CORRELATION_ENTROPY_MIN_MEAN,
  // NETHICAL_CORRELATION_ENTROPY_MAX_MEAN, NETHICAL_CORRELATION_COORDINATED_WINDOW_SECONDS,
  // NETHICAL_CORRELATION_COORDINATED_TOLERANCE_SECONDS, NETHICAL_CORRELATION_COORDINATED_MIN_AGENTS,
  // NETHICAL_CORRELATION_RECON_WINDOW_SECONDS, NETHICAL_CORRELATION_RECON_MIN_AGENTS,
  // NETHICAL_CORRELATION_RECON_MIN_TARGETS, NETHICAL_CORRELATION_CLUSTER_WINDOW_SECONDS,
  // NETHICAL_CORRELATION_CLUSTER_MIN_AGENTS, NETHICAL_CORRELATION_CLUSTER_SIMILARITY
  correlation::Config rules;
};

// Data residency (engine/residency): the action's region against the engine's.
struct ResidencySection {
  std::string policy;           // NETHICAL_DATA_RESIDENCY_POLICY (empty: no check)
  std::string allowed_regions;  // NETHICAL_ALLOWED_REGIONS, comma-separated
  bool enforce = false;         // NETHICAL_DATA_RESIDENCY_ENFORCE: non-compliant -> BLOCK
};

// Keys the original's env file carries for features this engine does not
// have (OpenTelemetry export, auto-escalation). They are parsed and validated; turning one on
// is reported by ConfigBuilder as "not available yet", never ignored silently.
struct UnavailableFeatures {
  bool otel = false;                             // NETHICAL_ENABLE_OTEL
  std::string otel_exporter;                     // NETHICAL_OTEL_EXPORTER
  std::string otel_endpoint;                     // NETHICAL_OTEL_EXPORTER_OTLP_ENDPOINT
  std::string otel_service_name;                 // NETHICAL_OTEL_SERVICE_NAME
  bool auto_escalate_on_block = false;           // NETHICAL_AUTO_ESCALATE_ON_BLOCK
  bool auto_escalate_on_low_confidence = false;  // NETHICAL_AUTO_ESCALATE_ON_LOW_CONFIDENCE
};

struct EngineConfig {
  std::string storage_dir = "./nethical_data";  // NETHICAL_STORAGE_DIR
  std::string region_id;                        // NETHICAL_REGION_ID
  std::string logical_domain;                   // NETHICAL_LOGICAL_DOMAIN
  int64_t max_agents = 1'000'000;               // NETHICAL_MAX_AGENTS live per-agent states
  double agent_idle_seconds = 3600;             // NETHICAL_AGENT_IDLE_SECONDS before eviction

  QuotaConfig quota;
  PrivacyConfig privacy;
  DetectConfig detect;
  RiskConfig risk;
  ShadowConfig shadow;
  BlendConfig blend;
  AnomalyConfig anomaly;
  AuditConfig audit;
  QuarantineSection quarantine;
  TaxonomySection taxonomy;
  SlaSection sla;
  CorrelationSection correlation;
  ResidencySection residency;
  UnavailableFeatures unavailable;
};

}  // namespace nethical
