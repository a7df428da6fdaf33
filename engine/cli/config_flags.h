// The engine-configuration flags every `nethical` subcommand that runs the
// engine accepts, turned into a validated EngineConfig through
// ConfigBuilder:
//
//   --env-file F | --env-file=F     load an env file (layer 2)
//   --<key>=VALUE | --<key> VALUE   any NETHICAL_<KEY>, spelled in lower case
//                                   with dashes: --risk-half-life-hours=12
//   --set KEY=VALUE                 the same, by its NETHICAL_* name
// The process environment's NETHICAL_* variables are read too; flags win
// over the environment, which wins over the env file.
//
// The flags are declared on the command's FlagParser (flag_parser.h), beside
// its own flags; each value is checked by ConfigBuilder::Set as it is read:
//
//   FlagParser parser("Usage: nethical evaluate [flags]\n");
//   ConfigFlags config_flags;
//   config_flags.Declare(parser);
//   Status s = parser.Parse(args);             // args without the subcommand name
//   StatusOr<EngineConfig> c = config_flags.Build(environ);
//
// Parse(args) does both for a command line of configuration flags only.
// Errors are one line naming the flag: "unknown flag --foo (see --help)",
// "--env-file: missing value (must be a non-empty path)", or the builder's
// "--risk-half-life-hours: NETHICAL_RISK_HALF_LIFE_HOURS=-1: ...".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/cli/flag_parser.h"
#include "engine/config/config_builder.h"
#include "engine/config/engine_config.h"

namespace nethical::cli {

class ConfigFlags {
 public:
  // Declares --env-file, --set and one --<key> per NETHICAL_* key (with its
  // range and default in the help) on `parser`, which must not outlive this.
  void Declare(FlagParser& parser);

  // Parses every argument as a configuration flag.
  Status Parse(const std::vector<std::string_view>& args);

  // Loads the env file (if any) and the environment, applies the flags and
  // validates. Notices() are then available.
  StatusOr<EngineConfig> Build(const char* const* envp);
  std::vector<std::string> Notices() const { return builder_.Notices(); }

 private:
  std::string env_file_;
  ConfigBuilder builder_;
};

// "NETHICAL_RISK_HALF_LIFE_HOURS" -> "risk-half-life-hours".
std::string FlagNameOfKey(std::string_view key);

}  // namespace nethical::cli
