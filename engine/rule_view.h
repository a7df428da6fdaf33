// The rule engine's view of an action, as the heavy tier (ML shadow, blend,
// anomaly) compares against it. The caller's own rule_risk_score,
// rule_classification and named features win; what the caller left out is
// derived from the verdict the rule stages produced. (The original ran its
// heavy tier only when the caller supplied all of them, so it never ran on
// plain traffic.)
#pragma once

#include "engine/model/action.h"
#include "engine/model/verdict.h"
#include "engine/shadow/shadow_input.h"

namespace nethical {

// action.rule_risk_score, else the verdict's risk score.
double RuleRisk(const Action& action, const Verdict& v);

// action.rule_classification, else from the decision: ALLOW -> pass;
// ALLOW_WITH_MODIFICATION, WARN -> warn; BLOCK and harder -> deny.
RuleClass RuleClassOf(const Action& action, const Verdict& v);

// Features "violation_count", "severity_max", "recency", "frequency",
// "context_risk" from action.features; absent ones derived where the verdict
// knows them: violation_count = min(1, violations / 3), severity_max = highest
// severity / 5, context_risk = max(PII risk, quota backpressure). recency and
// frequency come only from the caller. Views point into `action`.
shadow::ShadowInput ShadowInputFor(const Action& action, const Verdict& v);

}  // namespace nethical
