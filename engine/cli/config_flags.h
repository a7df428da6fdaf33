// The engine-configuration flags every `nethical` subcommand accepts, turned
// into a validated EngineConfig through ConfigBuilder:
//
//   --env-file F | --env-file=F     load an env file (layer 2)
//   --<key>=VALUE | --<key> VALUE   any NETHICAL_<KEY>, spelled in lower case
//                                   with dashes: --risk-half-life-hours=12
//   --set KEY=VALUE                 the same, by its NETHICAL_* name
// The process environment's NETHICAL_* variables are read too; flags win
// over the environment, which wins over the env file.
//
//   ConfigFlags flags;
//   Status s = flags.Parse(args);        // args without the subcommand name
//   StatusOr<EngineConfig> c = flags.Build(environ);
//
// Errors are one line naming the flag: "unknown flag --foo",
// "--env-file needs a value", or the builder's "--risk-half-life-hours:
// NETHICAL_RISK_HALF_LIFE_HOURS=-1: ...".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/config/config_builder.h"
#include "engine/config/engine_config.h"

namespace nethical::cli {

class ConfigFlags {
 public:
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
