// When an alert is which severity. The original has three (info, warning,
// critical); the enum and its names ("low", "high", "critical") are
// AlertSeverity and AlertSeverityName in engine/model/verdict.h.
// A score-based alert (frequency, sequence, behavioral) is critical at a
// score >= 0.9, high at >= 0.75, else low; drift uses its own bands
// (drift_metrics.h). With AnomalyConfig::enforce a critical alert escalates
// the decision to QUARANTINE (anomaly_enforcement.h).
#pragma once

#include "engine/model/verdict.h"

namespace nethical::anomaly {

inline AlertSeverity AlertSeverityOfScore(double score) {
  if (score >= 0.9) return AlertSeverity::kCritical;
  if (score >= 0.75) return AlertSeverity::kWarning;
  return AlertSeverity::kInfo;
}

}  // namespace nethical::anomaly
