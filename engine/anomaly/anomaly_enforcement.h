// What an anomaly alert does to a decision. Alerts are informational by
// default (as in the original); with AnomalyConfig::enforce
// (NETHICAL_ANOMALY_ENFORCE) a critical alert raises the decision to at
// least QUARANTINE. The pipeline applies this after the other stages.
#pragma once

#include <algorithm>

#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"

namespace nethical::anomaly {

inline Decision EnforceAnomaly(Decision decision, const AnomalyAlert& alert, const AnomalyConfig& config) {
  if (!config.enforce || alert.severity != AlertSeverity::kCritical) return decision;
  return std::max(decision, Decision::kQuarantine);
}

}  // namespace nethical::anomaly
