#include "engine/model/action_json.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/base/shown_value.h"

namespace nethical {
namespace {

using Json = nlohmann::json;

// nlohmann's parse error names the position and quotes the token read.
constexpr size_t kJsonErrorMaxBytes = 200;

// The member `key` of `obj`, or nullptr when absent or null.
const Json* Member(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  return &*it;
}

Status ReadString(const Json& obj, const char* key, bool required, std::string* out) {
  const Json* v = Member(obj, key);
  if (v == nullptr) {
    if (required) return InvalidArgument(std::string("field '") + key + "' is required (a string)");
    return Status::Ok();
  }
  if (!v->is_string())
    return InvalidArgument(std::string("field '") + key + "' must be a string, got " + v->type_name());
  *out = v->get_ref<const std::string&>();
  return Status::Ok();
}

Status ReadBool(const Json& obj, const char* key, bool* out) {
  const Json* v = Member(obj, key);
  if (v == nullptr) return Status::Ok();
  if (!v->is_boolean())
    return InvalidArgument(std::string("field 'context.") + key + "' must be a boolean, got " +
                           v->type_name());
  *out = v->get<bool>();
  return Status::Ok();
}

Status ReadFeatures(const Json& obj, Action* action) {
  const Json* v = Member(obj, "features");
  if (v == nullptr) return Status::Ok();
  if (!v->is_object())
    return InvalidArgument(std::string("field 'features' must be an object of numbers, got ") +
                           v->type_name());
  action->features.reserve(v->size());
  for (const auto& [name, value] : v->items()) {
    if (!value.is_number() || !std::isfinite(value.get<double>()))
      return InvalidArgument("field 'features." + ShownValue(name) + "' must be a finite number, got " +
                             ShownValue(value.dump()));
    action->features.emplace_back(name, value.get<double>());
  }
  return Status::Ok();
}

Status ReadFields(const Json& obj, Action* a) {
  Status s;
  if (!(s = ReadString(obj, "agent_id", true, &a->agent_id)).ok()) return s;
  if (a->agent_id.empty()) return InvalidArgument("field 'agent_id' must not be empty");
  if (!(s = ReadString(obj, "text", true, &a->text)).ok()) return s;
  if (!(s = ReadString(obj, "action_id", false, &a->action_id)).ok()) return s;
  if (!(s = ReadString(obj, "cohort", false, &a->cohort)).ok()) return s;
  if (!(s = ReadString(obj, "region_id", false, &a->region_id)).ok()) return s;
  if (!(s = ReadString(obj, "logical_domain", false, &a->logical_domain)).ok()) return s;
  if (!(s = ReadString(obj, "target", false, &a->target)).ok()) return s;

  std::string type_name;
  if (!(s = ReadString(obj, "action_type", false, &type_name)).ok()) return s;
  if (!type_name.empty()) {
    auto type = ParseActionType(type_name);
    if (!type)
      return InvalidArgument("field 'action_type' is '" + ShownValue(type_name) +
                             "'; allowed: query, response, function_call, data_access, "
                             "model_update, system_command, external_api");
    a->type = *type;
  }

  if (!(s = ReadFeatures(obj, a)).ok()) return s;

  if (const Json* v = Member(obj, "rule_risk_score")) {
    if (!v->is_number())
      return InvalidArgument(std::string("field 'rule_risk_score' must be a number in [0, 1], got ") +
                             v->type_name());
    double score = v->get<double>();
    if (!(score >= 0.0 && score <= 1.0))
      return InvalidArgument("field 'rule_risk_score' is " + ShownValue(v->dump()) + "; must be in [0, 1]");
    a->rule_risk_score = score;
  }

  std::string rule_class;
  if (!(s = ReadString(obj, "rule_classification", false, &rule_class)).ok()) return s;
  if (!rule_class.empty()) {
    auto c = ParseRuleClass(rule_class);
    if (!c)
      return InvalidArgument("field 'rule_classification' is '" + ShownValue(rule_class) +
                             "'; allowed: pass, allow, warn, deny, block");
    a->rule_classification = *c;
  }

  if (const Json* ctx = Member(obj, "context")) {
    if (!ctx->is_object())
      return InvalidArgument(std::string("field 'context' must be an object, got ") + ctx->type_name());
    if (!(s = ReadBool(*ctx, "is_privileged", &a->context.is_privileged)).ok()) return s;
    if (!(s = ReadBool(*ctx, "is_automated", &a->context.is_automated)).ok()) return s;
    if (!(s = ReadBool(*ctx, "authorized", &a->context.authorized)).ok()) return s;
    if (!(s = ReadBool(*ctx, "sensitive", &a->context.sensitive)).ok()) return s;
    if (!(s = ReadBool(*ctx, "personal_data", &a->context.personal_data)).ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

StatusOr<Action> ParseActionJson(std::string_view json_line) {
  // nlohmann reports syntax errors by exception; they stop here.
  Json obj;
  try {
    obj = Json::parse(json_line.begin(), json_line.end());
  } catch (const Json::exception& e) {
    // nlohmann quotes the offending token, which may be long: cut it.
    return InvalidArgument("invalid JSON: " + ShownValue(e.what(), kJsonErrorMaxBytes));
  }
  if (!obj.is_object())
    return InvalidArgument(std::string("an action must be a JSON object, got ") + obj.type_name());
  Action action;
  Status s = ReadFields(obj, &action);
  if (!s.ok()) return s;
  return action;
}

}  // namespace nethical
