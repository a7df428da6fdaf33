// Precision and recall of a Redactor over a labeled corpus
// (shared/testdata/pii/labeled.jsonl: {"id", "text", "spans": [{"start",
// "end", "type"}]}). A labeled span is found when a finding of the same type
// overlaps it; a finding is correct when it overlaps a labeled span of its
// type. Recall counts only the types the policy covers; precision counts
// every finding. Lines without spans are clean text or look-alikes.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/base/status.h"
#include "engine/redact/redactor.h"

namespace nethical::redact {

struct LabeledSpan {
  std::string type;
  uint32_t start = 0;
  uint32_t end = 0;
};

struct LabeledText {
  std::string id;
  std::string text;
  std::vector<LabeledSpan> spans;
};

StatusOr<std::vector<LabeledText>> ReadLabeledCorpus(const std::string& path);

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
  int lookalike_lines = 0;           // lines without spans
  int lookalike_lines_flagged = 0;   // of those, lines with any finding
  std::vector<std::string> errors;   // one line per miss or false positive
};

QualityReport MeasureQuality(const Redactor& redactor, RedactionPolicy policy,
                             const std::vector<LabeledText>& corpus);

// The runfiles path of the shared labeled corpus.
std::string LabeledCorpusPath();

}  // namespace nethical::redact
