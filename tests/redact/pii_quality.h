// Precision and recall of a Redactor over a labeled corpus (the generated
// one of pii_corpus.h). A labeled span is found when a finding of the same
// type overlaps it; a finding is correct when it overlaps a labeled span of
// its type. Recall counts only the types the policy covers; precision counts
// every finding. Records without spans are clean text or look-alikes.
//
//   auto corpus = GeneratePiiCorpus(CorpusSplit::kPublic, seed, 2000);
//   StatusOr<QualityReport> r = MeasurePolicy(RedactionPolicy::kStandard, corpus);
//   r->overall.precision(), r->by_type["EMAIL"].recall(), r->errors ...
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/redact/redactor.h"
#include "tests/redact/pii_corpus.h"

namespace nethical::redact {

struct TypeCounts {
  int true_positives = 0;   // findings that overlap a labeled span of their type
  int false_positives = 0;  // findings that do not
  int labeled = 0;          // labeled spans of a covered type
  int found = 0;            // of those, overlapped by a finding of their type
  double precision() const;
  double recall() const;
};

struct QualityReport {
  std::map<std::string, TypeCounts> by_type;
  TypeCounts overall;
  int lookalike_lines = 0;          // lines without spans
  int lookalike_lines_flagged = 0;  // of those, lines with any finding
  std::vector<std::string> errors;  // one line per miss or false positive, with its text
};

QualityReport MeasureQuality(const Redactor& redactor, RedactionPolicy policy,
                             const std::vector<LabeledText>& corpus);

// MeasureQuality with a Redactor of `policy` (other settings default);
// fails only when the Redactor cannot be created.
StatusOr<QualityReport> MeasurePolicy(RedactionPolicy policy, const std::vector<LabeledText>& corpus);

}  // namespace nethical::redact
