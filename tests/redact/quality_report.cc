// Prints precision and recall per type and per policy over the generated
// labeled PII corpus (pii_corpus.h), for the public split, the held-out
// validation split, or both (the default).
//
//   bazel run //tests/redact:quality_report -- [--split public|validation]
//       [--seed N] [--records N] [--errors]
//
// --seed defaults to 1 and --records to 2000, the corpus quality_test
// asserts on. --errors lists every miss and false positive. A bad flag is
// one line on stderr and exit 2 (the one flag parser, engine/cli/flag_parser.h).
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/cli/flag_parser.h"
#include "engine/cli/flag_values.h"
#include "tests/redact/pii_quality.h"

using nethical::RedactionPolicy;
using nethical::StatusOr;
using nethical::cli::ParseInteger;
using namespace nethical::redact;

namespace {

struct Options {
  std::vector<CorpusSplit> splits = {CorpusSplit::kPublic, CorpusSplit::kValidation};
  uint64_t seed = 1;
  int records = 2000;
  bool errors = false;
};

}  // namespace

int main(int argc, char** argv) {
  Options options;
  bool help = false;
  nethical::cli::FlagParser flags(
      "Usage: quality_report [--split public|validation] [--seed N] [--records N] [--errors]\n"
      "Precision and recall per PII type and policy over the generated labeled corpus.\n"
      "Exit status: 0 printed, 1 a policy could not be measured, 2 bad flag.\n");
  flags.Value("--split", "{public,validation}", "public or validation", "one split (default both)",
              [&](std::string_view v) {
                const std::optional<CorpusSplit> split = CorpusSplitFromName(v);
                return split && (options.splits = {*split}, true);
              });
  flags.Value("--seed", "N", "an integer in [0, 2^64)", "the corpus seed (default 1)",
              [&](std::string_view v) { return ParseInteger(v, 0, UINT64_MAX, &options.seed); });
  flags.Value("--records", "N", "an integer in [1, 10000000]", "records per split (default 2000)",
              [&](std::string_view v) { return ParseInteger(v, 1, 10'000'000, &options.records); });
  flags.Switch("--errors", "list every miss and false positive", [&] { options.errors = true; });
  flags.Switch("--help", "this text", [&] { help = true; });
  if (std::optional<int> exit = flags.ParseMain({argv + 1, argv + argc}, "quality_report", help))
    return *exit;

  const std::pair<RedactionPolicy, const char*> policies[] = {{RedactionPolicy::kMinimal, "minimal"},
                                                              {RedactionPolicy::kStandard, "standard"},
                                                              {RedactionPolicy::kAggressive, "aggressive"}};
  for (CorpusSplit split : options.splits) {
    const std::vector<LabeledText> corpus = GeneratePiiCorpus(split, options.seed, options.records);
    std::printf("split %s, seed %llu, %d records\n", std::string(CorpusSplitName(split)).c_str(),
                static_cast<unsigned long long>(options.seed), options.records);
    for (const auto& [policy, name] : policies) {
      StatusOr<QualityReport> measured = MeasurePolicy(policy, corpus);
      if (!measured.ok()) {
        std::fprintf(stderr, "quality_report: %s\n", measured.status().message().c_str());
        return 1;
      }
      const QualityReport& r = *measured;
      std::printf(
          "  policy %-10s  precision %.4f  recall %.4f  (findings %d, labeled %d)  look-alike "
          "records flagged %d/%d\n",
          name, r.overall.precision(), r.overall.recall(),
          r.overall.true_positives + r.overall.false_positives, r.overall.labeled, r.lookalike_lines_flagged,
          r.lookalike_lines);
      for (const auto& [type, c] : r.by_type) {
        std::printf("    %-15s precision %.4f  recall %.4f  (tp %d, fp %d, found %d/%d)\n", type.c_str(),
                    c.precision(), c.recall(), c.true_positives, c.false_positives, c.found, c.labeled);
      }
      if (options.errors) {
        for (const std::string& e : r.errors) std::printf("      %s\n", e.c_str());
      }
    }
  }
  return 0;
}
