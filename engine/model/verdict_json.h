// Renders a Verdict as one line of JSON (no trailing newline).
//
// Keys come in a fixed order and follow the original's process_action result
// (§2.3 step 7) where it has a name for the thing:
//   agent_id, action_id, timestamp (UTC ISO 8601, microseconds, "+00:00"),
//   region_id, logical_domain, decision, violation_detected,
//   violations [{violation_type, severity, severity_level, confidence,
//                detector_name, description}],
//   reasoning (the reasons joined by "; "), confidence, rejected_input,
//   quota_enforcement {decision, reason, backpressure_level} | null,
//   pii_detection {matches_count, pii_risk_score, pii_types} | null,
//   phase3 {risk_score, risk_tier} (risk_tier null if risk was not assessed),
//   phase4 {merkle: {leaf_index}} (only "merkle": null when audit is off),
//   phase567 {shadow, blended, anomaly_alert} (each null when absent);
//   shadow {ml_risk_score, ml_classification, confidence, scores_agree,
//           classifications_agree, rule_risk_score, rule_classification,
//           features {name: value}} (the last three: the model's input and
//           label, what `nethical shadow train` reads).
// severity is the name ("high"); severity_level is the original's integer
// 1..5. Strings with invalid UTF-8 are rendered with U+FFFD. Never throws.
#pragma once

#include <string>

#include "engine/model/verdict.h"

namespace nethical {

std::string VerdictToJson(const Verdict& v);

}  // namespace nethical
