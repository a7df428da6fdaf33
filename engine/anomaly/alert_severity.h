// Alert severities. The original has three (info, warning, critical); an
// AnomalyAlert names them "low", "high" and "critical" ("medium" is unused).
// A score-based alert (frequency, sequence, behavioral) is critical at a
// score >= 0.9, high at >= 0.75, else low; drift uses its own bands
// (drift_metrics.h). With AnomalyConfig::enforce a critical alert escalates
// the decision to QUARANTINE (anomaly_enforcement.h).
#pragma once

#include <string_view>

namespace nethical::anomaly {

enum class AlertSeverity { kInfo, kWarning, kCritical };

inline std::string_view AlertSeverityName(AlertSeverity s) {
  switch (s) {
    case AlertSeverity::kCritical: return "critical";
    case AlertSeverity::kWarning: return "high";
    case AlertSeverity::kInfo: return "low";
  }
  return "low";
}

inline AlertSeverity AlertSeverityOfScore(double score) {
  if (score >= 0.9) return AlertSeverity::kCritical;
  if (score >= 0.75) return AlertSeverity::kWarning;
  return AlertSeverity::kInfo;
}

}  // namespace nethical::anomaly
