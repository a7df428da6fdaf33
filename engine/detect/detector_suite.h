// DetectorSuite: the original's text screens (docs/original.md §3): the
// AILawyer stage-0 phrase screens and the 14 rule detectors, run over one
// text with a single pattern pass (TextScanner) plus the few computed checks
// (text_statistics.h).
//
//   auto suite = DetectorSuite::Create();
//   PiiOutcome pii = redactor->Scan(action.text);  // the PII stage's findings
//   TextFindings f;
//   suite->Screen(action.text, pii, &f);
//   // f.stage0_reject: a stage-0 phrase matched; f.violations says which.
//
// The PrivacyDetector (7) scans nothing itself: it reports `pii`, the
// findings of the engine's one PII scan (engine/redact), one violation per
// PII type found ("PII detected: ssn"). So a text is flagged for PII if and
// only if the redactor changes it, and no second regex pass disagrees.
//
// Contract: the result depends on the text and `pii` only; `pii` is a
// function of the text for a given redactor configuration, so the result may
// be cached by a digest of the text. REQUIRES: text is valid UTF-8 (the
// engine checks it).
// Thread-safe; Screen allocates only for the violations it reports.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/detect/text_scanner.h"
#include "engine/model/verdict.h"

namespace nethical::detect {

struct TextFindings {
  // A stage-0 screen rejected the text: the original then skips the
  // detectors and decides TERMINATE. violations holds the stage-0 findings.
  bool stage0_reject = false;
  std::vector<Violation> violations;
};

class DetectorSuite {
 public:
  static StatusOr<std::unique_ptr<DetectorSuite>> Create();

  // Replaces *out with what the screens find in `text`; `pii` holds the
  // PII stage's findings for the same text.
  // `rule_hits`, when not null: the rules of the catalog that match in
  // `text`, from the caller's own pass (engine/text_prescan.h); else the
  // suite's scanner finds them.
  void Screen(std::string_view text, const PiiOutcome& pii, TextFindings* out,
              const RuleHits* rule_hits = nullptr) const;

 private:
  explicit DetectorSuite(std::unique_ptr<TextScanner> scanner) : scanner_(std::move(scanner)) {}

  void StageZero(const RuleHits& hits, TextFindings* out) const;
  void RunDetectors(std::string_view text, const RuleHits& hits, const PiiOutcome& pii,
                    std::vector<Violation>* out) const;

  std::unique_ptr<TextScanner> scanner_;
};

}  // namespace nethical::detect
