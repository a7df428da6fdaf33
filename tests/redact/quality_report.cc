// Prints precision and recall per type and per policy over the generated
// labeled PII corpus (pii_corpus.h), for the public split, the held-out
// validation split, or both (the default).
//
//   bazel run //tests/redact:quality_report -- [--split public|validation]
//       [--seed N] [--records N] [--errors]
//
// --seed defaults to 1 and --records to 2000, the corpus quality_test
// asserts on. --errors lists every miss and false positive. A bad flag is
// one line on stderr and exit 2.
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/base/shown_value.h"
#include "tests/redact/pii_quality.h"

using nethical::RedactionPolicy;
using nethical::ShownValue;
using nethical::StatusOr;
using namespace nethical::redact;

namespace {

struct Options {
  std::vector<CorpusSplit> splits = {CorpusSplit::kPublic, CorpusSplit::kValidation};
  uint64_t seed = 1;
  int records = 2000;
  bool errors = false;
};

bool ParseUnsigned(std::string_view s, uint64_t max, uint64_t* out) {
  if (s.empty() || s.size() > 20) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (v > (max - digit) / 10) return false;
    v = v * 10 + digit;
  }
  *out = v;
  return true;
}

int Usage(const std::string& message) {
  std::fprintf(stderr, "quality_report: %s\n", message.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (flag == "--errors") {
      options.errors = true;
      continue;
    }
    if (flag != "--split" && flag != "--seed" && flag != "--records") {
      return Usage("unknown flag " + ShownValue(flag) +
                   "; allowed: --split public|validation, --seed N, --records N, --errors");
    }
    if (i + 1 >= argc) return Usage(std::string(flag) + " needs a value");
    const std::string_view value = argv[++i];
    if (flag == "--split") {
      std::optional<CorpusSplit> split = CorpusSplitFromName(value);
      if (!split) return Usage("--split=" + ShownValue(value) + ": must be public or validation");
      options.splits = {*split};
    } else if (flag == "--seed") {
      if (!ParseUnsigned(value, UINT64_MAX, &options.seed)) {
        return Usage("--seed=" + ShownValue(value) + ": must be an integer in [0, 2^64)");
      }
    } else {
      uint64_t records = 0;
      if (!ParseUnsigned(value, 10'000'000, &records) || records == 0) {
        return Usage("--records=" + ShownValue(value) + ": must be an integer in [1, 10000000]");
      }
      options.records = static_cast<int>(records);
    }
  }

  const std::pair<RedactionPolicy, const char*> policies[] = {
      {RedactionPolicy::kMinimal, "minimal"},
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
          r.overall.true_positives + r.overall.false_positives, r.overall.labeled,
          r.lookalike_lines_flagged, r.lookalike_lines);
      for (const auto& [type, c] : r.by_type) {
        std::printf("    %-15s precision %.4f  recall %.4f  (tp %d, fp %d, found %d/%d)\n",
                    type.c_str(), c.precision(), c.recall(), c.true_positives, c.false_positives,
                    c.found, c.labeled);
      }
      if (options.errors) {
        for (const std::string& e : r.errors) std::printf("      %s\n", e.c_str());
      }
    }
  }
  return 0;
}
