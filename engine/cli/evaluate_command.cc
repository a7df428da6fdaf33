#include "engine/cli/evaluate_command.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/clock.h"
#include "engine/cli/config_flags.h"
#include "engine/cli/flag_parser.h"
#include "engine/cli/line_reader.h"
#include "engine/engine.h"
#include "engine/model/action_json.h"
#include "engine/model/verdict_json.h"

extern char** environ;

namespace nethical::cli {
namespace {

bool IsBlank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string::npos; }

std::string LineError(int64_t line, const std::string& message) {
  nlohmann::ordered_json j;
  j["line"] = line;
  j["error"] = message;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

int RunEvaluateCommand(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  // --max-line-bytes and --help are the command's own flags; the others configure the engine.
  size_t max_line_bytes = kDefaultMaxLineBytes;
  bool help = false;
  FlagParser parser(
      "Usage: nethical evaluate [flags] < actions.jsonl\n"
      "JSONL actions (agent_id and text required) on stdin -> one JSONL verdict per action.\n"
      "Exit status: 0 every line an action, 1 a malformed or too long line or a read/write error,\n"
      "2 a bad flag or configuration.\n");
  parser.Value("--max-line-bytes", "N", "an integer in [1, " + std::to_string(kMaxMaxLineBytes) + "]",
               "longest input line held; a longer one is skipped with an error line (default 16 MiB)",
               [&](std::string_view v) { return (max_line_bytes = ParseMaxLineBytes(v)) != 0; });
  parser.Switch("--help", "this text", [&] { help = true; });
  ConfigFlags flags;
  flags.Declare(parser);
  Status parsed = parser.Parse(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.ok()) {
    err << "nethical evaluate: " << parsed.message() << "\n";
    return 2;
  }
  if (help) {
    out << parser.Help();
    return 0;
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
  if (auto r = (*engine)->Stats().audit_recovery; r && r->truncated_bytes > 0)
    err << "note: audit recovery truncated a torn tail: " << r->truncated_bytes << " bytes, "
        << r->dropped_records << " partial records\n";
  if (auto r = (*engine)->Stats().audit_recovery; r && r->restored_records > 0)
    err << "note: audit recovery wrote " << r->restored_records
        << " acknowledged records from the staging ring\n";
  if (auto r = (*engine)->Stats().audit_recovery; r && r->unrestored_bytes > 0)
    err << "warning: audit recovery could not place " << r->unrestored_bytes
        << " bytes of the staging ring after the segment (records lost to a power loss before their fsync)\n";

  bool any_malformed = false;
  const std::string io_error =
      FilterLines(in, out, max_line_bytes, [&](const InputLine& line) -> std::optional<std::string> {
        if (line.too_long) {
          any_malformed = true;
          return LineError(line.number, "line is longer than --max-line-bytes=" +
                                            std::to_string(max_line_bytes) + "; skipped");
        }
        if (IsBlank(line.text)) return std::nullopt;
        StatusOr<Action> action = ParseActionJson(line.text);
        if (!action.ok()) {
          any_malformed = true;
          return LineError(line.number, action.status().message());
        }
        return VerdictToJson((*engine)->Evaluate(*action));
      });
  Status shutdown = (*engine)->Shutdown();
  if (!io_error.empty()) err << "nethical evaluate: " << io_error << "\n";
  if (!shutdown.ok()) err << "nethical evaluate: shutdown: " << shutdown.message() << "\n";
  if (!io_error.empty() || !shutdown.ok()) return 1;
  return any_malformed ? 1 : 0;
}

}  // namespace nethical::cli
