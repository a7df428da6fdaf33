#include "loadgen/engine_settings.h"

#include "engine/config/config_builder.h"

namespace nethical::loadgen {
namespace {

constexpr char kDefaultsOrigin[] = "generate_load default";

}  // namespace

StatusOr<EngineSettings> BuildEngineSettings(const LoadOptions& options, const char* const* envp) {
  ConfigBuilder builder;
  if (!options.env_file.empty()) {
    if (Status s = builder.LoadEnvFile(options.env_file); !s.ok()) return s;
  }
  if (Status s = builder.LoadEnvironment(envp); !s.ok()) return s;

  // Layer 2: the original generator's defaults, where layer 3 left the
  // engine's. The probe sees the env file and environment only.
  const EngineConfig engine_defaults;
  if (StatusOr<EngineConfig> probe = builder.Build(); probe.ok()) {
    if (probe->storage_dir == engine_defaults.storage_dir) {
      if (Status s = builder.Set("NETHICAL_STORAGE_DIR", "./nethical_perf", kDefaultsOrigin); !s.ok()) return s;
    }
    if (probe->quota.requests_per_second == engine_defaults.quota.requests_per_second) {
      if (Status s = builder.Set("NETHICAL_REQUESTS_PER_SECOND", "1000", kDefaultsOrigin); !s.ok()) return s;
    }
  }
  // Layer 4: flags; set after the defaults, so within the flag layer they win.
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
