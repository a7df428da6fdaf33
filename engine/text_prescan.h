// TextPrescan: one Hyperscan pass over an action's text that answers for
// two stages: which rules of the detectors' catalog match in it
// (detect/text_scanner.h) and whether any row of the PII prefilter's
// shared database does (redact/pii_prefilter.h). Each stage would
// otherwise make a pass of its own; on generate_load's texts one pass over
// both pattern sets costs about three quarters of the two
// (docs/benchmarks.md, "One pass for rules and PII").
//
//   auto prescan = TextPrescan::Create(RedactionPolicy::kStandard);
//   TextPrescan::Result r;
//   if ((*prescan)->Scan(action.text, &r)) {
//     PiiOutcome pii = redactor->Scan(action.text, r.pii_shared_rows);
//     auto judgment = detect->Evaluate(action, pii, &r.rules);
//   }
//
// Exactness: Scan answers only for ASCII text, where the catalog's
// Hyperscan form gives RE2's answer (text_scanner.h) and the PII rows are
// the prefilter's own patterns; each pattern keeps its case rule (the
// catalog's caseless, the PII rows' as written). For any other text, or if
// the scan fails, it returns false and each stage scans for itself.
// tests/engine/text_prescan_test.cc holds both answers to the stages' own.
// Thread-safe. The first Create of a policy compiles its database (tens of
// milliseconds); later ones share it.
#pragma once

#include <memory>
#include <string_view>

#include "engine/base/pattern_database.h"
#include "engine/base/status.h"
#include "engine/config/engine_config.h"
#include "engine/detect/text_scanner.h"

namespace nethical {

class TextPrescan {
 public:
  struct Result {
    detect::RuleHits rules;        // exactly the catalog's rules that match
    bool pii_shared_rows = false;  // some shared PII prefilter row matches
  };

  static StatusOr<std::unique_ptr<TextPrescan>> Create(RedactionPolicy policy);

  // True with *out filled in, or false: no answer (see above).
  bool Scan(std::string_view text, Result* out) const;

 private:
  TextPrescan(const PatternDatabase* database, unsigned rule_count)
      : database_(database), rule_count_(rule_count) {}

  const PatternDatabase* database_;  // ids: rule index, or rule_count_ + PII row
  const unsigned rule_count_;
};

}  // namespace nethical
