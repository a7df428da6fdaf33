// Validate: the one check of a configuration. Every rule lives here or in
// the key table (key_table.cc): each key's range, and the rules between keys
// (blend weights summing to 1, increasing thresholds, ...). ConfigBuilder
// runs it in Build(); Engine::Create runs it on whatever it is given; a
// program or test that fills in a section by hand runs it before handing the
// section to a stage:
//
//   QuotaConfig quota;
//   quota.requests_per_second = rps;
//   if (Status s = Validate(quota); !s.ok()) return s;  // "NETHICAL_REQUESTS_PER_SECOND=0: expected a number
//   > 0" quota::QuotaEnforcer enforcer(quota, clock);
//
// Stages never re-check their section: their constructors state
// "REQUIRES: Validate(section).ok()".
//
// An error names the key, its value (ShownValue/ShownPath, secrets as
// "<set>") and what is allowed, in the words ConfigBuilder uses.
#pragma once

#include <span>
#include <string_view>

#include "engine/base/status.h"
#include "engine/config/engine_config.h"

namespace nethical {

// Every key of every section, the engine-wide keys, and every rule between keys.
Status Validate(const EngineConfig& config);

// One section: its keys and the rules among them. Rules that tie a section to
// another (the shadow blend source needs shadow mode) are checked by
// Validate(EngineConfig) only.
Status Validate(const QuotaConfig& section);
Status Validate(const PrivacyConfig& section);
Status Validate(const DetectConfig& section);
Status Validate(const RiskConfig& section);
Status Validate(const ShadowConfig& section);
Status Validate(const BlendConfig& section);
Status Validate(const AnomalyConfig& section);
Status Validate(const AuditConfig& section);
Status Validate(const TaxonomySection& section);
Status Validate(const SlaSection& section);
Status Validate(const CorrelationSection& section);
Status Validate(const QuarantineSection& section);

// Validate(config) for ConfigBuilder::Build: each key named in an error is
// followed by where its value came from, "NETHICAL_ML_WEIGHT=0.5 (conf.env:3)".
// origins[i] is the origin of KeyTable()[i].
Status ValidateWithOrigins(const EngineConfig& config, std::span<const std::string_view> origins);

}  // namespace nethical
