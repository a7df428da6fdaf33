#include "engine/cli/shadow_command.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/shown_value.h"
#include "engine/cli/flag_parser.h"
#include "engine/cli/flag_values.h"
#include "engine/cli/line_reader.h"
#include "engine/shadow/logistic_trainer.h"

namespace nethical::cli {
namespace {

constexpr char kUsage[] =
    "usage: nethical shadow train --input VERDICTS.jsonl --out WEIGHTS "
    "[--epochs N] [--learning-rate X] [--l2 X]";

struct TrainFlags {
  std::string input;
  std::string output;
  shadow::TrainOptions options;
};

// Every flag of `shadow train`, declared on `p`, writing into `f`.
void DeclareTrainFlags(FlagParser& p, TrainFlags& f, bool& help) {
  p.Value("--input", "FILE", "a non-empty path", "JSONL verdicts of evaluate, or the shadow log (required)",
          [&](std::string_view v) { return !v.empty() && (f.input = v, true); });
  p.Value("--out", "FILE", "a non-empty path", "the weights file, written whole or not at all (required)",
          [&](std::string_view v) { return !v.empty() && (f.output = v, true); });
  p.Value("--epochs", "N", "an integer in [1, 1000000]", "passes over the examples",
          [&](std::string_view v) { return ParseInteger(v, 1, 1'000'000, &f.options.epochs); });
  p.Value("--learning-rate", "X", "a number in (0, 100]", "gradient step",
          [&](std::string_view v) { return ParseNumber(v, 0, false, 100, &f.options.learning_rate); });
  p.Value("--l2", "X", "a number in [0, 100]", "L2 regularisation",
          [&](std::string_view v) { return ParseNumber(v, 0, true, 100, &f.options.l2); });
  p.Switch("--help", "this text", [&] { help = true; });
}

using Json = nlohmann::json;

// The object holding "features" and "rule_classification": a verdict's
// phase567.shadow, or a shadow log line itself; null if the line has none.
const Json* ShadowObject(const Json& j) {
  if (!j.is_object()) return nullptr;
  if (auto p = j.find("phase567"); p != j.end() && p->is_object()) {
    auto s = p->find("shadow");
    return s != p->end() && s->is_object() ? &*s : nullptr;
  }
  return j.contains("features") ? &j : nullptr;
}

// Adds the example of one line; false on a bad feature value (*error set).
// *skipped when the line carries no labelled shadow prediction.
bool AddExample(const Json& line, shadow::LogisticTrainer* trainer, bool* skipped, std::string* error) {
  *skipped = false;
  const Json* s = ShadowObject(line);
  if (s == nullptr) {
    *skipped = true;
    return true;
  }
  auto label = s->find("rule_classification");
  auto features = s->find("features");
  if (label == s->end() || !label->is_string() || features == s->end() || !features->is_object()) {
    *skipped = true;
    return true;
  }
  std::array<double, shadow::kShadowFeatureCount> x{};
  for (int i = 0; i < shadow::kShadowFeatureCount; ++i) {
    auto f = features->find(std::string(shadow::kShadowFeatureNames[i]));
    if (f == features->end() || f->is_null()) continue;
    if (!f->is_number()) {
      *error = "feature '" + std::string(shadow::kShadowFeatureNames[i]) + "' is not a number";
      return false;
    }
    x[i] = f->get<double>();
  }
  trainer->Add(x, label->get<std::string>() == "deny");
  return true;
}

int Train(int argc, char** argv, std::ostream& out, std::ostream& err) {
  TrainFlags flags;
  bool help = false;
  FlagParser parser(std::string(kUsage) +
                    "\nTrains the logistic shadow model from labelled shadow features.\n");
  DeclareTrainFlags(parser, flags, help);
  Status parsed = parser.Parse(std::vector<std::string>(argv + 1, argv + argc));
  if (parsed.ok() && help) {
    out << parser.Help();
    return 0;
  }
  if (parsed.ok() && flags.input.empty()) parsed = InvalidArgument("--input is required (see --help)");
  if (parsed.ok() && flags.output.empty()) parsed = InvalidArgument("--out is required (see --help)");
  if (!parsed.ok()) {
    err << "nethical shadow train: " << parsed.message() << "\n";
    return 2;
  }
  const std::string input_shown = ShownValue(flags.input, 4096);
  std::ifstream file(flags.input, std::ios::binary);
  if (!file) {
    err << "nethical shadow train: cannot open --input " << input_shown << ": " << std::strerror(errno)
        << "\n";
    return 1;
  }
  shadow::LogisticTrainer trainer;
  uint64_t skipped = 0;
  LineReader reader(file, kDefaultMaxLineBytes);
  std::string line;
  for (;;) {
    const LineReader::Result r = reader.Next(&line);
    if (r == LineReader::kEnd) break;
    const std::string where = input_shown + ":" + std::to_string(reader.line_number());
    if (r == LineReader::kError) {
      err << "nethical shadow train: " << input_shown << ": " << reader.error() << "\n";
      return 1;
    }
    if (r == LineReader::kTooLong) {
      err << "nethical shadow train: " << where << ": line longer than " << kDefaultMaxLineBytes
          << " bytes\n";
      return 1;
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      err << "nethical shadow train: " << where << ": not a JSON value\n";
      return 1;
    }
    bool skip = false;
    std::string error;
    if (!AddExample(j, &trainer, &skip, &error)) {
      err << "nethical shadow train: " << where << ": " << error << "\n";
      return 1;
    }
    skipped += skip;
  }
  if (trainer.examples() == 0) {
    err << "nethical shadow train: " << input_shown << ": no line holds a shadow prediction with "
        << "features and a rule_classification (" << skipped << " skipped)\n";
    return 1;
  }
  StatusOr<shadow::TrainedLogistic> trained = trainer.Train(flags.options);
  if (!trained.ok()) {
    err << "nethical shadow train: " << trained.status().message() << "\n";
    return 1;
  }
  const std::string text = shadow::FormatLogisticModel(
      *trained, "trained by `nethical shadow train` (docs/shadow.md \"Training\")");

  const std::string output_shown = ShownValue(flags.output, 4096);
  const std::string tmp = flags.output + ".tmp";
  {
    std::ofstream o(tmp, std::ios::binary | std::ios::trunc);
    if (o) o << text;
    if (o) o.flush();
    if (!o) {
      err << "nethical shadow train: cannot write " << ShownValue(tmp, 4096) << ": " << std::strerror(errno)
          << "\n";
      std::remove(tmp.c_str());
      return 1;
    }
  }
  if (std::rename(tmp.c_str(), flags.output.c_str()) != 0) {
    err << "nethical shadow train: cannot rename " << ShownValue(tmp, 4096) << " to " << output_shown << ": "
        << std::strerror(errno) << "\n";
    std::remove(tmp.c_str());
    return 1;
  }
  out << "trained on " << trained->examples << " examples (" << trained->positives << " deny, " << skipped
      << " lines skipped), log loss " << trained->log_loss << "; wrote " << output_shown << "\n";
  if (!out.flush()) {
    err << "nethical shadow train: cannot write the summary to stdout\n";
    return 1;
  }
  return 0;
}

}  // namespace

int RunShadowCommand(int argc, char** argv, std::istream&, std::ostream& out, std::ostream& err) {
  if (argc < 2) {
    err << "nethical shadow: missing action (" << kUsage << ")\n";
    return 2;
  }
  const std::string_view action = argv[1];
  if (action == "train") return Train(argc - 1, argv + 1, out, err);
  if (action == "help" || action == "--help" || action == "-h") {
    out << kUsage << "\n";
    return 0;
  }
  err << "nethical shadow: unknown action '" << ShownValue(action) << "' (" << kUsage << ")\n";
  return 2;
}

}  // namespace nethical::cli
