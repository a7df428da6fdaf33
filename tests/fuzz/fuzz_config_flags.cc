// Fuzzes the engine-configuration flags of the `nethical` tool
// (engine/cli/config_flags.h). The input is split on NUL bytes into the
// arguments. Invariants:
//   * an error is one line (user values escaped);
//   * accepted flags build (without an env file or environment) the same
//     configuration whether given as --<key-name>=V or as --set KEY=V;
//   * a built configuration, given back as --set KEY=VALUE flags
//     (ConfigAsKeyValues), builds the same configuration again.
// Command lines naming --env-file are parsed but not built (the fuzzer
// must not read files it names).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cli/config_flags.h"
#include "engine/config/config_builder.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

using nethical::cli::ConfigFlags;

using nethical::fuzz::SplitOnNul;

std::vector<std::string_view> Views(const std::vector<std::string>& v) {
  return std::vector<std::string_view>(v.begin(), v.end());
}

bool IsSecretKey(std::string_view key) {
  for (const nethical::KeyInfo& k : nethical::AllConfigKeys())
    if (k.key == key) return k.kind == "secret";
  return false;
}

// "error" or the configuration as key=value lines.
std::string Outcome(const std::vector<std::string>& args) {
  ConfigFlags flags;
  if (!flags.Parse(Views(args)).ok()) return "parse error";
  const char* const no_environment[] = {nullptr};
  auto config = flags.Build(no_environment);
  if (!config.ok()) return "build error";
  std::string out;
  for (const auto& [k, v] : nethical::ConfigAsKeyValues(*config)) out += k + "=" + v + "\n";
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string> args =
      SplitOnNul(std::string_view(reinterpret_cast<const char*>(data), size));
  ConfigFlags flags;
  const nethical::Status parsed = flags.Parse(Views(args));
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.code() == nethical::StatusCode::kInvalidArgument,
               "a flag error must be InvalidArgument");
    FUZZ_CHECK(nethical::fuzz::IsOneLineMessage(parsed.message()),
               "error message is not one line: " + parsed.message());
    return 0;
  }
  for (const std::string& a : args)
    if (a.rfind("--env-file", 0) == 0) return 0;

  const char* const no_environment[] = {nullptr};
  auto config = flags.Build(no_environment);
  if (!config.ok()) {
    FUZZ_CHECK(nethical::fuzz::IsOneLineMessage(config.status().message()),
               "error message is not one line: " + config.status().message());
    return 0;
  }
  const std::string built = Outcome(args);
  FUZZ_CHECK(built != "parse error" && built != "build error", "the same flags failed the second time");

  // Every --<key-name>=V written as --set NETHICAL_<KEY>=V.
  std::vector<std::string> as_set;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view a = args[i];
    std::string_view name = a.substr(2), value;
    if (size_t eq = name.find('='); eq != std::string_view::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    } else {
      value = args[++i];
    }
    if (name == "set") {
      as_set.push_back("--set");
      as_set.emplace_back(value);
      continue;
    }
    std::string key;
    for (const nethical::KeyInfo& k : nethical::AllConfigKeys())
      if (nethical::cli::FlagNameOfKey(k.key) == name) key = std::string(k.key);
    FUZZ_CHECK(!key.empty(), "an accepted flag names no key: " + std::string(name));
    as_set.push_back("--set=" + key + "=" + std::string(value));
  }
  FUZZ_CHECK(Outcome(as_set) == built, "--<key-name>=V and --set KEY=V build different configurations");

  // The effective configuration as --set flags builds itself again.
  bool has_secret = false;
  std::vector<std::string> written;
  for (const auto& [k, v] : nethical::ConfigAsKeyValues(*config)) {
    if (IsSecretKey(k)) {
      has_secret |= !v.empty();
      continue;
    }
    written.push_back("--set");
    written.push_back(k + "=" + v);
  }
  if (!has_secret)
    FUZZ_CHECK(Outcome(written) == built, "ConfigAsKeyValues as --set flags builds another configuration");
  return 0;
}
