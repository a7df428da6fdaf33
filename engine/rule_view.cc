#include "engine/rule_view.h"

#include <algorithm>

namespace nethical {

double RuleRisk(const Action& action, const Verdict& v) {
  return action.rule_risk_score.value_or(v.risk_score);
}

RuleClass RuleClassOfDecision(Decision d) {
  switch (d) {
    case Decision::kAllow:
      return RuleClass::kPass;
    case Decision::kAllowWithModification:
    case Decision::kWarn:
      return RuleClass::kWarn;
    default:
      return RuleClass::kDeny;
  }
}

shadow::ShadowInput ShadowInputFor(const Action& action, const Verdict& v, const AgentHistory& history) {
  shadow::ShadowInput in;
  int max_severity = 0;
  for (const Violation& x : v.violations) max_severity = std::max(max_severity, static_cast<int>(x.severity));
  double context = std::max(v.pii ? v.pii->risk : 0.0, v.quota ? v.quota->backpressure : 0.0);

  in.violation_count =
      action.Feature("violation_count").value_or(std::min(1.0, static_cast<double>(v.violations.size()) / 3));
  in.severity_max = action.Feature("severity_max").value_or(max_severity / 5.0);
  in.recency = action.Feature("recency").value_or(history.recency);
  in.frequency = action.Feature("frequency").value_or(history.frequency);
  in.context_risk = action.Feature("context_risk").value_or(context);
  in.rule_class = RuleClassOfDecision(v.decision);
  in.rule_risk = v.risk_score;
  in.agent_id = action.agent_id;
  in.action_id = action.action_id;
  in.wall_nanos = v.timestamp_ns;
  return in;
}

}  // namespace nethical
