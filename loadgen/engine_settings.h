// The engine configuration of a generate_load run, built by ConfigBuilder
// from four layers, lowest first:
//   1. the engine's defaults (EngineConfig{});
//   2. generate_load's own defaults, those of the original load generator
//      where they differ from the engine's: NETHICAL_STORAGE_DIR=./nethical_perf
//      and NETHICAL_REQUESTS_PER_SECOND=1000;
//   3. --env-file, then the NETHICAL_* environment;
//   4. the engine flags (--shadow, --quota, --privacy-mode, ...).
// Layer 2 is ConfigBuilder::SetDefault, so anything the user supplies wins.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/base/status.h"
#include "engine/config/engine_config.h"
#include "loadgen/load_options.h"

namespace nethical::loadgen {

struct EngineSettings {
  EngineConfig config;
  std::vector<std::string> notices;                             // ConfigBuilder::Notices()
  std::vector<std::pair<std::string, std::string>> key_values;  // ConfigAsKeyValues
};

// `envp`: a null-terminated "KEY=VALUE" array (environ). Errors are
// ConfigBuilder's: one line naming the origin (flag, file:line,
// environment), the key, the value and what is allowed.
StatusOr<EngineSettings> BuildEngineSettings(const LoadOptions& options, const char* const* envp);

}  // namespace nethical::loadgen
