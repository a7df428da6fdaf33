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

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "engine/base/jsonl_log.h"
#include "engine/correlation/correlation_engine.h"
#include "engine/shadow/risk_blender.h"
#include "engine/shadow/shadow_metrics.h"
#include "engine/shared_state/shared_state_counts.h"
#include "engine/sla/sla_monitor.h"
#include "engine/stage_timing.h"
#include "engine/taxonomy/ethical_taxonomy.h"

namespace nethical {

// What opening the audit log repaired: a torn tail (a frame a crash left
// half written) it cut off, the acknowledged records it wrote from the
// staging ring, and ring bytes it could not place after the segment (only
// a power loss leaves those).
struct AuditRecoveryCounts {
  uint64_t truncated_bytes = 0;
  uint64_t dropped_records = 0;
  uint64_t restored_records = 0;
  uint64_t unrestored_bytes = 0;
};

// Alerts the anomaly stage reported (Verdict::anomaly), by severity name.
struct AnomalyAlertCounts {
  uint64_t low = 0;
  uint64_t high = 0;
  uint64_t critical = 0;
};

// The quarantine stage: lookups that found a quarantine, what enforcement
// answered, and the automatic quarantines.
struct QuarantineCounts {
  uint64_t held = 0;               // quarantines held now (expired ones not yet read included)
  uint64_t agent_hits = 0;         // actions whose agent was quarantined
  uint64_t cohort_hits = 0;        // actions whose cohort (not agent) was quarantined
  uint64_t enforced = 0;           // answered QUARANTINE (NETHICAL_QUARANTINE_ENFORCE)
  uint64_t auto_on_anomaly = 0;    // quarantines started by a critical anomaly alert
  uint64_t auto_on_terminate = 0;  // quarantines started by a TERMINATE
  uint64_t auto_refused = 0;       // automatic quarantines refused (the manager was full)
  // Quarantined actions per cohort ("" for actions without one), for the
  // first GovernanceStages::kMaxCohortRows cohorts; the rest in other_cohorts.
  std::map<std::string, uint64_t> by_cohort;
  uint64_t other_cohorts = 0;
};

// The ethical taxonomy: actions with a violation, and per dimension
// (taxonomy::Dimension order) how many were tagged with it and how many had
// it as the primary dimension.
struct TaxonomyCounts {
  uint64_t tagged_actions = 0;
  std::array<uint64_t, taxonomy::kDimensionCount> tagged{};
  std::array<uint64_t, taxonomy::kDimensionCount> primary{};
};

struct ResidencyCounts {
  std::string policy;  // EU_GDPR | US_CCPA | AI_ACT | GLOBAL_DEFAULT
  uint64_t checks = 0;
  uint64_t non_compliant = 0;
  uint64_t blocked = 0;  // of which BLOCKed (NETHICAL_DATA_RESIDENCY_ENFORCE)
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
  // Lines written, dropped (queue full), rotations and write errors of the
  // blended decision and anomaly alert logs. Empty unless the log is open.
  std::optional<JsonlLogCounters> blend_log;
  std::optional<JsonlLogCounters> anomaly_log;
  // Audit records covered by the newest durable tree head (AuditLog::
  // AnchoredSize). Empty unless Merkle anchoring is on.
  std::optional<uint64_t> audit_anchored;
  // What recovery truncated when the log was opened. Empty unless Merkle
  // anchoring is on.
  std::optional<AuditRecoveryCounts> audit_recovery;
  // Checks, errors and failure-policy outcomes of the shared quota state
  // (Redis). Empty unless the quota is on with NETHICAL_SHARED_STATE.
  std::optional<SharedStateCounts> shared_state;
  // Updates, replayed updates, errors and failure-policy outcomes of the shared risk
  // states (Redis). Empty unless NETHICAL_SHARED_RISK.
  std::optional<SharedStateCounts> shared_risk;
  // Requests (list reads, changes sent), changes sent late (kept while the
  // server was away) and errors of the shared quarantine list (Redis).
  // Empty unless NETHICAL_SHARED_QUARANTINE.
  std::optional<SharedStateCounts> shared_quarantine;
  // Empty unless NETHICAL_ENABLE_QUARANTINE.
  std::optional<QuarantineCounts> quarantine;
  // Empty unless NETHICAL_ENABLE_ETHICAL_TAXONOMY.
  std::optional<TaxonomyCounts> taxonomy;
  // The SLA monitor's window now, with its breach counts. Empty unless
  // NETHICAL_ENABLE_SLA_MONITORING.
  std::optional<sla::SlaReport> sla;
  // Matches per pattern and tracking counts. Empty unless NETHICAL_ENABLE_CORRELATION.
  std::optional<correlation::CorrelationEngine::Stats> correlation;
  // Empty unless NETHICAL_DATA_RESIDENCY_POLICY is set.
  std::optional<ResidencyCounts> residency;
  // Per-stage time of the sampled actions (Engine::EnableStageTiming).
  // Empty unless enabled.
  std::optional<StageTimingStats> stages;
};

}  // namespace nethical
