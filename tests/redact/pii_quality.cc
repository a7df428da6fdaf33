#include "tests/redact/pii_quality.h"

#include <cstdlib>
#include <fstream>

#include <nlohmann/json.hpp>

#include "engine/redact/pii_type.h"

namespace nethical::redact {
namespace {

bool Overlaps(uint32_t a_start, uint32_t a_end, uint32_t b_start, uint32_t b_end) {
  return a_start < b_end && b_start < a_end;
}

bool Covered(RedactionPolicy policy, const std::string& type) {
  std::optional<PiiType> t = PiiTypeFromName(type);
  return t && PolicyCovers(policy, *t);
}

}  // namespace

double TypeCounts::precision() const {
  int flagged = true_positives + false_positives;
  return flagged == 0 ? 1.0 : static_cast<double>(true_positives) / flagged;
}

double TypeCounts::recall() const {
  return labeled == 0 ? 1.0 : static_cast<double>(found) / labeled;
}

StatusOr<std::vector<LabeledText>> ReadLabeledCorpus(const std::string& path) {
  std::ifstream in(path);
  if (!in) return NotFound(path + ": cannot open the labeled corpus");
  std::vector<LabeledText> corpus;
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty()) continue;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.contains("text") || !j["text"].is_string() ||
        !j.contains("spans") || !j["spans"].is_array()) {
      return InvalidArgument(path + ":" + std::to_string(line_number) + ": not a labeled record");
    }
    LabeledText record;
    record.id = j.value("id", "");
    record.text = j["text"].get<std::string>();
    for (const nlohmann::json& s : j["spans"]) {
      record.spans.push_back({s.value("type", ""), s.value("start", 0u), s.value("end", 0u)});
    }
    corpus.push_back(std::move(record));
  }
  return corpus;
}

QualityReport MeasureQuality(const Redactor& redactor, RedactionPolicy policy,
                             const std::vector<LabeledText>& corpus) {
  QualityReport report;
  for (const LabeledText& record : corpus) {
    PiiOutcome scan = redactor.Scan(record.text);
    if (record.spans.empty()) {
      ++report.lookalike_lines;
      if (!scan.findings.empty()) ++report.lookalike_lines_flagged;
    }
    for (const PiiFinding& f : scan.findings) {
      bool correct = false;
      for (const LabeledSpan& s : record.spans) {
        correct |= s.type == f.type && Overlaps(f.start, f.end, s.start, s.end);
      }
      TypeCounts& counts = report.by_type[f.type];
      (correct ? counts.true_positives : counts.false_positives)++;
      (correct ? report.overall.true_positives : report.overall.false_positives)++;
      if (!correct) {
        report.errors.push_back(record.id + ": false " + f.type + " '" +
                                record.text.substr(f.start, f.end - f.start) + "'");
      }
    }
    for (const LabeledSpan& s : record.spans) {
      if (!Covered(policy, s.type)) continue;
      bool found = false;
      for (const PiiFinding& f : scan.findings) {
        found |= s.type == f.type && Overlaps(f.start, f.end, s.start, s.end);
      }
      TypeCounts& counts = report.by_type[s.type];
      ++counts.labeled;
      ++report.overall.labeled;
      if (found) {
        ++counts.found;
        ++report.overall.found;
      } else {
        report.errors.push_back(record.id + ": missed " + s.type + " '" +
                                record.text.substr(s.start, s.end - s.start) + "'");
      }
    }
  }
  return report;
}

std::string LabeledCorpusPath() {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  std::string root = srcdir != nullptr ? srcdir : "";
  if (root.empty()) {
    // `bazel run` sets RUNFILES_DIR rather than TEST_SRCDIR.
    const char* runfiles = std::getenv("RUNFILES_DIR");
    root = runfiles != nullptr ? runfiles : "..";
  }
  return root + "/shared_testdata/pii/labeled.jsonl";
}

}  // namespace nethical::redact
