#include "engine/cli/redact_command.h"

#include <cstdlib>
#include <istream>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/shown_value.h"
#include "engine/cli/flag_parser.h"
#include "engine/cli/flag_values.h"
#include "engine/cli/line_reader.h"
#include "engine/redact/pii_tokenizer.h"
#include "engine/redact/redactor.h"

namespace nethical::cli {

using namespace ::nethical::redact;  // the redactor this command drives
namespace {

constexpr char kPreamble[] =
    "Usage: nethical redact [flags] < input\n"
    "       nethical redact --create-token-key-file PATH\n"
    "Redacts stdin line by line (text), or the \"text\" of each JSONL object (jsonl).\n"
    "Exit status: 0 success, 1 a malformed or too long line or a read/write error, 2 usage error.\n";

struct Options {
  PrivacyConfig privacy;
  bool jsonl = false;
  bool emit_tokens = false;
  bool help = false;
  size_t max_line_bytes = kDefaultMaxLineBytes;
  std::string create_key_file;  // --create-token-key-file: write a new key and exit
};

// Every flag of the command, declared on `f`, writing into `o`.
void DeclareFlags(FlagParser& f, Options& o) {
  f.Value("--policy", "{minimal,standard,aggressive}", "minimal, standard or aggressive",
          "what counts as PII (default standard)", [&](std::string_view v) {
            if (v == "minimal") return o.privacy.redaction_policy = RedactionPolicy::kMinimal, true;
            if (v == "standard") return o.privacy.redaction_policy = RedactionPolicy::kStandard, true;
            if (v == "aggressive") return o.privacy.redaction_policy = RedactionPolicy::kAggressive, true;
            return false;
          });
  f.Value("--mode", "{full,utility,token}", "full, utility or token",
          "full: [REDACTED_TYPE]; utility: keeps a shape; token: reversible tokens (default full)",
          [&](std::string_view v) {
            if (v == "full") return o.privacy.redaction_mode = RedactionMode::kFull, true;
            if (v == "utility") return o.privacy.redaction_mode = RedactionMode::kUtility, true;
            if (v == "token") return o.privacy.redaction_mode = RedactionMode::kToken, true;
            return false;
          });
  f.Value("--format", "{text,jsonl}", "text or jsonl", "input and output form (default text)",
          [&](std::string_view v) {
            if (v != "text" && v != "jsonl") return false;
            o.jsonl = v == "jsonl";
            return true;
          });
  f.Value("--min-confidence", "X", "a number in [0, 1]", "findings below this are kept (default 0.5)",
          [&](std::string_view v) { return ParseNumber(v, 0, true, 1, &o.privacy.min_confidence); });
  f.Value("--token-key-file", "PATH", "a path",
          "token mode: hex key file, mode 0600 (NETHICAL_TOKEN_KEY_FILE)",
          [&](std::string_view v) { return o.privacy.token_key_file = v, true; });
  f.Switch("--emit-tokens", "token mode, jsonl: add {token: value} to each line",
           [&] { o.emit_tokens = true; });
  f.Value("--max-line-bytes", "N", "an integer in [1, " + std::to_string(kMaxMaxLineBytes) + "]",
          "longest line held; a longer one is skipped with an error (default 16 MiB)",
          [&](std::string_view v) { return (o.max_line_bytes = ParseMaxLineBytes(v)) != 0; });
  f.Value("--create-token-key-file", "PATH", "a non-empty path",
          "write a new random key to PATH (mode 0600, never overwrites) and exit",
          [&](std::string_view v) { return !v.empty() && (o.create_key_file = v, true); });
  f.Switch("--help", "this text", [&] { o.help = true; });
}

// ordered_json keeps the documented key order in the output.
using OrderedJson = nlohmann::ordered_json;

OrderedJson FindingsJson(const PiiOutcome& scan) {
  OrderedJson findings = OrderedJson::array();
  for (const PiiFinding& f : scan.findings) {
    findings.push_back(
        {{"type", PiiTypeName(f.type)}, {"start", f.start}, {"end", f.end}, {"confidence", f.confidence}});
  }
  return findings;
}

// Invalid UTF-8 in a redacted string is replaced, never thrown.
std::string JsonLine(const OrderedJson& j) {
  return j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

}  // namespace

int RunRedactCommand(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  Options options;
  options.privacy.mode = PrivacyMode::kStandard;
  FlagParser flags(kPreamble);
  DeclareFlags(flags, options);
  if (Status s = flags.Parse(std::vector<std::string>(argv + 1, argv + argc)); !s.ok()) {
    err << "redact: " << s.message() << '\n';
    return 2;
  }
  if (options.help) {
    out << flags.Help();
    return 0;
  }
  if (!options.create_key_file.empty()) {
    if (Status s = CreateTokenKeyFile(options.create_key_file); !s.ok()) {
      err << "redact: " << s.message() << '\n';
      return 2;
    }
    err << "redact: wrote a new token key to " << ShownPath(options.create_key_file) << " (mode 0600)\n";
    return 0;
  }
  StatusOr<std::unique_ptr<Redactor>> made = Redactor::Create(options.privacy);
  if (!made.ok()) {
    err << "redact: " << made.status().message() << '\n';
    return 2;
  }
  const Redactor& redactor = **made;
  const bool emit_tokens = options.emit_tokens && options.privacy.redaction_mode == RedactionMode::kToken;

  bool any_malformed = false;
  const std::string io_error =
      FilterLines(in, out, options.max_line_bytes, [&](const InputLine& line) -> std::optional<std::string> {
        std::string result;
        std::string problem;
        if (line.too_long) {
          problem =
              "line is longer than --max-line-bytes=" + std::to_string(options.max_line_bytes) + "; skipped";
        } else if (!options.jsonl) {
          return redactor.Redact(line.text, redactor.Scan(line.text));
        } else if (line.text.find_first_not_of(" \t\r") == std::string_view::npos) {
          return std::nullopt;
        } else {
          nlohmann::json record = nlohmann::json::parse(line.text, nullptr, /*allow_exceptions=*/false);
          if (record.is_discarded()) {
            problem = "not valid JSON";
          } else if (!record.is_object() || !record.contains("text") || !record["text"].is_string()) {
            problem = "expected an object with a string \"text\" field";
          } else {
            const std::string& text = record["text"].get_ref<const std::string&>();
            PiiOutcome scan = redactor.Scan(text);
            TokenMap tokens;
            OrderedJson json = {{"redacted", redactor.Redact(text, scan, emit_tokens ? &tokens : nullptr)},
                                {"findings", FindingsJson(scan)}};
            if (emit_tokens) json["tokens"] = tokens;
            return JsonLine(json);
          }
        }
        any_malformed = true;
        err << "redact: line " << line.number << ": " << problem << '\n';
        // In text mode the line is left out (nothing of it is written); in
        // jsonl mode an error object takes its place.
        if (!options.jsonl) return std::nullopt;
        return JsonLine({{"error", problem}, {"line", line.number}});
      });
  if (!io_error.empty()) {
    err << "redact: " << io_error << '\n';
    return 1;
  }
  return any_malformed ? 1 : 0;
}

}  // namespace nethical::cli
