// Fuzzes the Hyperscan fast paths against RE2, their reference:
//   * the detectors' rule scan (engine/detect/text_scanner.h): on ASCII
//     input, TextScanner::Scan (Hyperscan) reports exactly the rules
//     ScanWithRe2 reports;
//   * the PII prefilter (engine/redact/pii_prefilter.h), every policy: when
//     it answers "no row can match", no row's own RE2 pattern (Latin-1, as
//     the PII scan compiles it) matches anywhere in the input;
//   * the engine's one pass for both (engine/text_prescan.h), every policy:
//     on ASCII input its rule hits are ScanWithRe2's, and the prefilter
//     given its PII answer says what the prefilter says alone.
#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/ascii.h"
#include "engine/detect/text_scanner.h"
#include "engine/redact/pii_patterns.h"
#include "engine/redact/pii_prefilter.h"
#include "engine/redact/pii_type.h"
#include "engine/text_prescan.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using nethical::RedactionPolicy;
using nethical::detect::RuleGroup;
using nethical::detect::RuleHits;
using nethical::detect::TextScanner;

const TextScanner& Scanner() {
  static const TextScanner* scanner = [] {
    auto s = TextScanner::Create();
    FUZZ_CHECK(s.ok(), "cannot create the text scanner: " + s.status().message());
    return s->release();
  }();
  return *scanner;
}

struct PolicyCheck {
  std::unique_ptr<nethical::redact::PiiPrefilter> prefilter;
  std::unique_ptr<nethical::TextPrescan> prescan;
  std::vector<std::unique_ptr<RE2>> rows;
};

const std::vector<PolicyCheck>& Policies() {
  static const std::vector<PolicyCheck>* all = [] {
    auto* out = new std::vector<PolicyCheck>;
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingLatin1);
    options.set_max_mem(64 << 20);
    options.set_log_errors(false);
    for (auto policy : nethical::kAllRedactionPolicies) {
      auto prefilter = nethical::redact::PiiPrefilter::Create(policy);
      FUZZ_CHECK(prefilter.ok(), "cannot create the PII prefilter: " + prefilter.status().message());
      auto prescan = nethical::TextPrescan::Create(policy);
      FUZZ_CHECK(prescan.ok(), "cannot create the text prescan: " + prescan.status().message());
      PolicyCheck check{std::move(*prefilter), std::move(*prescan), {}};
      for (const nethical::redact::PiiPattern& row : nethical::redact::AllPiiPatterns())
        if (nethical::redact::PolicyCovers(policy, row.type))
          check.rows.push_back(std::make_unique<RE2>(row.regex, options));
      out->push_back(std::move(check));
    }
    return out;
  }();
  return *all;
}

void CheckSameRules(const RuleHits& fast, const RuleHits& reference, const char* what) {
  for (int g = 0; g < nethical::detect::kRuleGroupCount; ++g) {
    const auto group = static_cast<RuleGroup>(g);
    FUZZ_CHECK(fast.Mask(group) == reference.Mask(group),
               std::string(what) + " and RE2 disagree on rule group " + std::to_string(g));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool ascii = nethical::IsAscii(text);
  RuleHits reference;
  if (ascii) {
    RuleHits fast;
    Scanner().Scan(text, &fast);
    Scanner().ScanWithRe2(text, &reference);
    CheckSameRules(fast, reference, "Hyperscan");
  }
  const re2::StringPiece piece(text.data(), text.size());
  for (const PolicyCheck& check : Policies()) {
    nethical::TextPrescan::Result found;
    const bool prescanned = check.prescan->Scan(text, &found);
    FUZZ_CHECK(prescanned == ascii, "the prescan answers exactly for ASCII input");
    if (prescanned) {
      CheckSameRules(found.rules, reference, "the prescan");
      FUZZ_CHECK(check.prefilter->MayMatchGivenSharedRows(text, found.pii_shared_rows) ==
                     check.prefilter->MayMatch(text),
                 "the prescan's PII answer changes the prefilter's");
    }
    if (check.prefilter->MayMatch(text)) continue;
    for (const auto& row : check.rows)
      FUZZ_CHECK(!RE2::PartialMatch(piece, *row),
                 "the prefilter skipped a text row " + row->pattern() + " matches");
  }
  return 0;
}
