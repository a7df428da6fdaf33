// An action of an AI agent, as the engine screens it. Only agent_id and text
// are required; everything else has a neutral default.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nethical {

enum class ActionType {
  kQuery,
  kResponse,
  kFunctionCall,
  kDataAccess,
  kModelUpdate,
  kSystemCommand,
  kExternalApi,
};
inline constexpr int kActionTypeCount = 7;
static_assert(static_cast<int>(ActionType::kExternalApi) + 1 == kActionTypeCount);

// "query", "response", "function_call", ... (lower snake case, as in the
// original's ActionType values).
std::string_view ActionTypeName(ActionType t);
// Case-insensitive; nullopt for an unknown name.
std::optional<ActionType> ParseActionType(std::string_view name);

// The caller's rule-based classification (the original's "pass"/"warn"/"deny";
// "allow" is accepted as a synonym of "pass").
enum class RuleClass { kPass, kWarn, kDeny };
std::string_view RuleClassName(RuleClass c);
std::optional<RuleClass> ParseRuleClass(std::string_view name);

// Context flags the caller may assert about the action.
struct ActionContext {
  bool is_privileged = false;  // raises behaviour risk (original: x1.5)
  bool is_automated = false;   // raises behaviour risk (original: x1.2)
  bool authorized = false;     // a privileged action without it is rejected
  // Ethical-taxonomy adjustments (engine/taxonomy): sensitive and
  // personal_data raise privacy, is_automated fairness, is_privileged safety.
  bool sensitive = false;
  bool personal_data = false;
};

struct Action {
  std::string agent_id;
  std::string action_id;
  std::string cohort;
  std::string region_id;       // empty: the engine's configured region
  std::string logical_domain;  // empty: the engine's configured domain
  ActionType type = ActionType::kQuery;
  std::string text;  // UTF-8 bytes (validated by the engine)
  // What the action touches (a table, an endpoint): the correlation
  // engine's distributed_reconnaissance counts distinct targets. Empty: none.
  std::string target;
  // Named numeric features, e.g. {"ml_score", 0.3}. Few, so a vector.
  std::vector<std::pair<std::string, double>> features;
  std::optional<double> rule_risk_score;
  std::optional<RuleClass> rule_classification;
  ActionContext context;

  // The value of feature `name`, if present.
  std::optional<double> Feature(std::string_view name) const {
    for (const auto& [k, v] : features)
      if (k == name) return v;
    return std::nullopt;
  }
};

}  // namespace nethical
