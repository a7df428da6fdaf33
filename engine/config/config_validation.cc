#include "engine/config/config_validation.h"

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

#include "engine/base/shown_value.h"
#include "engine/config/key_table.h"
#include "engine/residency/residency_checker.h"
#include "engine/shared_state/redis_url.h"
#include "engine/taxonomy/ethical_taxonomy.h"

namespace nethical {
namespace {

size_t IndexOf(const KeySpec& spec) { return static_cast<size_t>(&spec - KeyTable().data()); }

std::string Number(double v) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", v);
  return text;
}

// Every key's value, then the rules between keys, of one configuration.
class ConfigRules {
 public:
  // origins: empty, or the origin of each key's value (KeyTable order).
  ConfigRules(const EngineConfig& config, std::span<const std::string_view> origins)
      : config_(config), origins_(origins) {}

  Status Check() {
    for (const KeySpec& spec : KeyTable()) {
      if (Status s = CheckValue(spec, config_); !s.ok())
        return InvalidArgument(Describe(spec) + ": " + s.message());
    }
    return CheckCrossKeyRules();
  }

 private:
  Status CheckCrossKeyRules() {
    // Each pair must increase (strict), or at least not decrease.
    struct Ordered {
      std::string_view lesser, greater;
      bool strict;
      std::string_view why;
    };
    static constexpr Ordered kOrdered[] = {
        {"NETHICAL_GRAY_ZONE_LOWER", "NETHICAL_GRAY_ZONE_UPPER", true, "the gray zone must not be empty"},
        {"NETHICAL_RISK_NORMAL_THRESHOLD", "NETHICAL_RISK_HIGH_THRESHOLD", true,
         "risk tier thresholds must increase"},
        {"NETHICAL_RISK_HIGH_THRESHOLD", "NETHICAL_RISK_ELEVATED_THRESHOLD", true,
         "risk tier thresholds must increase"},
        {"NETHICAL_QUOTA_THROTTLE_THRESHOLD", "NETHICAL_QUOTA_BLOCK_THRESHOLD", true,
         "quota use must reach throttling before blocking"},
        {"NETHICAL_SLA_P95_MS", "NETHICAL_SLA_P99_MS", false,
         "the p99 latency target must not be below the p95 one"},
        {"NETHICAL_CORRELATION_ENTROPY_MIN_MEAN", "NETHICAL_CORRELATION_ENTROPY_MAX_MEAN", false,
         "the payload_entropy_shift band must not be empty"},
        {"NETHICAL_QUARANTINE_DURATION_SECONDS", "NETHICAL_QUARANTINE_MAX_DURATION_SECONDS", false,
         "an automatic quarantine must not outlast the longest one allowed"},
    };
    for (const Ordered& rule : kOrdered) {
      const KeySpec& lesser = Spec(rule.lesser);
      const KeySpec& greater = Spec(rule.greater);
      const double low = NumericValue(lesser, config_), high = NumericValue(greater, config_);
      if (rule.strict && !(low < high))
        return InvalidArgument(Describe(lesser) + " must be < " + Describe(greater) + ": " +
                               std::string(rule.why));
      if (!rule.strict && !(low <= high))
        return InvalidArgument(Describe(greater) + " must be >= " + Describe(lesser) + ": " +
                               std::string(rule.why));
    }

    const AnomalyConfig& anomaly = config_.anomaly;
    const double baseline_windows = AnomalyConfig::kMinBaselineWindows + 1;
    const double shortest_baseline = baseline_windows * anomaly.frequency_window_seconds;
    if (!(anomaly.frequency_baseline_seconds > shortest_baseline)) {
      return InvalidArgument(
          Describe(Spec("NETHICAL_ANOMALY_FREQUENCY_BASELINE_SECONDS")) + " must be > " +
          Number(baseline_windows) + " x " + Describe(Spec("NETHICAL_ANOMALY_FREQUENCY_WINDOW_SECONDS")) +
          " = " + Number(shortest_baseline) +
          ": the baseline is the baseline window minus a middle window of " +
          Number(AnomalyConfig::kMinBaselineWindows) + " short ones, and must hold a short window's weight");
    }

    const KeySpec& rule_weight = Spec("NETHICAL_RULE_WEIGHT");
    const KeySpec& ml_weight = Spec("NETHICAL_ML_WEIGHT");
    double sum = NumericValue(rule_weight, config_) + NumericValue(ml_weight, config_);
    // The small slack keeps 0.71 + 0.3 (binary 1.0100000000000000089) inside.
    if (std::fabs(sum - 1.0) > 0.01 + 1e-12) {
      return InvalidArgument(Describe(rule_weight) + " + " + Describe(ml_weight) + " = " + Number(sum) +
                             ": the blend weights must sum to 1 +- 0.01");
    }

    if (!config_.privacy.token_key_hex.empty() && !config_.privacy.token_key_file.empty()) {
      return InvalidArgument(Describe(Spec("NETHICAL_TOKEN_KEY")) + " and " +
                             Describe(Spec("NETHICAL_TOKEN_KEY_FILE")) +
                             ": set only one source of the token key");
    }

    if (config_.shadow.enabled && config_.shadow.model == ShadowModel::kHeuristic &&
        !config_.shadow.model_file.empty()) {
      return InvalidArgument(Describe(Spec("NETHICAL_SHADOW_MODEL_FILE")) +
                             " is only read by the logistic model, but " +
                             Describe(Spec("NETHICAL_SHADOW_MODEL")));
    }

    if (!config_.quota.shared_state_user.empty() && config_.quota.shared_state_password.empty())
      return InvalidArgument(Describe(Spec("NETHICAL_SHARED_STATE_USER")) + " needs " +
                             Describe(Spec("NETHICAL_SHARED_STATE_PASSWORD")) +
                             ": AUTH takes the user's password");
    if (!config_.quota.shared_state.empty()) {
      if (StatusOr<shared_state::RedisAddress> a = shared_state::ParseRedisUrl(config_.quota.shared_state);
          !a.ok())
        return InvalidArgument(Describe(Spec("NETHICAL_SHARED_STATE")) + ": " + a.status().message());
      if (config_.quota.mode == QuotaMode::kCompat)
        return InvalidArgument(Describe(Spec("NETHICAL_SHARED_STATE")) + " shares token buckets only, but " +
                               Describe(Spec("NETHICAL_QUOTA_MODE")));
    }

    if (Status s = CheckStageRules(); !s.ok()) return s;

    for (const auto& [on, key] : {std::pair{config_.risk.shared, "NETHICAL_SHARED_RISK"},
                                  std::pair{config_.quarantine.shared, "NETHICAL_SHARED_QUARANTINE"}}) {
      if (on && config_.quota.shared_state.empty())
        return InvalidArgument(Describe(Spec(key)) + " needs the server: set " +
                               Describe(Spec("NETHICAL_SHARED_STATE")) + " to " +
                               std::string(shared_state::kRedisUrlForm));
    }

    if (config_.blend.enabled && config_.blend.source == BlendSource::kShadowScore &&
        !config_.shadow.enabled) {
      return InvalidArgument(Describe(Spec("NETHICAL_BLEND_SOURCE")) + " needs the shadow model, but " +
                             Describe(Spec("NETHICAL_ENABLE_SHADOW_MODE")));
    }
    return Status::Ok();
  }

  // Quarantine, taxonomy, residency: a switch that needs another one, then
  // each stage's own rules between its keys.
  Status CheckStageRules() {
    struct Needs {
      bool on;
      std::string_view key, needed;
      bool needed_on;
    };
    const Needs needs[] = {
        {config_.quarantine.enforce, "NETHICAL_QUARANTINE_ENFORCE", "NETHICAL_ENABLE_QUARANTINE",
         config_.quarantine.enabled},
        {config_.quarantine.on_critical_anomaly, "NETHICAL_QUARANTINE_ON_CRITICAL_ANOMALY",
         "NETHICAL_ENABLE_QUARANTINE", config_.quarantine.enabled},
        {config_.quarantine.on_critical_anomaly, "NETHICAL_QUARANTINE_ON_CRITICAL_ANOMALY",
         "NETHICAL_ENABLE_ANOMALY_DETECTION", config_.anomaly.enabled},
        {config_.quarantine.on_terminate, "NETHICAL_QUARANTINE_ON_TERMINATE", "NETHICAL_ENABLE_QUARANTINE",
         config_.quarantine.enabled},
        {config_.quarantine.shared, "NETHICAL_SHARED_QUARANTINE", "NETHICAL_ENABLE_QUARANTINE",
         config_.quarantine.enabled},
        {config_.residency.enforce, "NETHICAL_DATA_RESIDENCY_ENFORCE", "NETHICAL_DATA_RESIDENCY_POLICY",
         !config_.residency.policy.empty()},
        {!residency::SplitRegionList(config_.residency.allowed_regions).empty(), "NETHICAL_ALLOWED_REGIONS",
         "NETHICAL_DATA_RESIDENCY_POLICY", !config_.residency.policy.empty()},
    };
    for (const Needs& n : needs) {
      if (n.on && !n.needed_on)
        return InvalidArgument(Describe(Spec(n.key)) + " has no effect without " + std::string(n.needed) +
                               ", but " + Describe(Spec(n.needed)));
    }
    if (Status s = CheckTaxonomyFile(); !s.ok()) return s;
    return CheckResidency();
  }

  // The taxonomy file is loaded here as the engine will load it, so a
  // missing or malformed file is refused naming the key (the engine's own
  // Load names the file only).
  Status CheckTaxonomyFile() {
    if (!config_.taxonomy.enabled || config_.taxonomy.file.path.empty()) return Status::Ok();
    StatusOr<std::unique_ptr<taxonomy::EthicalTaxonomy>> loaded =
        taxonomy::EthicalTaxonomy::Load(config_.taxonomy.file, Describe(Spec("NETHICAL_TAXONOMY_PATH")));
    if (loaded.ok()) return Status::Ok();
    if (loaded.status().code() == StatusCode::kNotFound)
      return InvalidArgument(loaded.status().message() + " (unset it to use the shipped taxonomy)");
    return InvalidArgument(loaded.status().message());
  }

  // A residency policy names one of residency::Policy and needs the engine's
  // region; the regions it compares are residency::IsRegionId.
  Status CheckResidency() {
    const ResidencySection& r = config_.residency;
    if (r.policy.empty()) return Status::Ok();
    const KeySpec& policy = Spec("NETHICAL_DATA_RESIDENCY_POLICY");
    if (!residency::PolicyFromName(r.policy)) {
      std::string names;
      for (int i = 0; i < residency::kPolicyCount; ++i) {
        if (i > 0) names += i + 1 < residency::kPolicyCount ? ", " : " or ";
        names += residency::PolicyName(static_cast<residency::Policy>(i));
      }
      return InvalidArgument(Describe(policy) + ": must be " + names);
    }
    const KeySpec& region = Spec("NETHICAL_REGION_ID");
    if (config_.region_id.empty())
      return InvalidArgument(Describe(policy) + " needs " + Describe(region) +
                             ": the engine's region, to check transfers against");
    if (!residency::IsRegionId(config_.region_id))
      return InvalidArgument(Describe(region) + ": the residency check (" + Describe(policy) + ") needs " +
                             std::string(residency::kRegionIdForm));
    for (const std::string& allowed : residency::SplitRegionList(r.allowed_regions))
      if (!residency::IsRegionId(allowed))
        return InvalidArgument(Describe(Spec("NETHICAL_ALLOWED_REGIONS")) + ": " + ShownValue(allowed) +
                               ": each region must be " + std::string(residency::kRegionIdForm));
    return Status::Ok();
  }

  static const KeySpec& Spec(std::string_view key) { return *FindKeySpec(key); }

  // "NETHICAL_GRAY_ZONE_LOWER=0.7", with " (conf.env:3)" when origins are
  // known; a secret shows as "<set>"; values here may be file names, so they
  // are shown as long as paths.
  std::string Describe(const KeySpec& spec) {
    std::string text = std::string(spec.key) + "=" + ShownPath(FormatValue(spec, config_));
    if (!origins_.empty()) text += " (" + std::string(origins_[IndexOf(spec)]) + ")";
    return text;
  }

  EngineConfig config_;  // a copy: the table's accessors take a mutable config
  std::span<const std::string_view> origins_;
};

// A section is checked inside an otherwise default configuration, whose
// other sections are valid, so only its own keys and rules can fail.
template <typename Section>
Status ValidateSection(Section EngineConfig::*member, const Section& section) {
  EngineConfig config;
  config.*member = section;
  return Validate(config);
}

}  // namespace

Status Validate(const EngineConfig& config) { return ConfigRules(config, {}).Check(); }

Status ValidateWithOrigins(const EngineConfig& config, std::span<const std::string_view> origins) {
  return ConfigRules(config, origins).Check();
}

Status Validate(const QuotaConfig& section) { return ValidateSection(&EngineConfig::quota, section); }
Status Validate(const PrivacyConfig& section) { return ValidateSection(&EngineConfig::privacy, section); }
Status Validate(const DetectConfig& section) { return ValidateSection(&EngineConfig::detect, section); }
Status Validate(const RiskConfig& section) { return ValidateSection(&EngineConfig::risk, section); }
Status Validate(const ShadowConfig& section) { return ValidateSection(&EngineConfig::shadow, section); }
Status Validate(const BlendConfig& section) { return ValidateSection(&EngineConfig::blend, section); }
Status Validate(const AnomalyConfig& section) { return ValidateSection(&EngineConfig::anomaly, section); }
Status Validate(const AuditConfig& section) { return ValidateSection(&EngineConfig::audit, section); }
Status Validate(const TaxonomySection& section) { return ValidateSection(&EngineConfig::taxonomy, section); }
Status Validate(const SlaSection& section) { return ValidateSection(&EngineConfig::sla, section); }
Status Validate(const CorrelationSection& section) {
  return ValidateSection(&EngineConfig::correlation, section);
}
Status Validate(const QuarantineSection& section) {
  return ValidateSection(&EngineConfig::quarantine, section);
}

}  // namespace nethical
