// One PII truth at the detectors (issue 12): for every policy, a text gets
// the PrivacyDetector's violation if and only if the redactor changes it,
// over the generated labeled corpus (public split) and the load generator's
// mixed texts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/detect/detector_suite.h"
#include "engine/redact/redactor.h"
#include "loadgen/workload.h"
#include "tests/redact/pii_corpus.h"

namespace nethical::detect {
namespace {

bool Flagged(const TextFindings& f) {
  for (const Violation& v : f.violations)
    if (v.type == "privacy" && v.detector == "PrivacyDetector") return true;
  return false;
}

// Returns how many texts were flagged; every text must satisfy the property.
int ExpectFlaggedIffRedacted(const std::vector<std::string>& texts, RedactionPolicy policy) {
  auto suite = DetectorSuite::Create().value();
  PrivacyConfig config;
  config.redaction_policy = policy;
  auto redactor = redact::Redactor::Create(config).value();
  int flagged = 0;
  for (const std::string& text : texts) {
    const PiiOutcome pii = redactor->Scan(text);
    TextFindings f;
    suite->Screen(text, pii, &f);
    const bool redacted = redactor->Redact(text, pii) != text;
    if (!f.stage0_reject) {
      EXPECT_EQ(Flagged(f), redacted) << static_cast<int>(policy) << ": " << text;
    }
    flagged += redacted;
  }
  return flagged;
}

TEST(PiiTruth, FlaggedIffRedactedOverTheLabeledCorpusForEveryPolicy) {
  std::vector<std::string> texts;
  for (const redact::LabeledText& r :
       redact::GeneratePiiCorpus(redact::CorpusSplit::kPublic, /*seed=*/1, 2000))
    texts.push_back(r.text);
  for (RedactionPolicy policy : kAllRedactionPolicies)
    EXPECT_GT(ExpectFlaggedIffRedacted(texts, policy), 500) << static_cast<int>(policy);
}

TEST(PiiTruth, FlaggedIffRedactedOverTheLoadGeneratorsTextsForEveryPolicy) {
  loadgen::MixedWorkload workload(loadgen::WorkloadOptions{});
  std::vector<std::string> texts = workload.corpus();
  for (const std::string& t : workload.corpus()) texts.push_back(t + loadgen::kPiiTestSuffix);
  for (RedactionPolicy policy : kAllRedactionPolicies)
    EXPECT_GT(ExpectFlaggedIffRedacted(texts, policy), 0) << static_cast<int>(policy);
}

}  // namespace
}  // namespace nethical::detect
