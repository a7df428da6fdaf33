#include "engine/detect/judge.h"

#include <algorithm>

namespace nethical::detect {
namespace {

// "BLOCK: max severity critical over 2 violation(s): safety, privacy".
std::string Explain(Decision d, Severity max, const std::vector<Violation>& violations) {
  std::string r(DecisionName(d));
  r += ": max severity ";
  r += SeverityName(max);
  r += " over " + std::to_string(violations.size()) + " violation(s): ";
  for (size_t i = 0; i < violations.size(); ++i) {
    if (i > 0) r += ", ";
    r += violations[i].type;
  }
  return r;
}

}  // namespace

Judgment Judge(TextFindings findings) {
  Judgment j;
  j.violations = std::move(findings.violations);
  if (j.violations.empty()) return j;

  Severity max = Severity::kLow;
  double confidence_sum = 0;
  for (const Violation& v : j.violations) {
    max = std::max(max, v.severity);
    confidence_sum += v.confidence;
  }
  if (findings.stage0_reject) {
    j.decision = Decision::kTerminate;
    j.confidence = 1.0;
    j.reason = "TERMINATE: stage-0 review rejected the action (" + j.violations[0].description + ")";
    return j;
  }
  switch (max) {
    case Severity::kEmergency:
      j.decision = Decision::kTerminate;
      j.confidence = 0.95;
      break;
    case Severity::kCritical:
      j.decision = Decision::kBlock;
      j.confidence = 0.9;
      break;
    case Severity::kHigh:
      if (confidence_sum / j.violations.size() > 0.8) {
        j.decision = Decision::kQuarantine;
        j.confidence = 0.85;
      } else {
        j.decision = Decision::kWarn;
        j.confidence = 0.7;
      }
      break;
    case Severity::kMedium:
      j.decision = Decision::kAllowWithModification;
      j.confidence = 0.65;
      break;
    case Severity::kLow:
      j.decision = Decision::kAllow;
      j.confidence = 0.5;
      break;
  }
  j.reason = Explain(j.decision, max, j.violations);
  return j;
}

}  // namespace nethical::detect
