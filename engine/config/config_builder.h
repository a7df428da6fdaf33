// ConfigBuilder: the one way to obtain a validated EngineConfig.
//
//   ConfigBuilder builder;
//   if (Status s = builder.LoadEnvFile(env_file); !s.ok()) return s;  // --env-file
//   if (Status s = builder.LoadEnvironment(environ); !s.ok()) return s;
//   if (Status s = builder.Set("NETHICAL_ENABLE_SHADOW_MODE", "false", "--no-shadow"); !s.ok()) return s;
//   StatusOr<EngineConfig> config = builder.Build();
//   for (const std::string& n : builder.Notices()) std::cerr << "note: " << n << "\n";
//
// Precedence, lowest to highest: defaults (EngineConfig{}) < a program's own
// defaults (SetDefault) < env file < process environment < command-line
// flags, whatever order the calls came in. Within one layer a later setting
// of a key wins (as in a shell).
//
// Every error is one line naming where the value came from, the key, the
// value and what is allowed:
//   "conf.env:12: NETHICAL_EPSILON=abc: expected a number > 0"
//   "environment: NETHICAL_EPSILO=1: unknown key; did you mean NETHICAL_EPSILON?"
// Values and keys are shown through ShownValue (at most 80 bytes, control
// bytes escaped), so a hostile value cannot flood or drive the terminal.
// A Load/Set call that fails records nothing. Values are checked when they
// are loaded; Build() then runs Validate (config_validation.h), which also
// checks the rules between keys (weights summing to 1, increasing
// thresholds, ...).
//
// Not thread-safe: build the configuration once at startup.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/status.h"
#include "engine/config/engine_config.h"

namespace nethical {

// The largest env file LoadEnvFile reads (1 MiB); it reads at most one byte
// more to find out, so /dev/zero fails fast. Lines are bounded too
// (kMaxEnvFileLineBytes, env_file.h).
inline constexpr size_t kMaxEnvFileBytes = size_t{1} << 20;

// The longest value any layer may set (4 KiB: a path, a URL, a key).
inline constexpr size_t kMaxConfigValueBytes = 4096;

class ConfigBuilder {
 public:
  ConfigBuilder() = default;

  // Layer 0: a program's own default for a key, above EngineConfig{} and
  // below everything the user supplies, e.g. generate_load's
  // SetDefault("NETHICAL_STORAGE_DIR", "./nethical_perf", "generate_load default").
  Status SetDefault(std::string_view key, std::string_view value, std::string_view origin);

  // Layer 1: an env file (syntax in env_file.h). Every key must be a known
  // NETHICAL_* key: the file exists to configure this engine.
  Status LoadEnvFile(const std::string& path);

  // Layer 2: the process environment (pass `environ`, a null-terminated
  // array of "KEY=VALUE"). Only NETHICAL_* entries are read; an unknown
  // NETHICAL_* name is an error (origin "environment").
  Status LoadEnvironment(const char* const* envp);

  // Layer 3: a command-line flag. `origin` names the flag in errors, e.g.
  // Set("NETHICAL_ENABLE_SHADOW_MODE", "false", "--no-shadow").
  Status Set(std::string_view key, std::string_view value, std::string_view origin);

  // Applies the layers in precedence order, then checks the rules between
  // keys. Errors name each key involved with its value and origin.
  StatusOr<EngineConfig> Build() const;

  // One line per enabled feature this engine does not have, e.g.
  // "NETHICAL_ENABLE_OTEL=true: OpenTelemetry export is not available yet; nothing is exported";
  // and, with privacy mode none and the audit log on, that texts are stored
  // verbatim ("NETHICAL_PRIVACY_MODE=none: PII is detected but not redacted; ...").
  std::vector<std::string> Notices() const;

 private:
  struct Setting {
    size_t key_index;  // into the key table
    std::string value;
    std::string origin;
  };
  enum Layer { kProgramDefaults, kEnvFile, kEnvironment, kFlags, kLayerCount };

  // Checks one setting and, if valid, appends it to `out`.
  static Status CheckSetting(std::string_view key, std::string_view value, std::string origin,
                             std::vector<Setting>& out);

  // The configuration the layers produce, before cross-key rules, and the
  // origin of each key's value ("default" if no layer set it).
  EngineConfig Apply(std::vector<std::string_view>* origins) const;

  std::vector<Setting> layers_[kLayerCount];
};

// One configuration key, for --help and docs.
struct KeyInfo {
  std::string_view key;
  std::string_view kind;           // bool, int, number, enum, string, secret
  std::string_view allowed;        // e.g. "> 0", "[0, 1]", "token_bucket|compat"
  std::string_view default_value;  // as it would be written in an env file
  std::string_view help;           // one line
};

// Every key, grouped by stage, in a stable order.
const std::vector<KeyInfo>& AllConfigKeys();

// The effective configuration as (key, value) pairs in AllConfigKeys order,
// values written as an env file would take them; secrets
// (NETHICAL_TOKEN_KEY) read "<set>" or "".
std::vector<std::pair<std::string, std::string>> ConfigAsKeyValues(const EngineConfig& c);

// The notices of ConfigBuilder::Notices for an already built configuration:
// switches for features this build lacks, and privacy mode none with the
// audit log on (texts are then stored verbatim, PII included).
std::vector<std::string> UnavailableFeatureNotices(const EngineConfig& c);

}  // namespace nethical
