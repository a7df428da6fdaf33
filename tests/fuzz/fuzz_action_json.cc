// Fuzzes ParseActionJson (engine/model/action_json.h) with one JSONL line.
// Invariants beyond "does not crash":
//   * an accepted action has a non-empty agent_id, and its strings are
//     valid UTF-8;
//   * features and rule_risk_score are finite, the score within [0, 1];
//   * writing the accepted action back as JSON and parsing it again gives
//     the same action (a round trip);
//   * a rejection is InvalidArgument with a one-line message;
//   * the parser is deterministic.
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "engine/model/action_json.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using nethical::Action;

std::string ToJson(const Action& a) {
  nlohmann::json j;
  j["agent_id"] = a.agent_id;
  j["text"] = a.text;
  j["action_id"] = a.action_id;
  j["cohort"] = a.cohort;
  j["region_id"] = a.region_id;
  j["logical_domain"] = a.logical_domain;
  j["action_type"] = std::string(nethical::ActionTypeName(a.type));
  nlohmann::json features = nlohmann::json::object();
  for (const auto& [name, value] : a.features) features[name] = value;
  j["features"] = features;
  if (a.rule_risk_score) j["rule_risk_score"] = *a.rule_risk_score;
  if (a.rule_classification)
    j["rule_classification"] = std::string(nethical::RuleClassName(*a.rule_classification));
  j["context"] = {{"is_privileged", a.context.is_privileged},
                  {"is_automated", a.context.is_automated},
                  {"authorized", a.context.authorized}};
  return j.dump();
}

bool SameAction(const Action& a, const Action& b) {
  return a.agent_id == b.agent_id && a.text == b.text && a.action_id == b.action_id && a.cohort == b.cohort &&
         a.region_id == b.region_id && a.logical_domain == b.logical_domain && a.type == b.type &&
         a.features == b.features && a.rule_risk_score == b.rule_risk_score &&
         a.rule_classification == b.rule_classification &&
         a.context.is_privileged == b.context.is_privileged &&
         a.context.is_automated == b.context.is_automated && a.context.authorized == b.context.authorized;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using nethical::fuzz::IsOneLineMessage;
  using nethical::fuzz::IsValidUtf8;
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  nethical::StatusOr<Action> parsed = nethical::ParseActionJson(line);
  nethical::StatusOr<Action> again = nethical::ParseActionJson(line);
  FUZZ_CHECK(parsed.ok() == again.ok(), "parsing the same line twice gave different outcomes");

  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.status().code() == nethical::StatusCode::kInvalidArgument,
               "a rejected action must be InvalidArgument");
    FUZZ_CHECK(IsOneLineMessage(parsed.status().message()),
               "error message is not one line: " + parsed.status().message());
    FUZZ_CHECK(parsed.status().message().size() <= 1024,
               "error message is unbounded (" + std::to_string(parsed.status().message().size()) + " bytes)");
    return 0;
  }
  const Action& a = *parsed;
  FUZZ_CHECK(!a.agent_id.empty(), "accepted an action with an empty agent_id");
  for (const std::string* s :
       {&a.agent_id, &a.text, &a.action_id, &a.cohort, &a.region_id, &a.logical_domain})
    FUZZ_CHECK(IsValidUtf8(*s), "accepted a string that is not valid UTF-8");
  for (const auto& [name, value] : a.features) {
    FUZZ_CHECK(IsValidUtf8(name), "accepted a feature name that is not valid UTF-8");
    FUZZ_CHECK(std::isfinite(value), "accepted a non-finite feature " + name);
  }
  if (a.rule_risk_score)
    FUZZ_CHECK(*a.rule_risk_score >= 0.0 && *a.rule_risk_score <= 1.0, "rule_risk_score outside [0, 1]");

  std::string json;
  try {
    json = ToJson(a);
  } catch (const nlohmann::json::exception& e) {
    FUZZ_CHECK(false, std::string("an accepted action cannot be written back as JSON: ") + e.what());
  }
  nethical::StatusOr<Action> round = nethical::ParseActionJson(json);
  FUZZ_CHECK(round.ok(), "the action written back does not parse: " +
                             (round.ok() ? std::string() : round.status().message()));
  FUZZ_CHECK(SameAction(a, *round), "round trip changed the action: " + json);
  FUZZ_CHECK(SameAction(*again, a), "parsing the same line twice gave different actions");
  return 0;
}
