// The prefilter may only skip a text that no row's own RE2 pattern matches
// anywhere: checked on the PII corpus, generate_load's texts and random
// texts, for every policy.
#include "engine/redact/pii_prefilter.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/redact/pii_patterns.h"
#include "engine/redact/pii_type.h"
#include "engine/redact/text_normalizer.h"
#include "loadgen/workload.h"
#include "tests/redact/pii_corpus.h"

namespace nethical::redact {
namespace {

std::unique_ptr<PiiPrefilter> Make(RedactionPolicy policy) {
  auto p = PiiPrefilter::Create(policy);
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? std::move(*p) : nullptr;
}

// Each covered row's own pattern, compiled as the PII scan compiles it.
std::vector<std::unique_ptr<RE2>> RowRegexes(RedactionPolicy policy) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_max_mem(64 << 20);
  std::vector<std::unique_ptr<RE2>> out;
  for (const PiiPattern& row : AllPiiPatterns())
    if (PolicyCovers(policy, row.type)) out.push_back(std::make_unique<RE2>(row.regex, options));
  return out;
}

std::vector<std::string> Texts() {
  std::vector<std::string> texts;
  for (LabeledText& r : GeneratePiiCorpus(CorpusSplit::kPublic, 1, 3000)) texts.push_back(std::move(r.text));
  loadgen::MixedWorkload workload{loadgen::WorkloadOptions{}};
  for (const std::string& t : workload.corpus()) texts.push_back(t);
  // Digit, letter and punctuation soup: the numeric rows' edges.
  std::mt19937_64 rng(11);
  const std::string alphabet = "0123456789 -.()+/:@_abcXYZ\nBEGIN PRIVATE KEY";
  for (int n = 0; n < 4000; ++n) {
    std::string t(rng() % 48, ' ');
    for (char& c : t) c = alphabet[rng() % alphabet.size()];
    texts.push_back(std::move(t));
  }
  return texts;
}

TEST(PiiPrefilterTest, SkipsOnlyTextsNoRowMatches) {
  const std::vector<std::string> texts = Texts();
  for (RedactionPolicy policy : kAllRedactionPolicies) {
    auto prefilter = Make(policy);
    auto rows = RowRegexes(policy);
    int skipped = 0;
    for (const std::string& text : texts) {
      if (prefilter->MayMatch(text)) continue;
      ++skipped;
      for (const auto& row : rows)
        ASSERT_FALSE(RE2::PartialMatch(text, *row)) << "row " << row->pattern() << "\ntext: " << text;
    }
    // Not vacuous: clean texts exist in every set above.
    EXPECT_GT(skipped, 1000) << "policy " << static_cast<int>(policy);
  }
}

TEST(PiiPrefilterTest, TextsCarryingLabeledPiiAreNeverSkipped) {
  // As the PII scan sees them: after folding full-width digits, Unicode
  // dashes and zero-width characters.
  auto prefilter = Make(RedactionPolicy::kAggressive);
  int labeled = 0;
  for (const LabeledText& r : GeneratePiiCorpus(CorpusSplit::kPublic, 2, 2000)) {
    if (r.spans.empty()) continue;
    ++labeled;
    NormalizedText normalized;
    const std::string_view scanned = NormalizeForScan(r.text, &normalized);
    EXPECT_TRUE(prefilter->MayMatch(scanned)) << r.id << ": " << r.text;
  }
  EXPECT_GT(labeled, 500);
}

TEST(PiiPrefilterTest, CleanProseIsSkipped) {
  auto prefilter = Make(RedactionPolicy::kStandard);
  EXPECT_FALSE(prefilter->MayMatch("The quarterly report is attached; see section three for the summary."));
}

TEST(PiiPrefilterTest, EmailIsFoundFromItsAtSign) {
  auto prefilter = Make(RedactionPolicy::kStandard);
  EXPECT_TRUE(prefilter->MayMatch("write to jane.doe@example.org today"));
  EXPECT_FALSE(prefilter->MayMatch("write to @example today"));
}

TEST(PiiPrefilterTest, AwsSecretShapeIsFoundWithoutItsLeftEdge) {
  auto prefilter = Make(RedactionPolicy::kStandard);
  EXPECT_TRUE(prefilter->MayMatch("secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
}

}  // namespace
}  // namespace nethical::redact
