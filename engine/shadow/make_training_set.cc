// make_training_set: writes the load generator's mixed workload as JSONL
// actions (action_json.h), the input of `nethical evaluate`, whose verdicts
// (each carrying the shadow's feature vector and rule label) are the input of
// `nethical shadow train`. docs/shadow.md "Training" has the whole recipe.
//
//   make_training_set [--seed N] [--agents N] [--actions N] > actions.jsonl
//
// Send k goes to agent k % agents as that agent's action k / agents (a
// round-robin, like an even schedule), filled by loadgen::MixedWorkload with
// its default options and the given seed, so the output is a pure function
// of the flags. Defaults: --seed 1 --agents 100 --actions 50000.
// Exit 0; 2 for a bad flag (one line naming it); 1 for a write error.
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/base/shown_value.h"
#include "engine/model/action.h"
#include "loadgen/schedule.h"
#include "loadgen/workload.h"

namespace {

constexpr char kUsage[] = "usage: make_training_set [--seed N] [--agents N] [--actions N] > actions.jsonl";

// Parses a decimal integer in [min, max]; false otherwise.
bool ParseCount(std::string_view s, uint64_t min, uint64_t max, uint64_t* out) {
  if (s.empty() || s.size() > 20) return false;
  uint64_t v = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    const uint64_t next = v * 10 + static_cast<uint64_t>(c - '0');
    if (next / 10 != v) return false;
    v = next;
  }
  if (v < min || v > max) return false;
  *out = v;
  return true;
}

std::string ActionJson(const nethical::Action& a) {
  nlohmann::ordered_json j;
  j["agent_id"] = a.agent_id;
  j["action_id"] = a.action_id;
  j["cohort"] = a.cohort;
  j["action_type"] = std::string(nethical::ActionTypeName(a.type));
  j["text"] = a.text;
  nlohmann::ordered_json features = nlohmann::ordered_json::object();
  for (const auto& [name, value] : a.features) features[name] = value;
  j["features"] = features;
  // The workload's own random rule_risk_score/rule_classification are left
  // out: the shadow's label is the engine's decision (docs/shadow.md).
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t seed = 1, agents = 100, actions = 50000;
  struct Flag {
    std::string_view name;
    uint64_t* value;
    uint64_t min, max;
    std::string_view allowed;
  };
  const Flag flags[] = {
      {"--seed", &seed, 0, UINT64_MAX, "an integer in [0, 2^64)"},
      {"--agents", &agents, 1, 1'000'000, "an integer in [1, 1000000]"},
      {"--actions", &actions, 1, 100'000'000, "an integer in [1, 100000000]"},
  };
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage << "\n";
      return 0;
    }
    std::string_view value;
    const size_t eq = arg.find('=');
    const std::string_view name = arg.substr(0, eq);
    const Flag* flag = nullptr;
    for (const Flag& f : flags)
      if (f.name == name) flag = &f;
    if (flag == nullptr) {
      std::cerr << "make_training_set: unknown flag '" << nethical::ShownValue(arg) << "' (" << kUsage
                << ")\n";
      return 2;
    }
    if (eq != std::string_view::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      std::cerr << "make_training_set: " << name << " needs a value: " << flag->allowed << "\n";
      return 2;
    }
    if (!ParseCount(value, flag->min, flag->max, flag->value)) {
      std::cerr << "make_training_set: " << name << "='" << nethical::ShownValue(value)
                << "': expected " << flag->allowed << "\n";
      return 2;
    }
  }

  nethical::loadgen::WorkloadOptions options;
  options.seed = seed;
  const nethical::loadgen::MixedWorkload workload(options);
  nethical::Action action;
  std::string line;
  for (uint64_t k = 0; k < actions; ++k) {
    nethical::loadgen::PlannedSend send;
    send.index = k;
    send.agent = static_cast<uint32_t>(k % agents);
    send.agent_seq = k / agents;
    workload.Fill(send, &action);
    line = ActionJson(action);
    line.push_back('\n');
    if (std::fwrite(line.data(), 1, line.size(), stdout) != line.size()) {
      std::perror("make_training_set: write to stdout failed");
      return 1;
    }
  }
  if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::perror("make_training_set: write to stdout failed");
    return 1;
  }
  return 0;
}
