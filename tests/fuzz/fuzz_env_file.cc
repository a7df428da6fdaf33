// Fuzzes ParseEnvFile (engine/config/env_file.h) and the ConfigBuilder
// layering of its entries (config_builder.h). Invariants:
//   * every parsed entry's key matches the key grammar [A-Za-z_][A-Za-z0-9_]*,
//     line numbers are increasing and within the file, values hold no newline;
//   * writing the entries back (KEY="value" with \" and \\ escapes) and
//     parsing again gives the same keys and values;
//   * an error is one line that starts with the file name;
//   * ConfigBuilder::LoadEnvFile fails whenever the syntax does, accepts
//     only known NETHICAL_* keys, and an env file builds the same
//     configuration as the same settings given as flags (Set) in file order;
//   * a built configuration, written out as an env file (ConfigAsKeyValues)
//     and loaded again, builds the same configuration.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/config/config_builder.h"
#include "engine/config/env_file.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/temp_file.h"

namespace {

using nethical::ConfigBuilder;
using nethical::EnvFileEntry;

bool IsKeyStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool IsKeyChar(char c) { return IsKeyStart(c) || (c >= '0' && c <= '9'); }

bool MatchesKeyGrammar(std::string_view key) {
  if (key.empty() || !IsKeyStart(key.front())) return false;
  for (char c : key)
    if (!IsKeyChar(c)) return false;
  return true;
}

std::string Quoted(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

bool IsKnownKey(std::string_view key) {
  for (const nethical::KeyInfo& k : nethical::AllConfigKeys())
    if (k.key == key) return true;
  return false;
}

bool IsSecretKey(std::string_view key) {
  for (const nethical::KeyInfo& k : nethical::AllConfigKeys())
    if (k.key == key) return k.kind == "secret";
  return false;
}

using KeyValues = std::vector<std::pair<std::string, std::string>>;

// "error: <message>" or the configuration as key=value pairs.
std::string Outcome(const ConfigBuilder& b) {
  auto config = b.Build();
  if (!config.ok()) return "error";
  std::string out;
  for (const auto& [k, v] : nethical::ConfigAsKeyValues(*config)) out += k + "=" + v + "\n";
  return out;
}

void CheckBuilderLayering(std::string_view content, bool syntax_ok,
                          const std::vector<EnvFileEntry>& entries) {
  static int counter = 0;
  const std::string path = nethical::fuzz::ScratchDir() + "/fuzz-" + std::to_string(counter++ % 2) + ".env";
  nethical::fuzz::WriteFileOrDie(path, content);

  ConfigBuilder from_file;
  nethical::Status loaded = from_file.LoadEnvFile(path);
  if (!syntax_ok) {
    FUZZ_CHECK(!loaded.ok(), "ConfigBuilder accepted an env file ParseEnvFile rejects");
    return;
  }
  if (!loaded.ok()) {
    FUZZ_CHECK(nethical::fuzz::IsOneLineMessage(loaded.message()),
               "ConfigBuilder error is not one line: " + loaded.message());
    return;
  }
  bool has_secret = false;
  for (const EnvFileEntry& e : entries) {
    FUZZ_CHECK(IsKnownKey(e.key), "ConfigBuilder accepted the unknown key " + e.key);
    has_secret |= IsSecretKey(e.key);
  }

  // The same settings as flags, in file order: the same configuration.
  ConfigBuilder from_flags;
  for (const EnvFileEntry& e : entries) {
    nethical::Status s = from_flags.Set(e.key, e.value, "--fuzz");
    FUZZ_CHECK(s.ok(), "a value the env file layer accepted is refused as a flag: " + e.key);
  }
  const std::string built = Outcome(from_file);
  FUZZ_CHECK(built == Outcome(from_flags), "an env file and the same flags build different configurations");
  if (built == "error" || has_secret) return;

  // The effective configuration, written as an env file, loads back to itself.
  std::string written;
  for (const auto& line : nethical::ConfigAsKeyValues(*from_file.Build())) {
    if (IsSecretKey(line.first)) continue;
    written += line.first + "=" + Quoted(line.second) + "\n";
  }
  nethical::fuzz::WriteFileOrDie(path, written);
  ConfigBuilder reloaded;
  nethical::Status s = reloaded.LoadEnvFile(path);
  FUZZ_CHECK(s.ok(), "ConfigAsKeyValues output does not load as an env file: " + s.message());
  FUZZ_CHECK(Outcome(reloaded) == built, "ConfigAsKeyValues output builds another configuration");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  auto parsed = nethical::ParseEnvFile(content, "fuzz.env");
  if (!parsed.ok()) {
    const std::string& m = parsed.status().message();
    FUZZ_CHECK(m.rfind("fuzz.env:", 0) == 0, "error does not start with the file name: " + m);
    FUZZ_CHECK(nethical::fuzz::IsOneLineMessage(m), "error message is not one line: " + m);
    CheckBuilderLayering(content, false, {});
    return 0;
  }
  int lines = 1;
  for (char c : content) lines += c == '\n';
  int previous_line = 0;
  std::string rewritten;
  for (const EnvFileEntry& e : *parsed) {
    FUZZ_CHECK(MatchesKeyGrammar(e.key), "parsed a key outside the key grammar: " + e.key);
    FUZZ_CHECK(e.line > previous_line && e.line <= lines, "entry line numbers out of order or range");
    FUZZ_CHECK(e.value.find('\n') == std::string::npos, "a value holds a newline");
    previous_line = e.line;
    rewritten += e.key + "=" + Quoted(e.value) + "\n";
  }
  auto reparsed = nethical::ParseEnvFile(rewritten, "rewritten.env");
  FUZZ_CHECK(reparsed.ok(), "entries written back do not parse: " +
                                (reparsed.ok() ? std::string() : reparsed.status().message()));
  FUZZ_CHECK(reparsed->size() == parsed->size(), "entries written back parse to another count");
  for (size_t i = 0; i < parsed->size(); ++i) {
    FUZZ_CHECK((*reparsed)[i].key == (*parsed)[i].key && (*reparsed)[i].value == (*parsed)[i].value,
               "round trip changed entry " + (*parsed)[i].key);
  }
  CheckBuilderLayering(content, true, *parsed);
  return 0;
}
