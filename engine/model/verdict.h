// What the engine decides about an action, and what each stage saw on the way
// (the original's process_action result, §2.3 step 7, as a struct). A stage
// that is disabled leaves its optional empty. JSON rendering: verdict_json.h.
//
// Every class, tier, severity and kind is an enum; its name is produced only
// where output is written (JSON, CSV, console), by the one *Name function
// declared beside it (verdict.cc, action.cc).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/correlation/correlation_engine.h"  // CorrelationMatch
#include "engine/model/action.h"                    // RuleClass
#include "engine/residency/residency_checker.h"     // ResidencyResult
#include "engine/taxonomy/ethical_taxonomy.h"       // EthicalTags

namespace nethical {

// Ordered by how hard the outcome is on the agent.
enum class Decision {
  kAllow,
  kAllowWithModification,
  kWarn,
  kBlock,
  kQuarantine,
  kEscalate,
  kTerminate,
};
std::string_view DecisionName(Decision d);  // "ALLOW", "ALLOW_WITH_MODIFICATION", ...

// The original's integer severities 1..5.
enum class Severity { kLow = 1, kMedium = 2, kHigh = 3, kCritical = 4, kEmergency = 5 };
std::string_view SeverityName(Severity s);  // "low", "medium", "high", "critical", "emergency"

// `type` and `detector` name fixed categories and detectors: they view
// static storage (string literals), so recording or copying a violation
// allocates nothing for them. `description` is built per finding.
struct Violation {
  std::string_view type;  // "ethical", "safety", "privacy", "prompt_injection", ...
  Severity severity = Severity::kLow;
  double confidence = 0.0;    // 0..1
  std::string_view detector;  // e.g. "SafetyViolationDetector"
  std::string description;
};

enum class QuotaDecision { kAllow, kThrottle, kBlock };
std::string_view QuotaDecisionName(QuotaDecision d);  // "ALLOW", "THROTTLE", "BLOCK"

// An agent's risk tier, lowest first (risk_model.h decides it).
enum class RiskTier { kLow, kNormal, kHigh, kElevated };
inline constexpr int kRiskTierCount = 4;
static_assert(static_cast<int>(RiskTier::kElevated) + 1 == kRiskTierCount);
std::string_view RiskTierName(RiskTier t);  // "low" | "normal" | "high" | "elevated"

// An anomaly alert's severity: the original's info, warning and critical,
// written "low", "high" and "critical" (alert_severity.h says when).
enum class AlertSeverity { kInfo, kWarning, kCritical };
inline constexpr int kAlertSeverityCount = 3;
static_assert(static_cast<int>(AlertSeverity::kCritical) + 1 == kAlertSeverityCount);
std::string_view AlertSeverityName(AlertSeverity s);  // "low" | "high" | "critical"

// What an anomaly alert is about.
enum class AnomalyType { kFrequency, kSequence, kBehavioral, kDrift };
inline constexpr int kAnomalyTypeCount = 4;
static_assert(static_cast<int>(AnomalyType::kDrift) + 1 == kAnomalyTypeCount);
std::string_view AnomalyTypeName(AnomalyType t);  // "frequency" | "sequence" | "behavioral" | "drift"

struct QuotaOutcome {
  QuotaDecision decision = QuotaDecision::kAllow;
  std::string reason;         // empty unless BLOCK
  double backpressure = 0.0;  // max utilisation over the entities checked
};

// The kinds of personal data and secrets the redactor finds; which policy
// scans each kind and its risk weight: engine/redact/pii_type.h.
enum class PiiType {
  kEmail,
  kPhone,
  kSsn,
  kCreditCard,
  kIpAddress,
  kPassport,
  kDriverLicense,
  kDateOfBirth,
  kApiKey,        // sk-..., AKIA..., ghp_..., xox?-..., AIza...
  kBearerToken,   // "Bearer <token>" values and JWTs
  kPrivateKey,    // PEM private-key blocks
  kName,          // a name after "my name is" and similar phrases
  kAddress,       // a street address
  kAwsSecretKey,  // a 40-character AWS secret access key next to its key id or a "secret" word
};
inline constexpr int kPiiTypeCount = 14;
static_assert(static_cast<int>(PiiType::kAwsSecretKey) + 1 == kPiiTypeCount);
// The names that appear in findings, redaction markers ([REDACTED_EMAIL])
// and tokens ([EMAIL_<hex>]): "EMAIL", "PHONE", "SSN", "CREDIT_CARD",
// "IP_ADDRESS", "PASSPORT", "DRIVER_LICENSE", "DATE_OF_BIRTH", "API_KEY",
// "BEARER_TOKEN", "PRIVATE_KEY", "NAME", "ADDRESS", "AWS_SECRET_KEY".
std::string_view PiiTypeName(PiiType type);
// The inverse of PiiTypeName (for reading tokens back); nullopt for an unknown name.
std::optional<PiiType> PiiTypeFromName(std::string_view name);

struct PiiFinding {
  PiiType type = PiiType::kEmail;
  uint32_t start = 0;  // byte offsets into the original text, [start, end)
  uint32_t end = 0;
  double confidence = 0.0;
};

struct PiiOutcome {
  std::vector<PiiFinding> findings;
  double risk = 0.0;  // the original's 1 - 1/(1 + 0.5 * sum(weight * confidence))
};

struct ShadowOutcome {
  double ml_score = 0.0;
  RuleClass ml_class = RuleClass::kPass;
  double confidence = 0.0;
  bool scores_agree = false;
  bool classes_agree = false;
  // What the model was given, so that verdicts are a training set
  // (`nethical shadow train`, docs/shadow.md): the rule label (empty if
  // unknown), the rule risk it was compared with,
  // and the first feature_count entries of `features`: the features
  // present, clamped to [0, 1], in the model's order (names point to static
  // storage). A fixed array: scoring allocates nothing.
  static constexpr int kMaxFeatures = 5;  // the shadow's kShadowFeatureCount
  std::optional<RuleClass> rule_class;
  double rule_risk = 0.0;
  std::array<std::pair<std::string_view, double>, kMaxFeatures> features{};
  uint8_t feature_count = 0;
};

// Where the rule risk falls relative to the blender's gray zone.
enum class BlendZone { kClearAllow, kGray, kClearDeny };
std::string_view BlendZoneName(BlendZone z);  // "clear_allow" | "gray" | "clear_deny"

struct BlendOutcome {
  double blended_score = 0.0;
  BlendZone zone = BlendZone::kClearAllow;
  RuleClass blended_class = RuleClass::kPass;
  bool ml_influenced = false;  // the blend changed the class the rules gave
};

struct AnomalyAlert {
  AnomalyType type = AnomalyType::kFrequency;
  AlertSeverity severity = AlertSeverity::kInfo;
  std::string description;
};

struct AuditPosition {
  uint64_t index = 0;  // the record's leaf index in the region's log
};

// The quarantine lookup of the action's agent and cohort (engine/quarantine).
struct QuarantineOutcome {
  bool quarantined = false;
  bool enforced = false;  // the engine answered QUARANTINE and skipped the later stages
  std::string scope;      // "agent" | "cohort"; empty unless quarantined
  std::string reason;     // why it was quarantined; empty unless quarantined
};

struct Verdict {
  std::string agent_id;
  std::string action_id;
  int64_t timestamp_ns = 0;  // wall clock, when evaluation started
  std::string region_id;
  std::string logical_domain;

  Decision decision = Decision::kAllow;
  std::vector<std::string> reasons;  // why, one line each; empty for a plain ALLOW
  std::vector<Violation> violations;
  double confidence = 1.0;

  double risk_score = 0.0;
  std::optional<RiskTier> risk_tier;  // empty when evaluation stopped before the risk stage

  // True when the engine refused the input itself (empty agent id, invalid
  // UTF-8, NUL byte, oversized text): decision is BLOCK, reasons say why.
  bool rejected_input = false;

  // True when the audit log could not write the action's record (a write
  // error, e.g. a full disk): the engine fails closed, so decision is BLOCK
  // and `audit` is empty; Engine::Shutdown() returns the error.
  bool audit_failed = false;

  std::optional<QuotaOutcome> quota;
  std::optional<PiiOutcome> pii;
  std::optional<ShadowOutcome> shadow;
  std::optional<BlendOutcome> blended;
  std::optional<AnomalyAlert> anomaly;
  std::optional<AuditPosition> audit;
  // Empty when the stage is off (or evaluation stopped before it).
  std::optional<QuarantineOutcome> quarantine;
  std::optional<residency::ResidencyResult> data_residency;
  // Per dimension, the highest score over the action's violations; empty
  // when there is no violation.
  std::optional<taxonomy::EthicalTags> ethical_tags;
  // Patterns this action completed (informational).
  std::vector<correlation::CorrelationMatch> correlations;

  bool violation_detected() const { return !violations.empty(); }
};

}  // namespace nethical
