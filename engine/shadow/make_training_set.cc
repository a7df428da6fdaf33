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
// Flags are read by the one flag parser (engine/cli/flag_parser.h).
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cli/flag_parser.h"
#include "engine/cli/flag_values.h"
#include "engine/model/action.h"
#include "loadgen/schedule.h"
#include "loadgen/workload.h"

namespace {

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
  using nethical::cli::ParseInteger;
  uint64_t seed = 1, agents = 100, actions = 50000;
  bool help = false;
  nethical::cli::FlagParser flags(
      "Usage: make_training_set [--seed N] [--agents N] [--actions N] > actions.jsonl\n"
      "Writes the load generator's mixed workload as JSONL actions (docs/shadow.md \"Training\").\n"
      "Exit status: 0 written, 1 write error, 2 bad flag.\n");
  flags.Value("--seed", "N", "an integer in [0, 2^64)", "the workload's seed (default 1)",
              [&](std::string_view v) { return ParseInteger(v, 0, UINT64_MAX, &seed); });
  flags.Value("--agents", "N", "an integer in [1, 1000000]", "agents, sent to round-robin (default 100)",
              [&](std::string_view v) { return ParseInteger(v, 1, 1'000'000, &agents); });
  flags.Value("--actions", "N", "an integer in [1, 100000000]", "actions written (default 50000)",
              [&](std::string_view v) { return ParseInteger(v, 1, 100'000'000, &actions); });
  flags.Switch("--help", "this text", [&] { help = true; });
  if (std::optional<int> exit = flags.ParseMain({argv + 1, argv + argc}, "make_training_set", help))
    return *exit;

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
