#include "loadgen/engine_settings.h"

#include "engine/config/config_builder.h"

namespace nethical::loadgen {
namespace {

constexpr char kDefaultsOrigin[] = "generate_load default";

}  // namespace

StatusOr<EngineSettings> BuildEngineSettings(const LoadOptions& options, const char* const* envp) {
  ConfigBuilder builder;
  // The original generator's own defaults sit below everything the user
  // supplies (env file, environment, flags).
  if (Status s = builder.SetDefault("NETHICAL_STORAGE_DIR", "./nethical_perf", kDefaultsOrigin); !s.ok())
    return s;
  if (Status s = builder.SetDefault("NETHICAL_REQUESTS_PER_SECOND", "1000", kDefaultsOrigin); !s.ok())
    return s;
  if (!options.env_file.empty()) {
    if (Status s = builder.LoadEnvFile(options.env_file); !s.ok()) return s;
  }
  if (Status s = builder.LoadEnvironment(envp); !s.ok()) return s;
  for (const EngineFlag& f : options.engine_flags) {
    if (Status s = builder.Set(f.key, f.value, f.flag); !s.ok()) return s;
  }
  StatusOr<EngineConfig> config = builder.Build();
  if (!config.ok()) return config.status();
  EngineSettings settings;
  settings.config = std::move(*config);
  settings.notices = builder.Notices();
  settings.key_values = ConfigAsKeyValues(settings.config);
  return settings;
}

}  // namespace nethical::loadgen
