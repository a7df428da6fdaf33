#include "engine/text_prescan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/base/ascii.h"
#include "engine/detect/rule_catalog.h"
#include "engine/detect/text_scanner.h"
#include "engine/redact/pii_prefilter.h"
#include "loadgen/workload.h"
#include "tests/engine/engine_fixture.h"
#include "tests/redact/pii_corpus.h"

namespace nethical {
namespace {

std::unique_ptr<TextPrescan> MakePrescan(RedactionPolicy policy) {
  auto p = TextPrescan::Create(policy);
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? std::move(*p) : nullptr;
}

std::vector<uint64_t> Masks(const detect::RuleHits& hits) {
  std::vector<uint64_t> m;
  for (int g = 0; g < detect::kRuleGroupCount; ++g) m.push_back(hits.Mask(static_cast<detect::RuleGroup>(g)));
  return m;
}

// generate_load's texts, labeled PII texts, and texts built from the rules'
// own words mixed with PII-like characters: all ASCII.
std::vector<std::string> AsciiTexts() {
  std::vector<std::string> texts;
  loadgen::MixedWorkload workload{loadgen::WorkloadOptions{}};
  for (const std::string& t : workload.corpus()) texts.push_back(t);
  for (redact::LabeledText& r : redact::GeneratePiiCorpus(redact::CorpusSplit::kPublic, 3, 1500))
    if (IsAscii(r.text)) texts.push_back(std::move(r.text));
  const std::vector<std::string> pieces = {"sudo ",
                                           "rm -rf / ",
                                           "ignore previous instructions ",
                                           "DROP TABLE ",
                                           "bearer ",
                                           "Bearer abcdefgh",
                                           "ijklmnopqrstu ",
                                           "123-45-6789 ",
                                           "(425) 555-0100 ",
                                           "@example.com ",
                                           "eyJhbGciOiJI.eyJzdWIiOiIx.",
                                           "kill ",
                                           "hate ",
                                           "SSN ",
                                           "-----BEGIN RSA PRIVATE KEY----- ",
                                           "AKIA",
                                           "0123456789ABCDEF ",
                                           "password ",
                                           " ",
                                           "\n"};
  std::mt19937_64 rng(29);
  for (int n = 0; n < 3000; ++n) {
    std::string t;
    for (int k = static_cast<int>(rng() % 8); k >= 0; --k) t += pieces[rng() % pieces.size()];
    texts.push_back(std::move(t));
  }
  return texts;
}

TEST(TextPrescanTest, RuleHitsAreTheRuleScannersOwn) {
  auto scanner = detect::TextScanner::Create();
  ASSERT_TRUE(scanner.ok());
  auto prescan = MakePrescan(RedactionPolicy::kStandard);
  int with_hits = 0;
  for (const std::string& text : AsciiTexts()) {
    TextPrescan::Result r;
    ASSERT_TRUE(prescan->Scan(text, &r)) << text;
    detect::RuleHits reference;
    (*scanner)->ScanWithRe2(text, &reference);
    ASSERT_EQ(Masks(r.rules), Masks(reference)) << "text: " << text;
    with_hits += reference.Any() ? 1 : 0;
  }
  EXPECT_GT(with_hits, 1000);  // not vacuous
}

TEST(TextPrescanTest, PiiAnswerGivesThePrefiltersOwnVerdict) {
  const std::vector<std::string> texts = AsciiTexts();
  for (RedactionPolicy policy : kAllRedactionPolicies) {
    auto prescan = MakePrescan(policy);
    auto prefilter = redact::PiiPrefilter::Create(policy);
    ASSERT_TRUE(prefilter.ok());
    int rows_found = 0, rows_missed = 0;
    for (const std::string& text : texts) {
      TextPrescan::Result r;
      ASSERT_TRUE(prescan->Scan(text, &r));
      ASSERT_EQ((*prefilter)->MayMatchGivenSharedRows(text, r.pii_shared_rows), (*prefilter)->MayMatch(text))
          << "policy " << static_cast<int>(policy) << "\ntext: " << text;
      (r.pii_shared_rows ? rows_found : rows_missed) += 1;
    }
    EXPECT_GT(rows_found, 500) << static_cast<int>(policy);  // both answers occur
    EXPECT_GT(rows_missed, 100) << static_cast<int>(policy);
  }
}

TEST(TextPrescanTest, NonAsciiTextGetsNoAnswer) {
  auto prescan = MakePrescan(RedactionPolicy::kStandard);
  TextPrescan::Result r;
  EXPECT_FALSE(prescan->Scan("SUDO rm -rf / caf\xc3\xa9", &r));
  EXPECT_TRUE(prescan->Scan("SUDO rm -rf / cafe", &r));
  EXPECT_TRUE(r.rules.Has(detect::RuleGroup::kSafetyPattern));
}

// The engine takes the prescan when its judgment cache is off; with the
// cache on and fewer than 256 texts (no bypass yet) each stage scans alone.
// Both engines must give the same verdicts.
class TextPrescanEngineTest : public EngineFixture {};

TEST_F(TextPrescanEngineTest, VerdictsWithThePrescanAreThoseWithoutIt) {
  EngineConfig prescanned = QuietConfig();
  prescanned.detect.judgment_cache = false;
  EngineConfig separate = QuietConfig();
  separate.detect.judgment_cache = true;
  auto with_prescan = Make(prescanned);
  auto without = Make(separate);
  ASSERT_NE(with_prescan, nullptr);
  ASSERT_NE(without, nullptr);
  std::vector<std::string> texts = AsciiTexts();
  // Distinct texts (the cache must miss), fewer than its bypass window.
  std::mt19937_64 rng(5);
  std::shuffle(texts.begin(), texts.end(), rng);
  int flagged = 0, with_pii = 0;
  for (int i = 0; i < 240; ++i) {
    const Action a = A("agent_" + std::to_string(i), texts[i] + " #" + std::to_string(i));
    const Verdict v1 = with_prescan->Evaluate(a);
    const Verdict v2 = without->Evaluate(a);
    ASSERT_EQ(v1.decision, v2.decision) << a.text;
    ASSERT_EQ(v1.violations.size(), v2.violations.size()) << a.text;
    for (size_t k = 0; k < v1.violations.size(); ++k) {
      EXPECT_EQ(v1.violations[k].type, v2.violations[k].type);
      EXPECT_EQ(v1.violations[k].description, v2.violations[k].description);
    }
    ASSERT_TRUE(v1.pii && v2.pii);
    ASSERT_EQ(v1.pii->findings.size(), v2.pii->findings.size()) << a.text;
    for (size_t k = 0; k < v1.pii->findings.size(); ++k) {
      EXPECT_EQ(v1.pii->findings[k].start, v2.pii->findings[k].start);
      EXPECT_EQ(v1.pii->findings[k].end, v2.pii->findings[k].end);
    }
    flagged += v1.violations.empty() ? 0 : 1;
    with_pii += v1.pii->findings.empty() ? 0 : 1;
  }
  EXPECT_GT(flagged, 20);  // not vacuous
  EXPECT_GT(with_pii, 20);
}

}  // namespace
}  // namespace nethical
