#include "engine/cli/redact_command.h"

#include <cstdlib>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/base/shown_value.h"
#include "engine/cli/line_reader.h"
#include "engine/redact/pii_tokenizer.h"
#include "engine/redact/redactor.h"

namespace nethical::cli {

using namespace ::nethical::redact;  // the redactor this command drives
namespace {

constexpr char kUsage[] =
    "usage: redact [--policy minimal|standard|aggressive] [--mode full|utility|token]\n"
    "              [--format text|jsonl] [--min-confidence X] [--token-key-file PATH]\n"
    "              [--emit-tokens] [--max-line-bytes N]\n"
    "       redact --create-token-key-file PATH\n";

struct Options {
  PrivacyConfig privacy;
  bool jsonl = false;
  bool emit_tokens = false;
  size_t max_line_bytes = cli::kDefaultMaxLineBytes;
  std::string create_key_file;  // --create-token-key-file: write a new key and exit
};

// Parses argv into options; on failure returns a one-line message.
StatusOr<Options> ParseFlags(int argc, char** argv) {
  Options options;
  options.privacy.mode = PrivacyMode::kStandard;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    std::string_view name = arg, value;
    bool has_value = false;
    if (size_t eq = arg.find('='); eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    auto take_value = [&]() -> StatusOr<std::string_view> {
      if (has_value) return value;
      if (i + 1 >= argc) return InvalidArgument(std::string(name) + ": needs a value");
      return std::string_view(argv[++i]);
    };
    if (name == "--emit-tokens" && !has_value) {
      options.emit_tokens = true;
      continue;
    }
    if (name != "--policy" && name != "--mode" && name != "--format" && name != "--min-confidence" &&
        name != "--token-key-file" && name != "--max-line-bytes" && name != "--create-token-key-file") {
      return InvalidArgument("unknown flag " + ShownValue(arg));
    }
    StatusOr<std::string_view> v = take_value();
    if (!v.ok()) return v.status();
    std::string_view val = *v;
    if (name == "--policy") {
      if (val == "minimal") options.privacy.redaction_policy = RedactionPolicy::kMinimal;
      else if (val == "standard") options.privacy.redaction_policy = RedactionPolicy::kStandard;
      else if (val == "aggressive") options.privacy.redaction_policy = RedactionPolicy::kAggressive;
      else return InvalidArgument("--policy=" + ShownValue(val) + ": expected minimal, standard or aggressive");
    } else if (name == "--mode") {
      if (val == "full") options.privacy.redaction_mode = RedactionMode::kFull;
      else if (val == "utility") options.privacy.redaction_mode = RedactionMode::kUtility;
      else if (val == "token") options.privacy.redaction_mode = RedactionMode::kToken;
      else return InvalidArgument("--mode=" + ShownValue(val) + ": expected full, utility or token");
    } else if (name == "--format") {
      if (val == "text") options.jsonl = false;
      else if (val == "jsonl") options.jsonl = true;
      else return InvalidArgument("--format=" + ShownValue(val) + ": expected text or jsonl");
    } else if (name == "--min-confidence") {
      std::string s(val);
      char* end = nullptr;
      double x = std::strtod(s.c_str(), &end);
      if (s.empty() || end != s.c_str() + s.size()) {
        return InvalidArgument("--min-confidence=" + ShownValue(s) + ": expected a number within [0, 1]");
      }
      options.privacy.min_confidence = x;
    } else if (name == "--max-line-bytes") {
      options.max_line_bytes = cli::ParseMaxLineBytes(val);
      if (options.max_line_bytes == 0) {
        return InvalidArgument("--max-line-bytes=" + ShownValue(val) + ": expected an integer in [1, " +
                               std::to_string(cli::kMaxMaxLineBytes) + "]");
      }
    } else if (name == "--create-token-key-file") {
      if (val.empty()) return InvalidArgument("--create-token-key-file needs a file name");
      options.create_key_file = std::string(val);
    } else {
      options.privacy.token_key_file = std::string(val);
    }
  }
  return options;
}

// ordered_json keeps the documented key order in the output.
using OrderedJson = nlohmann::ordered_json;

OrderedJson FindingsJson(const PiiOutcome& scan) {
  OrderedJson findings = OrderedJson::array();
  for (const PiiFinding& f : scan.findings) {
    findings.push_back({{"type", f.type}, {"start", f.start}, {"end", f.end}, {"confidence", f.confidence}});
  }
  return findings;
}

// Invalid UTF-8 in a redacted string is replaced, never thrown.
std::string JsonLine(const OrderedJson& j) { return j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace); }

}  // namespace

int RunRedactCommand(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
      out << kUsage;
      return 0;
    }
  }
  StatusOr<Options> options = ParseFlags(argc, argv);
  if (!options.ok()) {
    err << "redact: " << options.status().message() << '\n' << kUsage;
    return 2;
  }
  if (!options->create_key_file.empty()) {
    if (Status s = CreateTokenKeyFile(options->create_key_file); !s.ok()) {
      err << "redact: " << s.message() << '\n';
      return 2;
    }
    err << "redact: wrote a new token key to " << ShownPath(options->create_key_file) << " (mode 0600)\n";
    return 0;
  }
  StatusOr<std::unique_ptr<Redactor>> made = Redactor::Create(options->privacy);
  if (!made.ok()) {
    err << "redact: " << made.status().message() << '\n';
    return 2;
  }
  const Redactor& redactor = **made;
  const bool emit_tokens = options->emit_tokens && options->privacy.redaction_mode == RedactionMode::kToken;

  bool any_malformed = false;
  std::string io_error;  // the first read or write error; it ends the run
  cli::LineReader reader(in, options->max_line_bytes);
  std::string line;
  for (;;) {
    cli::LineReader::Result r = reader.Next(&line);
    if (r == cli::LineReader::kEnd) break;
    if (r == cli::LineReader::kError) {
      io_error = reader.error();
      break;
    }
    const int64_t line_number = reader.line_number();
    std::string result;
    std::string problem;
    if (r == cli::LineReader::kTooLong) {
      problem = "line is longer than --max-line-bytes=" + std::to_string(options->max_line_bytes) + "; skipped";
    } else if (!options->jsonl) {
      result = redactor.Redact(line, redactor.Scan(line));
    } else if (line.find_first_not_of(" \t\r") == std::string::npos) {
      continue;
    } else {
      nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
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
        result = JsonLine(json);
      }
    }
    if (!problem.empty()) {
      any_malformed = true;
      err << "redact: line " << line_number << ": " << problem << '\n';
      // In text mode the line is left out (nothing of it is written); in
      // jsonl mode an error object takes its place.
      if (!options->jsonl) continue;
      result = JsonLine({{"error", problem}, {"line", line_number}});
    }
    if (!cli::WriteOutputLine(out, result, &io_error)) break;
    // As an istream's sentry would before the next read: flush the tied
    // stream (std::cout for std::cin), so a caller waiting for each answer
    // gets it, and a failed flush is reported.
    if (std::ostream* tied = in.tie(); tied != nullptr && !cli::FlushOutput(*tied, &io_error)) break;
  }
  if (io_error.empty()) cli::FlushOutput(out, &io_error);
  if (!io_error.empty()) {
    err << "redact: " << io_error << '\n';
    return 1;
  }
  return any_malformed ? 1 : 0;
}

}  // namespace nethical::cli
