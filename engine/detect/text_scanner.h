// TextScanner: which rules of the RuleCatalog a text matches, in one pass.
//
//   auto scanner = TextScanner::Create();          // compiles once
//   RuleHits hits;
//   scanner->Scan("please sudo rm -rf /", &hits);
//   if (hits.Has(RuleGroup::kSafetyPattern)) ...
//
// All rules are compiled twice, each time into one case-insensitive
// multi-pattern scanner, so that a scan is one pass over the text whatever
// the number of rules:
//   * ASCII texts (nearly all agent traffic) go through a Hyperscan
//     database (engine/base/pattern_database.h), about 3x faster than the
//     RE2 DFA on generate_load's texts. The rules are written in RE2 syntax;
//     `\s` is rewritten to RE2's class [\t\n\f\r ] (PCRE's also takes \v),
//     and on ASCII text the two engines' case folding and `\b` agree, so the
//     answer is RE2's (tests/detect/text_scanner_test.cc compares them).
//   * Other texts, and any text the Hyperscan scan cannot take, go through
//     an RE2::Set, whose Unicode case folding the rules rely on there. If
//     its DFA runs out of its memory budget on a pathological text, the
//     scan falls back to one RE2 search per rule (same result, slower).
// So a result is always exact. Thread-safe: Scan is const, both engines
// are safe for concurrent use.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/base/pattern_database.h"
#include "engine/base/status.h"
#include "engine/detect/rule_catalog.h"

namespace nethical::detect {

// One bit per rule, per group (bit i = the rule with Rule::index == i).
class RuleHits {
 public:
  void Clear() { masks_.fill(0); }
  void Set(const Rule& r) { masks_[static_cast<int>(r.group)] |= uint64_t{1} << r.index; }
  uint64_t Mask(RuleGroup g) const { return masks_[static_cast<int>(g)]; }
  bool Has(RuleGroup g) const { return Mask(g) != 0; }
  bool Any() const {
    for (uint64_t m : masks_)
      if (m != 0) return true;
    return false;
  }

 private:
  std::array<uint64_t, kRuleGroupCount> masks_{};
};

class TextScanner {
 public:
  // Fails only if a catalog pattern does not compile (a programming error).
  static StatusOr<std::unique_ptr<TextScanner>> Create();

  // The catalog as Hyperscan patterns (id: the rule's index in RuleCatalog(),
  // case-insensitive): what the scanner's database holds, for a caller that
  // scans the rules in one pass with patterns of its own (engine/text_prescan.h).
  // Their answer on ASCII text is RE2's, as above; on other text it may not be.
  static std::vector<PatternDatabase::Pattern> CatalogPatterns();

  // Sets in *hits exactly the rules that match somewhere in `text`.
  void Scan(std::string_view text, RuleHits* hits) const;
  // The same answer from RE2 alone: what Scan does for non-ASCII texts, and
  // the reference the tests hold the Hyperscan path to.
  void ScanWithRe2(std::string_view text, RuleHits* hits) const;

 private:
  TextScanner() = default;
  // Compiled once per process and shared (never freed); ids are catalog
  // indices.
  const PatternDatabase* database_ = nullptr;
  RE2::Options options_;
  std::unique_ptr<RE2::Set> set_;
  std::vector<std::unique_ptr<RE2>> fallback_;  // one per rule, catalog order
};

}  // namespace nethical::detect
