#include "engine/model/action.h"

#include <array>
#include <cctype>

namespace nethical {
namespace {

constexpr std::array<std::string_view, kActionTypeCount> kTypeNames = {
    "query", "response", "function_call", "data_access", "model_update", "system_command", "external_api"};
static_assert(!kTypeNames.back().empty(), "a name for every ActionType");

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != b[i]) return false;
  return true;
}

}  // namespace

std::string_view ActionTypeName(ActionType t) { return kTypeNames[static_cast<int>(t)]; }

std::optional<ActionType> ParseActionType(std::string_view name) {
  for (int i = 0; i < kActionTypeCount; ++i)
    if (EqualsIgnoreCase(name, kTypeNames[i])) return static_cast<ActionType>(i);
  return std::nullopt;
}

std::string_view RuleClassName(RuleClass c) {
  switch (c) {
    case RuleClass::kPass:
      return "pass";
    case RuleClass::kWarn:
      return "warn";
    case RuleClass::kDeny:
      return "deny";
  }
  return "pass";
}

std::optional<RuleClass> ParseRuleClass(std::string_view name) {
  if (EqualsIgnoreCase(name, "pass") || EqualsIgnoreCase(name, "allow")) return RuleClass::kPass;
  if (EqualsIgnoreCase(name, "warn")) return RuleClass::kWarn;
  if (EqualsIgnoreCase(name, "deny") || EqualsIgnoreCase(name, "block")) return RuleClass::kDeny;
  return std::nullopt;
}

}  // namespace nethical
