#include "engine/cli/config_flags.h"

#include <cctype>

#include "engine/base/shown_value.h"

namespace nethical::cli {
namespace {

constexpr std::string_view kPrefix = "NETHICAL_";

std::string KeyHelp(const KeyInfo& k) {
  std::string h = std::string(k.key) + ": " + std::string(k.help) + " (" + std::string(k.allowed);
  if (!k.default_value.empty()) h += "; default " + std::string(k.default_value);
  return h + ")";
}

}  // namespace

std::string FlagNameOfKey(std::string_view key) {
  if (key.substr(0, kPrefix.size()) == kPrefix) key.remove_prefix(kPrefix.size());
  std::string name;
  for (char c : key) name += c == '_' ? '-' : static_cast<char>(std::tolower(c));
  return name;
}

void ConfigFlags::Declare(FlagParser& parser) {
  parser.Section("Engine configuration (flags > NETHICAL_* environment > --env-file; docs/config.md)");
  parser.Value("--env-file", "FILE", "a non-empty path",
               "NETHICAL_* settings, below the environment and flags",
               [this](std::string_view v) { return !v.empty() && (env_file_ = v, true); });
  parser.CheckedValue(
      "--set", "KEY=VALUE", "NETHICAL_KEY=VALUE", "any NETHICAL_* key by its name",
      [this](std::string_view v) -> Status {
        const size_t eq = v.find('=');
        if (eq == std::string_view::npos)
          return InvalidArgument("--set=" + ShownValue(v) +
                                 ": must be KEY=VALUE, e.g. --set NETHICAL_RISK_HALF_LIFE_HOURS=12");
        return builder_.Set(v.substr(0, eq), v.substr(eq + 1), "--set");
      });
  for (const KeyInfo& k : AllConfigKeys()) {
    const std::string flag = "--" + FlagNameOfKey(k.key);
    const std::string key(k.key);
    parser.CheckedValue(flag, "V", std::string(k.allowed), KeyHelp(k),
                        [this, key, flag](std::string_view v) { return builder_.Set(key, v, flag); });
  }
}

Status ConfigFlags::Parse(const std::vector<std::string_view>& args) {
  FlagParser parser("Engine configuration flags\n");
  Declare(parser);
  return parser.Parse(std::vector<std::string>(args.begin(), args.end()));
}

StatusOr<EngineConfig> ConfigFlags::Build(const char* const* envp) {
  if (!env_file_.empty()) {
    Status s = builder_.LoadEnvFile(env_file_);
    if (!s.ok()) return s;
  }
  if (envp != nullptr) {
    Status s = builder_.LoadEnvironment(envp);
    if (!s.ok()) return s;
  }
  return builder_.Build();
}

}  // namespace nethical::cli
