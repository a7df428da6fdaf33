// FlagParser: the project's one command-line flag parser. CLI11 (Debian's
// libcli11-dev) reads the arguments; this class gives every tool the same
// flag vocabulary and the project's error contract on top of it:
//
//   LoadOptions o;
//   FlagParser flags("Usage: generate_load [flags]\n...");
//   flags.Value("--agents", "N", "an integer in [1, 10000000]", "simulated agents (default 100)",
//               [&](std::string_view v) { return ParseInt(v, 1, 10'000'000, &o.agents); });
//   flags.Switch("--quota", "quota enforcement (default off)", [&] { ... });
//   Status s = flags.Parse(args);   // the arguments after argv[0]
//   std::string help = flags.Help();
//
// Spelling: "--flag value" and "--flag=value" are the same; an empty
// "--flag=" is the empty value (never "take the next argument"). A value
// may start with '-' ("--stagger-ms -20"). A switch takes no value (CLI11
// also accepts the explicit "--switch=true"). Flags apply in command-line
// order, so a later flag wins over an earlier one. Positionals (Positional)
// are matched in declaration order; Positionals takes the rest.
//
// Errors are one line naming the flag, the value through ShownValue (at
// most 80 bytes, control bytes escaped) and what is allowed; every error is
// InvalidArgument, which the tools turn into exit 2:
//   "--agents=0: must be an integer in [1, 10000000]"
//   "--agents: missing value (must be an integer in [1, 10000000])"
//   "--quota=yes: --quota takes no value"
//   "unknown flag --agent; did you mean --agents? (see --help)"
//   "unexpected argument '100' (flags start with --; see --help)"
// CLI11's own messages (multi-line, or echoing raw values) never reach the
// caller: each is converted here.
//
// Declaring a name twice, or a name CLI11 cannot take, throws
// CLI::ConstructionError at declaration: a programming error, never input.
//
// Help() lists every flag and positional, in declaration order, so it is
// complete by construction: a switch "--X" with help and a switch "--no-X"
// without help are shown on one line as "--X / --no-X". Headings (Section)
// group the list.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"

namespace CLI {
class App;
}

namespace nethical::cli {

class FlagParser {
 public:
  // `preamble` starts Help(): usage line, description, exit statuses.
  explicit FlagParser(std::string preamble);
  ~FlagParser();
  FlagParser(const FlagParser&) = delete;
  FlagParser& operator=(const FlagParser&) = delete;

  // A flag with a value. `apply` returns false when the value is not
  // allowed; the error then reads "<name>=<value>: must be <allowed>".
  // `metavar` names the value in Help(); `allowed` completes "must be ...".
  void Value(std::string name, std::string metavar, std::string allowed, std::string help,
             std::function<bool(std::string_view value)> apply);

  // A flag with a value whose `apply` words its own error: a Status that is
  // not ok is returned by Parse as it is, so it must be one line with user
  // values through ShownValue (ConfigBuilder::Set's errors are). `allowed`
  // is used for the missing-value error only.
  void CheckedValue(std::string name, std::string metavar, std::string allowed, std::string help,
                    std::function<Status(std::string_view value)> apply);

  // A flag without a value.
  void Switch(std::string name, std::string help, std::function<void()> apply);

  // A positional argument, required unless `optional`. Errors read
  // "<metavar> <value>: must be <allowed>" and "missing <metavar> (see --help)".
  void Positional(std::string metavar, std::string allowed, std::string help,
                  std::function<bool(std::string_view value)> apply, bool optional = false);

  // Every further argument that is not a flag ("a.json b.json"), in
  // command-line order, after the Positionals declared before; at least one
  // is required unless `optional`. Errors read as Positional's.
  void Positionals(std::string metavar, std::string allowed, std::string help,
                   std::function<bool(std::string_view value)> apply, bool optional = false);

  // Flags of another program, handed over whole: every argument starting
  // with `prefix` ("--benchmark_") that names no declared flag goes to
  // `apply`, in command-line order; it carries its value after '=' (a
  // following argument is not taken). A Status that is not ok is returned
  // by Parse as it is (one line, values through ShownValue).
  void PassThrough(std::string prefix, std::string help, std::function<Status(std::string_view arg)> apply);

  // A heading in Help() before the flags declared next.
  void Section(std::string title);

  // Parses the arguments (without the program name). Once per parser.
  Status Parse(const std::vector<std::string>& args);

  std::string Help() const;

  // A tool's main() in one call: Parse(args); then, when `help` (the
  // tool's --help switch) is set, Help() to stdout and 0; else on a parse
  // error "<tool>: <message>" to stderr and 2; else nullopt: go on.
  //   if (std::optional<int> exit = flags.ParseMain(args, "merge_results", help)) return *exit;
  std::optional<int> ParseMain(const std::vector<std::string>& args, std::string_view tool, const bool& help);

 private:
  struct Entry;
  Status ConvertCli11Error(const std::string& what, const std::vector<std::string>& args) const;
  Status CheckArgumentSizes(const std::vector<std::string>& args) const;
  const Entry* Find(std::string_view name) const;
  bool IsListedNegation(const Entry& e) const;

  std::string preamble_;
  std::vector<Entry> entries_;
  std::unique_ptr<CLI::App> app_;
};

}  // namespace nethical::cli
