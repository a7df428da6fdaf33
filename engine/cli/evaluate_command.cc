#include "engine/cli/evaluate_command.h"

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/base/clock.h"
#include "engine/cli/config_flags.h"
#include "engine/engine.h"
#include "engine/model/action_json.h"
#include "engine/model/verdict_json.h"

extern char** environ;

namespace nethical::cli {
namespace {

bool IsBlank(const std::string& line) {
  return line.find_first_not_of(" \t\r") == std::string::npos;
}

std::string LineError(int64_t line, const std::string& message) {
  nlohmann::ordered_json j;
  j["line"] = line;
  j["error"] = message;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

int RunEvaluateCommand(int argc, char** argv, std::istream& in, std::ostream& out,
                       std::ostream& err) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  ConfigFlags flags;
  Status parsed = flags.Parse(args);
  if (!parsed.ok()) {
    err << "nethical evaluate: " << parsed.message() << "\n";
    return 2;
  }
  StatusOr<EngineConfig> config = flags.Build(environ);
  if (!config.ok()) {
    err << "nethical evaluate: " << config.status().message() << "\n";
    return 2;
  }
  for (const std::string& notice : flags.Notices()) err << "note: " << notice << "\n";

  SteadyClock clock;
  auto engine = Engine::Create(*config, clock);
  if (!engine.ok()) {
    err << "nethical evaluate: " << engine.status().message() << "\n";
    return 2;
  }

  bool any_malformed = false;
  std::string line;
  for (int64_t n = 1; std::getline(in, line); ++n) {
    if (IsBlank(line)) continue;
    StatusOr<Action> action = ParseActionJson(line);
    if (!action.ok()) {
      any_malformed = true;
      out << LineError(n, action.status().message()) << "\n";
      continue;
    }
    out << VerdictToJson((*engine)->Evaluate(*action)) << "\n";
  }
  Status shutdown = (*engine)->Shutdown();
  if (!shutdown.ok()) {
    err << "nethical evaluate: shutdown: " << shutdown.message() << "\n";
    return 1;
  }
  out.flush();
  return any_malformed ? 1 : 0;
}

}  // namespace nethical::cli
