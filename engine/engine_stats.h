// EngineStats: what the heavy-tier stages have counted since the engine was
// created, for reports (the load generator's summary). A stage that is off
// leaves its field empty, so a reader shows a block only when the stage ran.
//
//   EngineStats s = engine->Stats();   // any thread, any time
//   if (s.shadow) { s.shadow->class_agreement_rate; ... }
//
// Reading costs a pass over striped counters (no lock on the evaluation
// path); each figure is some recent value, exact once evaluation has stopped.
#pragma once

#include <cstdint>
#include <optional>

#include "engine/shadow/risk_blender.h"
#include "engine/shadow/shadow_metrics.h"
#include "engine/stage_timing.h"
#include "engine/shared_state/shared_state_counts.h"

namespace nethical {

// What opening the audit log cut off: a torn tail (a frame a crash left
// half written; never an acknowledged record).
struct AuditRecoveryCounts {
  uint64_t truncated_bytes = 0;
  uint64_t dropped_records = 0;
};

// Alerts the anomaly stage reported (Verdict::anomaly), by severity name.
struct AnomalyAlertCounts {
  uint64_t low = 0;
  uint64_t high = 0;
  uint64_t critical = 0;
};

struct EngineStats {
  // ML shadow: confusion matrix (deny = positive), agreement rates, ECE over
  // five bins, log counters. Empty unless NETHICAL_SHADOW_ENABLED.
  std::optional<shadow::ShadowMetrics> shadow;
  // Blended risk: blends, gray-zone blends, escalations, de-escalations.
  // Empty unless NETHICAL_BLEND_ENABLED.
  std::optional<shadow::BlendCounters> blend;
  // Empty unless anomaly detection is on.
  std::optional<AnomalyAlertCounts> anomaly_alerts;
  // Audit records covered by the newest durable tree head (AuditLog::
  // AnchoredSize). Empty unless Merkle anchoring is on.
  std::optional<uint64_t> audit_anchored;
  // What recovery truncated when the log was opened. Empty unless Merkle
  // anchoring is on.
  std::optional<AuditRecoveryCounts> audit_recovery;
  // Checks, errors and failure-policy outcomes of the shared quota state
  // (Redis). Empty unless the quota is on with NETHICAL_SHARED_STATE.
  std::optional<SharedStateCounts> shared_state;
  // Per-stage time of the sampled actions (Engine::EnableStageTiming).
  // Empty unless enabled.
  std::optional<StageTimingStats> stages;
};

}  // namespace nethical
