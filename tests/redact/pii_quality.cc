#include "tests/redact/pii_quality.h"

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

double TypeCounts::recall() const { return labeled == 0 ? 1.0 : static_cast<double>(found) / labeled; }

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
      const std::string type(PiiTypeName(f.type));
      bool correct = false;
      for (const LabeledSpan& s : record.spans) {
        correct |= s.type == type && Overlaps(f.start, f.end, s.start, s.end);
      }
      TypeCounts& counts = report.by_type[type];
      (correct ? counts.true_positives : counts.false_positives)++;
      (correct ? report.overall.true_positives : report.overall.false_positives)++;
      if (!correct) {
        report.errors.push_back(record.id + ": false " + type + " '" +
                                record.text.substr(f.start, f.end - f.start) + "' in: " + record.text);
      }
    }
    for (const LabeledSpan& s : record.spans) {
      if (!Covered(policy, s.type)) continue;
      bool found = false;
      for (const PiiFinding& f : scan.findings) {
        found |= s.type == PiiTypeName(f.type) && Overlaps(f.start, f.end, s.start, s.end);
      }
      TypeCounts& counts = report.by_type[s.type];
      ++counts.labeled;
      ++report.overall.labeled;
      if (found) {
        ++counts.found;
        ++report.overall.found;
      } else {
        report.errors.push_back(record.id + ": missed " + s.type + " '" +
                                record.text.substr(s.start, s.end - s.start) + "' in: " + record.text);
      }
    }
  }
  return report;
}

StatusOr<QualityReport> MeasurePolicy(RedactionPolicy policy, const std::vector<LabeledText>& corpus) {
  PrivacyConfig config;
  config.redaction_policy = policy;
  StatusOr<std::unique_ptr<Redactor>> redactor = Redactor::Create(config);
  if (!redactor.ok()) return redactor.status();
  return MeasureQuality(**redactor, policy, corpus);
}

}  // namespace nethical::redact
