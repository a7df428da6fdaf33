// Prints precision and recall per type and policy over the shared labeled
// PII corpus. Run: bazel run //tests/redact:quality_report [-- --errors]
#include <cstdio>
#include <cstring>

#include "tests/redact/pii_quality.h"

using nethical::PrivacyConfig;
using nethical::StatusOr;
using nethical::RedactionPolicy;
using namespace nethical::redact;

int main(int argc, char** argv) {
  bool show_errors = argc > 1 && std::strcmp(argv[1], "--errors") == 0;
  StatusOr<std::vector<LabeledText>> corpus = ReadLabeledCorpus(LabeledCorpusPath());
  if (!corpus.ok()) {
    std::fprintf(stderr, "%s\n", corpus.status().message().c_str());
    return 1;
  }
  const std::pair<RedactionPolicy, const char*> policies[] = {
      {RedactionPolicy::kMinimal, "minimal"},
      {RedactionPolicy::kStandard, "standard"},
      {RedactionPolicy::kAggressive, "aggressive"}};
  for (const auto& [policy, name] : policies) {
    PrivacyConfig config;
    config.redaction_policy = policy;
    auto redactor = Redactor::Create(config);
    if (!redactor.ok()) {
      std::fprintf(stderr, "%s\n", redactor.status().message().c_str());
      return 1;
    }
    QualityReport r = MeasureQuality(**redactor, policy, *corpus);
    std::printf("policy %-10s  precision %.4f  recall %.4f  (findings %d, labeled %d)  look-alike lines flagged %d/%d\n",
                name, r.overall.precision(), r.overall.recall(),
                r.overall.true_positives + r.overall.false_positives, r.overall.labeled,
                r.lookalike_lines_flagged, r.lookalike_lines);
    for (const auto& [type, c] : r.by_type) {
      std::printf("  %-15s precision %.4f  recall %.4f  (tp %d, fp %d, found %d/%d)\n", type.c_str(),
                  c.precision(), c.recall(), c.true_positives, c.false_positives, c.found, c.labeled);
    }
    if (show_errors) {
      for (const std::string& e : r.errors) std::printf("    %s\n", e.c_str());
    }
  }
  return 0;
}
