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

// The engine's own rule decision as a class: ALLOW -> pass;
// ALLOW_WITH_MODIFICATION, WARN -> warn; BLOCK, QUARANTINE, ESCALATE,
// TERMINATE -> deny. The shadow's label: a caller's rule_classification is
// never used for it (the load generator's was random, unrelated to the text).
RuleClass RuleClassOfDecision(Decision d);

// The agent's recent history as the engine tracks it (risk_model.h:
// violation_recency, violation_frequency).
struct AgentHistory {
  double recency = 0.0;
  double frequency = 0.0;
};

// Features "violation_count", "severity_max", "recency", "frequency",
// "context_risk" from action.features; absent ones derived by the engine:
// violation_count = min(1, violations / 3), severity_max = highest severity /
// 5, context_risk = max(PII risk, quota backpressure), recency and frequency
// from `history`. The label is RuleClassOfDecision(v.decision) and rule_risk
// the engine's risk score (v.risk_score), whatever the caller sent.
// Views point into `action`.
shadow::ShadowInput ShadowInputFor(const Action& action, const Verdict& v, const AgentHistory& history);

}  // namespace nethical
