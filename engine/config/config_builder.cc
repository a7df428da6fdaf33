#include "engine/config/config_builder.h"

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "engine/base/shown_value.h"
#include "engine/config/config_validation.h"
#include "engine/config/env_file.h"
#include "engine/config/key_table.h"

namespace nethical {
namespace {

constexpr std::string_view kPrefix = "NETHICAL_";
constexpr std::string_view kDefaultOrigin = "default";

// File names are shown longer than values (a sandbox path is ~150 bytes) but
// still bounded and escaped.

// The whole file, read up to kMaxEnvFileBytes + 1 bytes, so a file that
// never ends (/dev/zero) or a huge one costs at most that much. A directory
// or unreadable file is an error, not "empty".
StatusOr<std::string> ReadEnvFile(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (file == nullptr) {
    std::string message = "cannot read env file " + ShownPath(path) + ": " + std::strerror(errno);
    return errno == ENOENT ? NotFound(std::move(message)) : IoError(std::move(message));
  }
  std::string content;
  char buffer[4096];
  size_t n;
  while (content.size() <= kMaxEnvFileBytes &&
         (n = std::fread(buffer, 1, std::min(sizeof(buffer), kMaxEnvFileBytes + 1 - content.size()),
                         file.get())) > 0) {
    content.append(buffer, n);
  }
  if (std::ferror(file.get())) {
    return IoError("cannot read env file " + ShownPath(path) + ": " + std::strerror(errno));
  }
  if (content.size() > kMaxEnvFileBytes) {
    return InvalidArgument("env file " + ShownPath(path) + " is longer than " +
                           std::to_string(kMaxEnvFileBytes) + " bytes, the most an env file may hold");
  }
  return content;
}

size_t IndexOf(const KeySpec& spec) { return static_cast<size_t>(&spec - KeyTable().data()); }

std::string UnknownKeyMessage(std::string_view origin, std::string_view key, std::string_view value,
                              std::string_view problem) {
  std::string_view nearest = NearestKey(key);
  // A misspelt secret key still carries the secret: show it as the key would.
  std::string shown = nearest.empty() ? ShownValue(value) : DisplayValue(*FindKeySpec(nearest), value);
  std::string message =
      std::string(origin) + ": " + ShownValue(key) + "=" + shown + ": " + std::string(problem);
  if (!nearest.empty()) message += "; did you mean " + std::string(nearest) + "?";
  return message;
}

}  // namespace

Status ConfigBuilder::CheckSetting(std::string_view key, std::string_view value, std::string origin,
                                   std::vector<Setting>& out) {
  const KeySpec* spec = FindKeySpec(key);
  if (spec == nullptr) {
    bool ours = key.substr(0, kPrefix.size()) == kPrefix;
    return InvalidArgument(
        UnknownKeyMessage(origin, key, value, ours ? "unknown key" : "not a NETHICAL_* key"));
  }
  if (value.size() > kMaxConfigValueBytes) {
    return InvalidArgument(origin + ": " + std::string(key) + "=" + DisplayValue(*spec, value) +
                           ": value is longer than " + std::to_string(kMaxConfigValueBytes) +
                           " bytes, the most a configuration value may hold");
  }
  EngineConfig scratch;
  if (Status s = ApplyValue(*spec, value, scratch); !s.ok()) {
    return InvalidArgument(origin + ": " + std::string(key) + "=" + DisplayValue(*spec, value) + ": " +
                           s.message());
  }
  out.push_back(Setting{IndexOf(*spec), std::string(value), std::move(origin)});
  return Status::Ok();
}

Status ConfigBuilder::LoadEnvFile(const std::string& path) {
  StatusOr<std::string> content = ReadEnvFile(path);
  if (!content.ok()) return content.status();
  const std::string label = ShownPath(path);
  StatusOr<std::vector<EnvFileEntry>> entries = ParseEnvFile(*content, label);
  if (!entries.ok()) return entries.status();
  std::vector<Setting> settings;
  for (const EnvFileEntry& e : *entries) {
    Status s = CheckSetting(e.key, e.value, label + ":" + std::to_string(e.line), settings);
    if (!s.ok()) return s;
  }
  std::vector<Setting>& layer = layers_[kEnvFile];
  layer.insert(layer.end(), settings.begin(), settings.end());
  return Status::Ok();
}

Status ConfigBuilder::LoadEnvironment(const char* const* envp) {
  std::vector<Setting> settings;
  for (; envp != nullptr && *envp != nullptr; ++envp) {
    std::string_view entry = *envp;
    if (entry.substr(0, kPrefix.size()) != kPrefix) continue;
    size_t eq = entry.find('=');
    std::string_view key = entry.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : entry.substr(eq + 1);
    Status s = CheckSetting(key, value, "environment", settings);
    if (!s.ok()) return s;
  }
  std::vector<Setting>& layer = layers_[kEnvironment];
  layer.insert(layer.end(), settings.begin(), settings.end());
  return Status::Ok();
}

Status ConfigBuilder::SetDefault(std::string_view key, std::string_view value, std::string_view origin) {
  return CheckSetting(key, value, std::string(origin), layers_[kProgramDefaults]);
}

Status ConfigBuilder::Set(std::string_view key, std::string_view value, std::string_view origin) {
  return CheckSetting(key, value, std::string(origin), layers_[kFlags]);
}

EngineConfig ConfigBuilder::Apply(std::vector<std::string_view>* origins) const {
  EngineConfig config;
  origins->assign(KeyTable().size(), kDefaultOrigin);
  for (const std::vector<Setting>& layer : layers_) {
    for (const Setting& s : layer) {
      // Each value was checked when it was recorded, so this cannot fail.
      [[maybe_unused]] const Status applied = ApplyValue(KeyTable()[s.key_index], s.value, config);
      assert(applied.ok());
      (*origins)[s.key_index] = s.origin;
    }
  }
  return config;
}

StatusOr<EngineConfig> ConfigBuilder::Build() const {
  std::vector<std::string_view> origins;
  EngineConfig config = Apply(&origins);
  if (Status s = ValidateWithOrigins(config, origins); !s.ok()) return s;
  return config;
}

std::vector<std::string> ConfigBuilder::Notices() const {
  std::vector<std::string_view> origins;
  return UnavailableFeatureNotices(Apply(&origins));
}

const std::vector<KeyInfo>& AllConfigKeys() {
  // KeyInfo holds views; the generated texts live here for the process.
  struct Generated {
    std::vector<std::string> allowed, default_value;
    std::vector<KeyInfo> infos;
  };
  static const Generated generated = [] {
    Generated g;
    EngineConfig defaults;
    for (const KeySpec& spec : KeyTable()) {
      g.allowed.push_back(AllowedValues(spec));
      g.default_value.push_back(FormatValue(spec, defaults));
    }
    for (size_t i = 0; i < KeyTable().size(); ++i) {
      const KeySpec& spec = KeyTable()[i];
      g.infos.push_back(KeyInfo{spec.key, KindName(spec), g.allowed[i], g.default_value[i], spec.help});
    }
    return g;
  }();
  return generated.infos;
}

std::vector<std::pair<std::string, std::string>> ConfigAsKeyValues(const EngineConfig& c) {
  EngineConfig copy = c;  // the table's accessors take a mutable config
  std::vector<std::pair<std::string, std::string>> pairs;
  pairs.reserve(KeyTable().size());
  for (const KeySpec& spec : KeyTable()) pairs.emplace_back(std::string(spec.key), FormatValue(spec, copy));
  return pairs;
}

std::vector<std::string> UnavailableFeatureNotices(const EngineConfig& c) {
  EngineConfig copy = c;
  std::vector<std::string> notices;
  for (const KeySpec& spec : KeyTable()) {
    if (spec.unavailable_notice.empty()) continue;
    if (std::get<BoolField>(spec.field).field(copy)) {
      notices.push_back(std::string(spec.key) + "=true: " + std::string(spec.unavailable_notice));
    }
  }
  if (c.privacy.mode == PrivacyMode::kNone && c.audit.enabled) {
    notices.push_back(
        "NETHICAL_PRIVACY_MODE=none: PII is detected but not redacted; the audit log stores "
        "action texts verbatim (set standard or differential to redact them)");
  }
  return notices;
}

}  // namespace nethical
