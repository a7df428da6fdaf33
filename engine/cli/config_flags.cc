#include "engine/cli/config_flags.h"

#include <cctype>

#include "engine/base/shown_value.h"

namespace nethical::cli {
namespace {

constexpr std::string_view kPrefix = "NETHICAL_";

// The NETHICAL_* key of a flag name ("risk-half-life-hours"), or "".
std::string KeyOfFlagName(std::string_view name) {
  for (const KeyInfo& k : AllConfigKeys())
    if (FlagNameOfKey(k.key) == name) return std::string(k.key);
  return "";
}

}  // namespace

std::string FlagNameOfKey(std::string_view key) {
  if (key.substr(0, kPrefix.size()) == kPrefix) key.remove_prefix(kPrefix.size());
  std::string name;
  for (char c : key) name += c == '_' ? '-' : static_cast<char>(std::tolower(c));
  return name;
}

Status ConfigFlags::Parse(const std::vector<std::string_view>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg.substr(0, 2) != "--" || arg.size() == 2) return InvalidArgument("unexpected argument " + ShownValue(arg));
    std::string_view name = arg.substr(2), value;
    bool has_value = false;
    if (size_t eq = name.find('='); eq != std::string_view::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      has_value = true;
    } else if (i + 1 < args.size()) {
      value = args[++i];
      has_value = true;
    }
    // The flag as errors show it: a hostile name must not reach the terminal.
    std::string flag = "--" + ShownValue(name);
    if (name == "env-file") {
      if (!has_value || value.empty()) return InvalidArgument("--env-file needs a file name");
      env_file_ = std::string(value);
      continue;
    }
    std::string key;
    if (name == "set") {
      size_t eq = value.find('=');
      if (!has_value || eq == std::string_view::npos)
        return InvalidArgument("--set needs KEY=VALUE, e.g. --set NETHICAL_RISK_HALF_LIFE_HOURS=12");
      key = std::string(value.substr(0, eq));
      value = value.substr(eq + 1);
    } else {
      key = KeyOfFlagName(name);
      if (key.empty()) return InvalidArgument("unknown flag " + flag);
      if (!has_value) return InvalidArgument(flag + " needs a value");
    }
    Status s = builder_.Set(key, value, flag);
    if (!s.ok()) return s;
  }
  return Status::Ok();
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
