#include "engine/config/key_table.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <type_traits>
#include <utility>

#include "engine/base/edit_distance.h"
#include "engine/base/shown_value.h"

namespace nethical {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Ranges used by many keys.
constexpr NumberRange kPositive{0, false, kInf, true};    // > 0
constexpr NumberRange kNonNegative{0, true, kInf, true};  // >= 0
constexpr NumberRange kAtLeastOne{1, true, kInf, true};   // >= 1
constexpr NumberRange kUnit{0, true, 1, true};            // [0, 1]
constexpr NumberRange kOpenUnit{0, false, 1, false};      // (0, 1)
constexpr NumberRange kHalfOpenUnit{0, false, 1, true};   // (0, 1]
// Durations. Every stage converts its durations to int64 nanoseconds and adds
// them to clock readings, so each duration key is bounded to ten years
// (3.2e17 ns, against 9.2e18 for int64): the conversion and the sum with any
// clock reading below 250 years cannot overflow, whatever the unit.
constexpr double kMaxSeconds = 10.0 * 365 * 86400;
constexpr double kMaxMilliseconds = kMaxSeconds * 1000;
constexpr double kMaxHours = kMaxSeconds / 3600;
constexpr double kNanosPerSecond = 1e9;
static_assert(kMaxSeconds * kNanosPerSecond + 250 * 365.0 * 86400 * kNanosPerSecond < 9.2e18,
              "ten years in ns plus a 250-year clock reading fit in int64");
static_assert(kMaxMilliseconds * 1'000'000 == kMaxSeconds * kNanosPerSecond);
constexpr NumberRange kPositiveSeconds{0, false, kMaxSeconds, true};          // (0, 10 years]
constexpr NumberRange kPositiveHours{0, false, kMaxHours, true};              // (0, 10 years]
constexpr NumberRange kMillisecondsFromOne{1, true, kMaxMilliseconds, true};  // [1 ms, 10 years]
// The quota stage sweeps idle entries on a schedule it keeps in nanoseconds.
constexpr NumberRange kQuotaIdleSeconds{0, false, QuotaConfig::kMaxIdleEvictionSeconds, true};
constexpr NumberRange kSharedStateTimeoutMs{1, true, 60'000, true};  // [1 ms, 1 min]
constexpr NumberRange kSharedStateLease{1, true, 1000, true};
constexpr NumberRange kSlaMilliseconds{0, false, 3.6e6, true};  // (0, 1 hour]
constexpr NumberRange kCount1e8{1, true, 1e8, true};
constexpr NumberRange kEntropyBits{0, false, 8, true};  // (0, 8] bits per byte
// The correlation engine keeps 16 buckets of 60 s: windows of 60 to 900 s.
constexpr NumberRange kCorrelationWindow{correlation::CorrelationEngine::kBucketSeconds, true,
                                         correlation::CorrelationEngine::kMaxWindowSeconds, true};
// coordinated_attack holds at most this many distinct agents per payload.
constexpr NumberRange kCoordinatedAgents{2, true, correlation::CorrelationEngine::kMaxCoordinatedAgents,
                                         true};
// The SLA window is kept as kSlices slices of whole seconds.
constexpr NumberRange kSlaWindowSeconds{sla::SlaMonitor::kSlices, true, 86400, true};

constexpr std::string_view kQuotaModes[] = {"token_bucket", "compat"};
constexpr std::string_view kSharedStateFailures[] = {"open", "closed"};
constexpr std::string_view kPrivacyModes[] = {"none", "standard", "differential"};
constexpr std::string_view kRedactionPolicies[] = {"minimal", "standard", "aggressive"};
constexpr std::string_view kRedactionModes[] = {"full", "utility", "token"};
constexpr std::string_view kShadowModels[] = {"heuristic", "logistic"};
constexpr std::string_view kBlendSources[] = {"caller", "shadow"};
constexpr std::string_view kDurabilities[] = {"none", "batch", "always"};

// Builds the type-erased accessors of an enum field from a captureless lambda
// `EngineConfig& -> SomeEnum&` (C++20 captureless lambdas are
// default-constructible, so the lambda's type alone is enough).
template <typename Ref>
EnumField EnumAt(Ref, std::span<const std::string_view> names) {
  using E = std::remove_reference_t<decltype(Ref{}(std::declval<EngineConfig&>()))>;
  static_assert(std::is_enum_v<E>);
  return EnumField{
      [](EngineConfig& c) { return static_cast<int>(Ref{}(c)); },
      [](EngineConfig& c, int v) { Ref{}(c) = static_cast<E>(v); },
      names,
  };
}

// The field `c.path` of an EngineConfig, as an accessor.
#define NETHICAL_FIELD(path) \
  [](EngineConfig & c) -> auto& { return c.path; }

std::vector<KeySpec> MakeKeyTable() {
  return {
      // Engine-wide.
      {"NETHICAL_STORAGE_DIR", StringField{NETHICAL_FIELD(storage_dir), true},
       "directory for the audit log, Merkle tree heads and stage logs"},
      {"NETHICAL_REGION_ID", NameField{NETHICAL_FIELD(region_id), 64},
       "region echoed in verdicts, used as the quota tenant and as the audit directory name (empty: none)"},
      {"NETHICAL_LOGICAL_DOMAIN", StringField{NETHICAL_FIELD(logical_domain), false},
       "logical domain echoed in verdicts (empty: none)"},
      {"NETHICAL_MAX_AGENTS", IntField{NETHICAL_FIELD(max_agents), kAtLeastOne},
       "most per-agent states kept live; the idlest are evicted beyond it"},
      {"NETHICAL_AGENT_IDLE_SECONDS", DoubleField{NETHICAL_FIELD(agent_idle_seconds), kPositiveSeconds},
       "seconds without actions after which an agent's state may be evicted"},

      // Quota.
      {"NETHICAL_ENABLE_QUOTA", BoolField{NETHICAL_FIELD(quota.enabled)},
       "enforce per-agent/cohort/tenant request quotas"},
      {"NETHICAL_QUOTA_MODE", EnumAt(NETHICAL_FIELD(quota.mode), kQuotaModes),
       "token_bucket, or compat: the original's sliding-window quota"},
      {"NETHICAL_REQUESTS_PER_SECOND", DoubleField{NETHICAL_FIELD(quota.requests_per_second), kPositive},
       "sustained requests per second allowed per agent, cohort and tenant"},
      {"NETHICAL_QUOTA_BURST_SIZE", DoubleField{NETHICAL_FIELD(quota.burst_size), kAtLeastOne},
       "requests allowed at once above the sustained rate (bucket size)"},
      {"NETHICAL_QUOTA_GLOBAL_RPS",
       DoubleField{NETHICAL_FIELD(quota.global_requests_per_second), kNonNegative},
       "requests per second across all agents (0: no global limit)"},
      {"NETHICAL_MAX_PAYLOAD_BYTES", IntField{NETHICAL_FIELD(quota.max_payload_bytes), kAtLeastOne},
       "largest action payload accepted; larger ones are blocked"},
      {"NETHICAL_QUOTA_THROTTLE_THRESHOLD",
       DoubleField{NETHICAL_FIELD(quota.throttle_threshold), kHalfOpenUnit},
       "quota use (share of the limit) from which actions are throttled"},
      {"NETHICAL_QUOTA_BLOCK_THRESHOLD", DoubleField{NETHICAL_FIELD(quota.block_threshold), kHalfOpenUnit},
       "quota use from which actions are blocked (compat mode)"},
      {"NETHICAL_QUOTA_COHORT_ISOLATION", BoolField{NETHICAL_FIELD(quota.cohort_isolation)},
       "keep a separate quota per cohort"},
      {"NETHICAL_QUOTA_TENANT_ISOLATION", BoolField{NETHICAL_FIELD(quota.tenant_isolation)},
       "keep a separate quota per tenant (region)"},
      {"NETHICAL_QUOTA_IDLE_EVICTION_SECONDS",
       DoubleField{NETHICAL_FIELD(quota.idle_eviction_seconds), kQuotaIdleSeconds},
       "seconds after which an idle quota entry is dropped"},
      {"NETHICAL_SHARED_STATE", StringField{NETHICAL_FIELD(quota.shared_state), false},
       "redis://HOST:PORT[/DB]: keep the token buckets in Redis, shared by every engine using it (empty: in "
       "process)"},
      {"NETHICAL_SHARED_STATE_FAILURE",
       EnumAt(NETHICAL_FIELD(quota.shared_state_failure), kSharedStateFailures),
       "when Redis cannot be reached: open (admit, counted) or closed (block, counted)"},
      {"NETHICAL_SHARED_STATE_TIMEOUT_MS",
       IntField{NETHICAL_FIELD(quota.shared_state_timeout_ms), kSharedStateTimeoutMs},
       "milliseconds allowed per Redis connect and command before the failure policy applies"},
      {"NETHICAL_SHARED_STATE_USER", NameField{NETHICAL_FIELD(quota.shared_state_user), 64},
       "Redis ACL user the shared-state and --coordinate connections AUTH as (empty: the default user)"},
      {"NETHICAL_SHARED_STATE_PASSWORD", SecretField{NETHICAL_FIELD(quota.shared_state_password), 0, 256},
       "password those connections send with AUTH (requirepass, or the ACL user's); never printed"},
      {"NETHICAL_SHARED_STATE_LEASE", IntField{NETHICAL_FIELD(quota.shared_state_lease), kSharedStateLease},
       "tokens a process takes from a shared bucket per round trip and spends locally within 100 ms (1: "
       "every check asks Redis)"},

      // Privacy and redaction.
      {"NETHICAL_PRIVACY_MODE", EnumAt(NETHICAL_FIELD(privacy.mode), kPrivacyModes),
       "none, standard (PII redaction) or differential (redaction + DP noise)"},
      {"NETHICAL_EPSILON", DoubleField{NETHICAL_FIELD(privacy.epsilon), kPositive},
       "differential-privacy epsilon per query (smaller: more noise)"},
      {"NETHICAL_DP_DELTA", DoubleField{NETHICAL_FIELD(privacy.delta), kOpenUnit},
       "differential-privacy delta of the Gaussian mechanism"},
      {"NETHICAL_DP_BUDGET", DoubleField{NETHICAL_FIELD(privacy.epsilon_budget), kPositive},
       "total epsilon that may be spent before queries are refused"},
      {"NETHICAL_DP_DELTA_BUDGET",
       DoubleField{NETHICAL_FIELD(privacy.delta_budget), NumberRange{0, true, 1, false}},
       "total delta that may be spent before queries are refused"},
      {"NETHICAL_REDACTION_POLICY", EnumAt(NETHICAL_FIELD(privacy.redaction_policy), kRedactionPolicies),
       "which PII types are redacted: minimal, standard or aggressive"},
      {"NETHICAL_REDACTION_MODE", EnumAt(NETHICAL_FIELD(privacy.redaction_mode), kRedactionModes),
       "full ([REDACTED_TYPE]), utility (keeps e.g. the e-mail domain) or token (keyed reversible)"},
      {"NETHICAL_REDACTION_MIN_CONFIDENCE", DoubleField{NETHICAL_FIELD(privacy.min_confidence), kUnit},
       "PII matches below this confidence are not redacted"},
      {"NETHICAL_TOKEN_KEY_FILE", StringField{NETHICAL_FIELD(privacy.token_key_file), false},
       "file holding the hex key of token redaction (alternative to NETHICAL_TOKEN_KEY)"},
      {"NETHICAL_TOKEN_KEY", SecretField{NETHICAL_FIELD(privacy.token_key_hex), 32},
       "hex key of token redaction; never printed"},

      // Detectors and judgment cache.
      {"NETHICAL_ENABLE_DETECTORS", BoolField{NETHICAL_FIELD(detect.enabled)},
       "run the rule detectors and judge"},
      {"NETHICAL_JUDGMENT_CACHE", BoolField{NETHICAL_FIELD(detect.judgment_cache)},
       "cache judgments of identical content"},
      {"NETHICAL_JUDGMENT_CACHE_SIZE", IntField{NETHICAL_FIELD(detect.judgment_cache_entries), kAtLeastOne},
       "most cached judgments"},
      {"NETHICAL_JUDGMENT_CACHE_TTL_SECONDS",
       DoubleField{NETHICAL_FIELD(detect.judgment_cache_ttl_seconds), kPositiveSeconds},
       "seconds a cached judgment stays valid"},
      {"NETHICAL_DETECT_SIZE_GUARD_BYTES", IntField{NETHICAL_FIELD(detect.size_guard_bytes), kAtLeastOne},
       "content larger than this is blocked without running the detectors"},

      // Risk.
      {"NETHICAL_RISK_HALF_LIFE_HOURS", DoubleField{NETHICAL_FIELD(risk.half_life_hours), kPositiveHours},
       "hours for an agent's risk to decay by half"},
      {"NETHICAL_RISK_DECAY_RATE",
       DoubleField{NETHICAL_FIELD(risk.decay_rate), NumberRange{0, true, 1, false}},
       "share of risk kept per hour; overrides the half-life (0: use the half-life)"},
      {"NETHICAL_RISK_NORMAL_THRESHOLD", DoubleField{NETHICAL_FIELD(risk.normal_threshold), kHalfOpenUnit},
       "risk from which the tier is normal (below: low)"},
      {"NETHICAL_RISK_HIGH_THRESHOLD", DoubleField{NETHICAL_FIELD(risk.high_threshold), kHalfOpenUnit},
       "risk from which the tier is high"},
      {"NETHICAL_RISK_ELEVATED_THRESHOLD",
       DoubleField{NETHICAL_FIELD(risk.elevated_threshold), kHalfOpenUnit},
       "risk from which the tier is elevated (advanced detectors invoked)"},
      {"NETHICAL_SHARED_RISK", BoolField{NETHICAL_FIELD(risk.shared)},
       "keep each agent's risk in the Redis server of NETHICAL_SHARED_STATE, shared by every engine using "
       "it"},

      // ML shadow.
      {"NETHICAL_ENABLE_SHADOW_MODE", BoolField{NETHICAL_FIELD(shadow.enabled)},
       "score every action with the shadow ML model (never changes the decision)"},
      {"NETHICAL_SHADOW_MODEL", EnumAt(NETHICAL_FIELD(shadow.model), kShadowModels),
       "logistic (weights from NETHICAL_SHADOW_MODEL_FILE, else the built-in ones), or heuristic"},
      {"NETHICAL_SHADOW_MODEL_FILE", StringField{NETHICAL_FIELD(shadow.model_file), false},
       "weights of the logistic shadow model"},
      {"NETHICAL_SHADOW_SCORE_THRESHOLD", DoubleField{NETHICAL_FIELD(shadow.score_threshold), kUnit},
       "largest rule/ML score difference still counted as agreement"},
      {"NETHICAL_SHADOW_LOG", BoolField{NETHICAL_FIELD(shadow.log_enabled)},
       "write shadow predictions to a log under the storage directory"},
      {"NETHICAL_SHADOW_LOG_MAX_BYTES", IntField{NETHICAL_FIELD(shadow.log_max_bytes), kAtLeastOne},
       "size at which the shadow log is rotated"},

      // ML blending.
      {"NETHICAL_ENABLE_ML_BLENDING", BoolField{NETHICAL_FIELD(blend.enabled)},
       "blend rule and ML risk inside the gray zone"},
      {"NETHICAL_GRAY_ZONE_LOWER", DoubleField{NETHICAL_FIELD(blend.gray_zone_lower), kUnit},
       "rule risk from which scores are blended"},
      {"NETHICAL_GRAY_ZONE_UPPER", DoubleField{NETHICAL_FIELD(blend.gray_zone_upper), kUnit},
       "rule risk up to which scores are blended"},
      {"NETHICAL_RULE_WEIGHT", DoubleField{NETHICAL_FIELD(blend.rule_weight), kUnit},
       "weight of the rule score in the blend (with ML weight sums to 1)"},
      {"NETHICAL_ML_WEIGHT", DoubleField{NETHICAL_FIELD(blend.ml_weight), kUnit},
       "weight of the ML score in the blend"},
      {"NETHICAL_BLEND_SOURCE", EnumAt(NETHICAL_FIELD(blend.source), kBlendSources),
       "ML score blended: caller (the action's ml_score feature) or shadow"},
      {"NETHICAL_BLEND_LOG", BoolField{NETHICAL_FIELD(blend.log_enabled)},
       "write blended decisions to a log under the storage directory"},
      {"NETHICAL_BLEND_LOG_MAX_BYTES", IntField{NETHICAL_FIELD(blend.log_max_bytes), kAtLeastOne},
       "size at which the blended decision log is rotated"},

      // Anomaly and drift.
      {"NETHICAL_ENABLE_ANOMALY_DETECTION", BoolField{NETHICAL_FIELD(anomaly.enabled)},
       "detect sequence, frequency, behavioural and drift anomalies"},
      {"NETHICAL_ANOMALY_SEQUENCE_THRESHOLD", DoubleField{NETHICAL_FIELD(anomaly.sequence_threshold), kUnit},
       "sequence-rarity score from which an alert is raised"},
      {"NETHICAL_ANOMALY_DRIFT_THRESHOLD", DoubleField{NETHICAL_FIELD(anomaly.drift_threshold), kPositive},
       "KL divergence from which distribution drift is alerted"},
      {"NETHICAL_PSI_THRESHOLD", DoubleField{NETHICAL_FIELD(anomaly.psi_threshold), kPositive},
       "population stability index from which drift is alerted"},
      {"NETHICAL_ANOMALY_FREQUENCY_THRESHOLD",
       IntField{NETHICAL_FIELD(anomaly.frequency_threshold), NumberRange{1, true, 1000, true}},
       "floor: actions in the short window below which no frequency alert is raised"},
      {"NETHICAL_ANOMALY_FREQUENCY_WINDOW_SECONDS",
       DoubleField{NETHICAL_FIELD(anomaly.frequency_window_seconds), kPositiveSeconds},
       "short window (EWMA time constant) of an agent's current rate"},
      {"NETHICAL_ANOMALY_FREQUENCY_RATIO",
       DoubleField{NETHICAL_FIELD(anomaly.frequency_ratio), NumberRange{1, false, 1e6, true}},
       "alert when an agent's short-window rate exceeds this multiple of its baseline rate"},
      {"NETHICAL_ANOMALY_FREQUENCY_BASELINE_SECONDS",
       DoubleField{NETHICAL_FIELD(anomaly.frequency_baseline_seconds), kPositiveSeconds},
       "long window (EWMA time constant) of an agent's baseline rate; > 5 x the short window"},
      {"NETHICAL_ANOMALY_WARMUP_ACTIONS",
       IntField{NETHICAL_FIELD(anomaly.warmup_actions), NumberRange{0, true, 1'000'000, true}},
       "actions of an agent before it can raise frequency, sequence or behavioural alerts"},
      {"NETHICAL_ANOMALY_DRIFT_WARMUP_ACTIONS",
       IntField{NETHICAL_FIELD(anomaly.drift_warmup_actions), NumberRange{0, true, 1'000'000'000, true}},
       "actions of a cohort before it can raise drift alerts"},
      {"NETHICAL_ANOMALY_COOLDOWN_SECONDS",
       DoubleField{NETHICAL_FIELD(anomaly.cooldown_seconds), NumberRange{0, true, kMaxSeconds, true}},
       "seconds before the same alert is raised again for an agent"},
      {"NETHICAL_ANOMALY_DRIFT_BASELINE_SIZE",
       IntField{NETHICAL_FIELD(anomaly.drift_baseline_size), NumberRange{10, true, 100'000'000, true}},
       "scores collected as the drift baseline"},
      {"NETHICAL_ANOMALY_DRIFT_BASELINE_FILE",
       StringField{NETHICAL_FIELD(anomaly.drift_baseline_file), false},
       "file with a saved drift baseline (empty: learn it from traffic)"},
      {"NETHICAL_ANOMALY_ENFORCE", BoolField{NETHICAL_FIELD(anomaly.enforce)},
       "turn critical anomalies into QUARANTINE decisions"},
      {"NETHICAL_ANOMALY_LOG", BoolField{NETHICAL_FIELD(anomaly.log_enabled)},
       "write anomaly alerts to a log under the storage directory"},
      {"NETHICAL_ANOMALY_LOG_MAX_BYTES", IntField{NETHICAL_FIELD(anomaly.log_max_bytes), kAtLeastOne},
       "size at which the anomaly alert log is rotated"},

      // Audit log.
      {"NETHICAL_ENABLE_MERKLE", BoolField{NETHICAL_FIELD(audit.enabled)},
       "append every verdict to the Merkle-anchored audit log"},
      {"NETHICAL_MERKLE_BATCH_SIZE", IntField{NETHICAL_FIELD(audit.batch_size), kAtLeastOne},
       "events per audit batch"},
      {"NETHICAL_MERKLE_FLUSH_MS", IntField{NETHICAL_FIELD(audit.flush_ms), kMillisecondsFromOne},
       "milliseconds after which a partial batch is flushed"},
      {"NETHICAL_AUDIT_DURABILITY", EnumAt(NETHICAL_FIELD(audit.durability), kDurabilities),
       "when the log is fsynced: none, batch (each flush) or always (each event)"},
      {"NETHICAL_AUDIT_SEGMENT_BYTES",
       IntField{NETHICAL_FIELD(audit.segment_bytes), NumberRange{4096, true, kInf, true}},
       "size at which a new audit log segment is started"},
      {"NETHICAL_AUDIT_SYNC_INTERVAL_MS",
       IntField{NETHICAL_FIELD(audit.sync_interval_ms), NumberRange{0, true, 60'000, true}},
       "batch durability: least milliseconds between two fsyncs of tree heads (0: fsync each head at once)"},

      // Quarantine (engine/quarantine).
      {"NETHICAL_ENABLE_QUARANTINE", BoolField{NETHICAL_FIELD(quarantine.enabled)},
       "look up each action's agent and cohort in the quarantine list (informational unless enforced)"},
      {"NETHICAL_QUARANTINE_ENFORCE", BoolField{NETHICAL_FIELD(quarantine.enforce)},
       "answer QUARANTINE to a quarantined agent or cohort before the detectors run"},
      {"NETHICAL_QUARANTINE_ON_CRITICAL_ANOMALY", BoolField{NETHICAL_FIELD(quarantine.on_critical_anomaly)},
       "quarantine an agent when the anomaly stage raises a critical alert for it"},
      {"NETHICAL_QUARANTINE_ON_TERMINATE", BoolField{NETHICAL_FIELD(quarantine.on_terminate)},
       "quarantine an agent when the judge answers TERMINATE"},
      {"NETHICAL_SHARED_QUARANTINE", BoolField{NETHICAL_FIELD(quarantine.shared)},
       "keep the quarantine list in the Redis server of NETHICAL_SHARED_STATE, shared by every engine using "
       "it"},
      {"NETHICAL_QUARANTINE_DURATION_SECONDS",
       IntField{NETHICAL_FIELD(quarantine.limits.default_duration_seconds),
                NumberRange{1, true, kMaxSeconds, true}},
       "seconds an automatic quarantine lasts (the original's 24 h)"},
      {"NETHICAL_QUARANTINE_MAX_DURATION_SECONDS",
       IntField{NETHICAL_FIELD(quarantine.limits.max_duration_seconds),
                NumberRange{1, true, kMaxSeconds, true}},
       "longest quarantine allowed (the original's 168 h)"},
      {"NETHICAL_QUARANTINE_MAX_ENTRIES",
       IntField{NETHICAL_FIELD(quarantine.limits.max_entries), NumberRange{1, true, 1e8, true}},
       "agents plus cohorts quarantined at once"},

      // Ethical taxonomy (engine/taxonomy).
      {"NETHICAL_ENABLE_ETHICAL_TAXONOMY", BoolField{NETHICAL_FIELD(taxonomy.enabled)},
       "tag each violation with ethical dimensions (privacy, manipulation, fairness, safety)"},
      {"NETHICAL_TAXONOMY_PATH", StringField{NETHICAL_FIELD(taxonomy.file.path), false},
       "taxonomy JSON file (empty: the shipped engine/taxonomy/ethics_taxonomy.json)"},

      // SLA monitor (engine/sla).
      {"NETHICAL_ENABLE_SLA_MONITORING", BoolField{NETHICAL_FIELD(sla.enabled)},
       "monitor the engine's own evaluation latency against the SLA targets"},
      {"NETHICAL_SLA_P95_MS", DoubleField{NETHICAL_FIELD(sla.targets.p95_target_ms), kSlaMilliseconds},
       "p95 evaluation latency target, milliseconds"},
      {"NETHICAL_SLA_P99_MS", DoubleField{NETHICAL_FIELD(sla.targets.p99_target_ms), kSlaMilliseconds},
       "p99 evaluation latency target, milliseconds (>= the p95 target)"},
      {"NETHICAL_SLA_MEAN_MS", DoubleField{NETHICAL_FIELD(sla.targets.mean_target_ms), kSlaMilliseconds},
       "mean evaluation latency target, milliseconds"},
      {"NETHICAL_SLA_WARNING_FRACTION",
       DoubleField{NETHICAL_FIELD(sla.targets.warning_fraction), kHalfOpenUnit},
       "share of a target from which the metric is WARNING"},
      {"NETHICAL_SLA_WINDOW_SECONDS", IntField{NETHICAL_FIELD(sla.targets.window_seconds), kSlaWindowSeconds},
       "sliding window the SLA percentiles cover"},
      {"NETHICAL_SLA_BREACH_COUNT",
       IntField{NETHICAL_FIELD(sla.targets.breach_alert_count), NumberRange{1, true, 1e6, true}},
       "breached once-a-second checks in a row that make a sustained breach"},

      // Correlation engine (engine/correlation); informational.
      {"NETHICAL_ENABLE_CORRELATION", BoolField{NETHICAL_FIELD(correlation.enabled)},
       "look for the five multi-agent patterns (matches are reported, never decide)"},
      {"NETHICAL_CORRELATION_MAX_AGENTS", IntField{NETHICAL_FIELD(correlation.rules.max_agents), kCount1e8},
       "agents the correlation engine tracks at once"},
      {"NETHICAL_CORRELATION_MAX_PAYLOAD_CLUSTERS",
       IntField{NETHICAL_FIELD(correlation.rules.max_payload_clusters), kCount1e8},
       "distinct payloads tracked for coordinated_attack"},
      {"NETHICAL_CORRELATION_MAX_TARGETS", IntField{NETHICAL_FIELD(correlation.rules.max_targets), kCount1e8},
       "distinct targets tracked per window"},
      {"NETHICAL_CORRELATION_ESCALATION_WINDOW_SECONDS",
       IntField{NETHICAL_FIELD(correlation.rules.escalation_window_seconds), kCorrelationWindow},
       "escalating_multi_id_probes window"},
      {"NETHICAL_CORRELATION_ESCALATION_MIN_AGENTS",
       IntField{NETHICAL_FIELD(correlation.rules.escalation_min_agents), NumberRange{2, true, 1e6, true}},
       "escalating_multi_id_probes: agents with probes"},
      {"NETHICAL_CORRELATION_ESCALATION_MIN_PROBES",
       IntField{NETHICAL_FIELD(correlation.rules.escalation_min_probes), NumberRange{1, true, 1e6, true}},
       "escalating_multi_id_probes: flagged actions per agent"},
      {"NETHICAL_CORRELATION_ESCALATION_RATIO",
       DoubleField{NETHICAL_FIELD(correlation.rules.escalation_ratio), NumberRange{0, false, 1e6, true}},
       "escalating_multi_id_probes: (max - min) / min of the agents' probe counts"},
      {"NETHICAL_CORRELATION_ENTROPY_WINDOW_SECONDS",
       IntField{NETHICAL_FIELD(correlation.rules.entropy_window_seconds), kCorrelationWindow},
       "payload_entropy_shift window"},
      {"NETHICAL_CORRELATION_ENTROPY_MIN_SAMPLES",
       IntField{NETHICAL_FIELD(correlation.rules.entropy_min_samples), NumberRange{2, true, 1e6, true}},
       "payload_entropy_shift: payloads of the agent in the window"},
      {"NETHICAL_CORRELATION_ENTROPY_DELTA",
       DoubleField{NETHICAL_FIELD(correlation.rules.entropy_delta), kEntropyBits},
       "payload_entropy_shift: bits between the recent and the window mean"},
      {"NETHICAL_CORRELATION_ENTROPY_MIN_MEAN",
       DoubleField{NETHICAL_FIELD(correlation.rules.entropy_min_mean), kEntropyBits},
       "payload_entropy_shift: lowest window mean entropy, bits"},
      {"NETHICAL_CORRELATION_ENTROPY_MAX_MEAN",
       DoubleField{NETHICAL_FIELD(correlation.rules.entropy_max_mean), kEntropyBits},
       "payload_entropy_shift: highest window mean entropy, bits"},
      {"NETHICAL_CORRELATION_COORDINATED_WINDOW_SECONDS",
       IntField{NETHICAL_FIELD(correlation.rules.coordinated_window_seconds),
                NumberRange{1, true, 86400, true}},
       "coordinated_attack: longest cluster"},
      {"NETHICAL_CORRELATION_COORDINATED_TOLERANCE_SECONDS",
       IntField{NETHICAL_FIELD(correlation.rules.coordinated_tolerance_seconds),
                NumberRange{1, true, 86400, true}},
       "coordinated_attack: largest gap inside a cluster"},
      {"NETHICAL_CORRELATION_COORDINATED_MIN_AGENTS",
       IntField{NETHICAL_FIELD(correlation.rules.coordinated_min_agents), kCoordinatedAgents},
       "coordinated_attack: distinct agents sending the same payload"},
      {"NETHICAL_CORRELATION_RECON_WINDOW_SECONDS",
       IntField{NETHICAL_FIELD(correlation.rules.recon_window_seconds), kCorrelationWindow},
       "distributed_reconnaissance window"},
      {"NETHICAL_CORRELATION_RECON_MIN_AGENTS",
       IntField{NETHICAL_FIELD(correlation.rules.recon_min_agents), NumberRange{1, true, 1e6, true}},
       "distributed_reconnaissance: agents touching targets"},
      {"NETHICAL_CORRELATION_RECON_MIN_TARGETS",
       IntField{NETHICAL_FIELD(correlation.rules.recon_min_targets), NumberRange{1, true, 1e6, true}},
       "distributed_reconnaissance: distinct targets"},
      {"NETHICAL_CORRELATION_CLUSTER_WINDOW_SECONDS",
       IntField{NETHICAL_FIELD(correlation.rules.cluster_window_seconds), kCorrelationWindow},
       "anomalous_agent_cluster window"},
      {"NETHICAL_CORRELATION_CLUSTER_MIN_AGENTS",
       IntField{NETHICAL_FIELD(correlation.rules.cluster_min_agents), NumberRange{2, true, 1e6, true}},
       "anomalous_agent_cluster: agents in the cluster"},
      {"NETHICAL_CORRELATION_CLUSTER_SIMILARITY",
       DoubleField{NETHICAL_FIELD(correlation.rules.cluster_similarity), kHalfOpenUnit},
       "anomalous_agent_cluster: highest similarity to the population's mean signature"},

      // Data residency (engine/residency).
      {"NETHICAL_DATA_RESIDENCY_POLICY", StringField{NETHICAL_FIELD(residency.policy), false},
       "EU_GDPR, US_CCPA, AI_ACT or GLOBAL_DEFAULT: check each action's region against NETHICAL_REGION_ID "
       "(empty: no check)"},
      {"NETHICAL_ALLOWED_REGIONS", StringField{NETHICAL_FIELD(residency.allowed_regions), false},
       "comma-separated regions that may also receive data, whatever the policy"},
      {"NETHICAL_DATA_RESIDENCY_ENFORCE", BoolField{NETHICAL_FIELD(residency.enforce)},
       "BLOCK an action whose region the policy does not allow (else reported only)"},

      // Features of the original this engine does not have (yet).
      {"NETHICAL_ENABLE_OTEL", BoolField{NETHICAL_FIELD(unavailable.otel)},
       "OpenTelemetry export (not available yet)",
       "OpenTelemetry export is not available yet; nothing is exported"},
      {"NETHICAL_OTEL_EXPORTER", StringField{NETHICAL_FIELD(unavailable.otel_exporter), false},
       "OpenTelemetry exporter name (not available yet)"},
      {"NETHICAL_OTEL_EXPORTER_OTLP_ENDPOINT", StringField{NETHICAL_FIELD(unavailable.otel_endpoint), false},
       "OTLP collector URL (not available yet)"},
      {"NETHICAL_OTEL_SERVICE_NAME", StringField{NETHICAL_FIELD(unavailable.otel_service_name), false},
       "OpenTelemetry service name (not available yet)"},
      {"NETHICAL_AUTO_ESCALATE_ON_BLOCK", BoolField{NETHICAL_FIELD(unavailable.auto_escalate_on_block)},
       "escalate blocked actions to human review (not available yet)",
       "auto-escalation is not available yet; blocked actions are not escalated"},
      {"NETHICAL_AUTO_ESCALATE_ON_LOW_CONFIDENCE",
       BoolField{NETHICAL_FIELD(unavailable.auto_escalate_on_low_confidence)},
       "escalate low-confidence judgments to human review (not available yet)",
       "auto-escalation is not available yet; low-confidence judgments are not escalated"},
  };
}

#undef NETHICAL_FIELD

char AsciiUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return AsciiUpper(x) == AsciiUpper(y); });
}

std::string FormatNumber(double v) {
  std::array<char, 32> buf;
  // Whole numbers in full ("315360000000", not "3.1536e+11"): an int key
  // accepts no exponent, so its range must be written as it can be typed.
  bool whole = std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 1e15;
  auto [end, ec] = whole ? std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed)
                         : std::to_chars(buf.data(), buf.data() + buf.size(), v);
  return std::string(buf.data(), end);
}

std::string DescribeRange(const NumberRange& r) {
  bool has_min = std::isfinite(r.min);
  bool has_max = std::isfinite(r.max);
  if (has_min && has_max) {
    return std::string(r.min_inclusive ? "[" : "(") + FormatNumber(r.min) + ", " + FormatNumber(r.max) +
           (r.max_inclusive ? "]" : ")");
  }
  if (has_min) return std::string(r.min_inclusive ? ">= " : "> ") + FormatNumber(r.min);
  if (has_max) return std::string(r.max_inclusive ? "<= " : "< ") + FormatNumber(r.max);
  return "any";
}

// "a number > 0", "an integer in [1, 10]".
std::string DescribeNumber(std::string_view noun, const NumberRange& r) {
  std::string range = DescribeRange(r);
  if (range == "any") return std::string(noun);
  return std::string(noun) + (range[0] == '[' || range[0] == '(' ? " in " : " ") + range;
}

bool InRange(double v, const NumberRange& r) {
  bool above_min = r.min_inclusive ? v >= r.min : v > r.min;
  bool below_max = r.max_inclusive ? v <= r.max : v < r.max;
  return above_min && below_max;
}

std::optional<bool> ParseBool(std::string_view s) {
  for (std::string_view t : {"true", "1", "yes", "on"}) {
    if (EqualsIgnoreCase(s, t)) return true;
  }
  for (std::string_view f : {"false", "0", "no", "off"}) {
    if (EqualsIgnoreCase(s, f)) return false;
  }
  return std::nullopt;
}

template <typename T>
std::optional<T> ParseWhole(std::string_view s) {
  T v{};
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

bool IsHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

template <typename... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <typename... F>
Overloaded(F...) -> Overloaded<F...>;

// The one check of each kind of value: ApplyValue runs it on a parsed value,
// CheckValue on a value already in a configuration.
Status IntOutOfRange(const IntField& f) {
  return InvalidArgument("expected " + DescribeNumber("an integer", f.range));
}
Status DoubleOutOfRange(const DoubleField& f) {
  return InvalidArgument("expected " + DescribeNumber("a number", f.range));
}
Status CheckInt(const IntField& f, int64_t v) {
  return InRange(static_cast<double>(v), f.range) ? Status::Ok() : IntOutOfRange(f);
}
Status CheckDouble(const DoubleField& f, double v) {
  return std::isfinite(v) && InRange(v, f.range) ? Status::Ok() : DoubleOutOfRange(f);
}
Status CheckString(const StringField& f, std::string_view value) {
  return f.non_empty && value.empty() ? InvalidArgument("expected a non-empty value") : Status::Ok();
}
Status CheckName(const KeySpec& spec, const NameField& f, std::string_view value) {
  bool valid = value.size() <= f.max_length && value != "." && value != ".." &&
               std::all_of(value.begin(), value.end(), IsNameChar);
  return valid ? Status::Ok() : InvalidArgument("expected " + AllowedValues(spec));
}
Status CheckSecret(const SecretField& f, std::string_view value) {
  if (f.text_max > 0) {
    const bool ok = !value.empty() && value.size() <= f.text_max &&
                    std::all_of(value.begin(), value.end(), [](char c) { return c > ' ' && c < 0x7f; });
    return ok ? Status::Ok()
              : InvalidArgument("expected 1-" + std::to_string(f.text_max) +
                                " printable ASCII characters, no space");
  }
  bool hex = value.size() % 2 == 0 && std::all_of(value.begin(), value.end(), IsHexDigit);
  if (!hex || value.size() < f.min_digits) {
    return InvalidArgument("expected an even number of hex digits, at least " + std::to_string(f.min_digits));
  }
  return Status::Ok();
}

}  // namespace

const std::vector<KeySpec>& KeyTable() {
  static const std::vector<KeySpec> table = MakeKeyTable();
  return table;
}

const KeySpec* FindKeySpec(std::string_view key) {
  for (const KeySpec& spec : KeyTable()) {
    if (spec.key == key) return &spec;
  }
  return nullptr;
}

std::string_view NearestKey(std::string_view key) {
  // Every key shares the prefix, so distances are measured after it; a key
  // typed without the prefix still finds its match.
  auto name_part = [](std::string_view k) {
    constexpr std::string_view kPrefix = "NETHICAL_";
    if (k.size() >= kPrefix.size() && EqualsIgnoreCase(k.substr(0, kPrefix.size()), kPrefix)) {
      k.remove_prefix(kPrefix.size());
    }
    return k;
  };
  std::string_view name = name_part(key);
  std::string_view best;
  size_t best_distance = std::numeric_limits<size_t>::max();
  for (const KeySpec& spec : KeyTable()) {
    std::string_view candidate = name_part(spec.key);
    // The distance is at least the difference in length: skip a candidate
    // that cannot be within 40% before paying for the quadratic distance
    // (an unknown name from the environment may be megabytes long).
    size_t longer = std::max(name.size(), candidate.size());
    size_t length_gap = longer - std::min(name.size(), candidate.size());
    if (length_gap * 5 > longer * 2) continue;
    size_t d = EditDistance(name, candidate);
    // A typo changes a few characters; beyond 40% of the name it is more
    // likely a different name altogether, and a suggestion would mislead.
    if (d < best_distance && d * 5 <= std::max(name.size(), candidate.size()) * 2) {
      best_distance = d;
      best = spec.key;
    }
  }
  return best;
}

Status ApplyValue(const KeySpec& spec, std::string_view value, EngineConfig& config) {
  return std::visit(Overloaded{
                        [&](const BoolField& f) -> Status {
                          std::optional<bool> b = ParseBool(value);
                          if (!b)
                            return InvalidArgument("expected a boolean: true/false, 1/0, yes/no or on/off");
                          f.field(config) = *b;
                          return Status::Ok();
                        },
                        [&](const IntField& f) -> Status {
                          std::optional<int64_t> v = ParseWhole<int64_t>(value);
                          if (!v) return IntOutOfRange(f);
                          if (Status s = CheckInt(f, *v); !s.ok()) return s;
                          f.field(config) = *v;
                          return Status::Ok();
                        },
                        [&](const DoubleField& f) -> Status {
                          std::optional<double> v = ParseWhole<double>(value);
                          if (!v) return DoubleOutOfRange(f);
                          if (Status s = CheckDouble(f, *v); !s.ok()) return s;
                          f.field(config) = *v;
                          return Status::Ok();
                        },
                        [&](const EnumField& f) -> Status {
                          for (size_t i = 0; i < f.names.size(); ++i) {
                            if (EqualsIgnoreCase(value, f.names[i])) {
                              f.set(config, static_cast<int>(i));
                              return Status::Ok();
                            }
                          }
                          return InvalidArgument("expected one of " + AllowedValues(spec));
                        },
                        [&](const StringField& f) -> Status {
                          if (Status s = CheckString(f, value); !s.ok()) return s;
                          f.field(config) = std::string(value);
                          return Status::Ok();
                        },
                        [&](const NameField& f) -> Status {
                          if (Status s = CheckName(spec, f, value); !s.ok()) return s;
                          f.field(config) = std::string(value);
                          return Status::Ok();
                        },
                        [&](const SecretField& f) -> Status {
                          if (Status s = CheckSecret(f, value); !s.ok()) return s;
                          f.field(config) = std::string(value);
                          return Status::Ok();
                        },
                    },
                    spec.field);
}

Status CheckValue(const KeySpec& spec, EngineConfig& config) {
  return std::visit(Overloaded{
                        [&](const BoolField&) { return Status::Ok(); },
                        [&](const IntField& f) { return CheckInt(f, f.field(config)); },
                        [&](const DoubleField& f) { return CheckDouble(f, f.field(config)); },
                        [&](const EnumField& f) {
                          int v = f.get(config);
                          return v >= 0 && static_cast<size_t>(v) < f.names.size()
                                     ? Status::Ok()
                                     : InvalidArgument("expected one of " + AllowedValues(spec));
                        },
                        [&](const StringField& f) { return CheckString(f, f.field(config)); },
                        [&](const NameField& f) { return CheckName(spec, f, f.field(config)); },
                        [&](const SecretField& f) {
                          const std::string& hex = f.field(config);
                          return hex.empty() ? Status::Ok() : CheckSecret(f, hex);
                        },
                    },
                    spec.field);
}

std::string FormatValue(const KeySpec& spec, EngineConfig& config) {
  return std::visit(
      Overloaded{
          [&](const BoolField& f) -> std::string { return f.field(config) ? "true" : "false"; },
          [&](const IntField& f) { return std::to_string(f.field(config)); },
          [&](const DoubleField& f) { return FormatNumber(f.field(config)); },
          [&](const EnumField& f) {
            // A value added to the enum but not to the names
            // shows as its number rather than reading past them.
            int v = f.get(config);
            return v >= 0 && static_cast<size_t>(v) < f.names.size() ? std::string(f.names[v])
                                                                     : std::to_string(v);
          },
          [&](const StringField& f) { return f.field(config); },
          [&](const NameField& f) { return f.field(config); },
          [&](const SecretField& f) -> std::string { return f.field(config).empty() ? "" : "<set>"; },
      },
      spec.field);
}

std::string DisplayValue(const KeySpec& spec, std::string_view value) {
  return std::holds_alternative<SecretField>(spec.field) ? "<redacted>" : ShownValue(value);
}

double NumericValue(const KeySpec& spec, EngineConfig& config) {
  if (const auto* f = std::get_if<IntField>(&spec.field)) return static_cast<double>(f->field(config));
  return std::get<DoubleField>(spec.field).field(config);
}

std::string_view KindName(const KeySpec& spec) {
  static constexpr std::string_view kNames[] = {"bool", "int", "number", "enum", "string", "name", "secret"};
  static_assert(std::size(kNames) == std::variant_size_v<FieldSpec>);
  return kNames[spec.field.index()];
}

std::string AllowedValues(const KeySpec& spec) {
  return std::visit(
      Overloaded{
          [](const BoolField&) -> std::string { return "true|false (also 1/0, yes/no, on/off)"; },
          [](const IntField& f) { return DescribeRange(f.range); },
          [](const DoubleField& f) { return DescribeRange(f.range); },
          [](const EnumField& f) {
            std::string names;
            for (std::string_view n : f.names) {
              if (!names.empty()) names += '|';
              names += n;
            }
            return names;
          },
          [](const StringField& f) -> std::string { return f.non_empty ? "non-empty text" : "text"; },
          [](const NameField& f) {
            return "empty, or 1-" + std::to_string(f.max_length) +
                   " characters from [A-Za-z0-9._-], not '.' or '..'";
          },
          [](const SecretField& f) {
            return f.text_max > 0
                       ? "1-" + std::to_string(f.text_max) + " printable ASCII characters, no space"
                       : "hex, at least " + std::to_string(f.min_digits) + " digits";
          },
      },
      spec.field);
}

}  // namespace nethical
