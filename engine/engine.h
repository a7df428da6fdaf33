// Engine: the governance pipeline behind Evaluator::Evaluate.
//
//   SteadyClock clock;
//   auto engine = Engine::Create(config, clock);   // runs Validate(config) (config_validation.h)
//   if (!engine.ok()) { ... engine.status().message() names the key ... }
//   Verdict v = (*engine)->Evaluate(action);        // from any thread
//   (*engine)->Shutdown();
//
// Stages, in the original's order (docs/original.md §2.3): input screen
// -> residency -> quarantine -> quota -> PII -> detectors -> judge ->
// taxonomy -> risk -> shadow/blend, anomaly -> correlation -> audit, then
// the SLA monitor records the evaluation's time (governance_stages.h). Each stage reads its section of
// EngineConfig; a disabled stage costs nothing. Decisions come from the input screen, the quota stage and the
// judge; enforcement switches let residency (BLOCK), quarantine and anomaly
// (QUARANTINE) and the blend decide too; the rest inform.
//
// Contract:
//  - Evaluate is thread-safe and never throws. Bad input (empty agent id,
//    text above quota.max_payload_bytes, invalid UTF-8, NUL bytes) yields a
//    Verdict with rejected_input = true, decision BLOCK and the reason.
//  - Per-agent state is sharded (no global lock on the hot path) and bounded
//    by max_agents and agent_idle_seconds.
//  - Shutdown is idempotent and flushes what stages buffer; Evaluate after
//    Shutdown returns BLOCK with reason "engine is shut down".
//  - `clock` must outlive the engine.
//  - Stats() (engine_stats.h) reads the heavy-tier counters from any thread;
//    a stage that is off leaves its field empty.
#pragma once

#include <atomic>
#include <memory>
#include <optional>

#include "engine/anomaly/anomaly_detector.h"
#include "engine/anomaly/anomaly_log.h"
#include "engine/audit/audit_log.h"
#include "engine/base/clock.h"
#include "engine/base/status.h"
#include "engine/config/engine_config.h"
#include "engine/detect/detect_stage.h"
#include "engine/engine_stats.h"
#include "engine/governance_stages.h"
#include "engine/model/evaluator.h"
#include "engine/quota/quota_enforcer.h"
#include "engine/redact/redactor.h"
#include "engine/risk/risk_store.h"
#include "engine/shadow/blended_log.h"
#include "engine/shadow/risk_blender.h"
#include "engine/shadow/shadow_scorer.h"
#include "engine/stage_timing.h"
#include "engine/text_prescan.h"

namespace nethical {

class Engine final : public Evaluator {
 public:
  static StatusOr<std::unique_ptr<Engine>> Create(const EngineConfig& config, const Clock& clock);

  Verdict Evaluate(const Action& action) override;
  Status Shutdown();
  EngineStats Stats() const;
  // Times every stage of one action in `one_in` (stage_timing.h); Stats()
  // then carries the per-stage histograms. 0 turns it off. REQUIRES: called
  // before the first Evaluate (not concurrently with it).
  void EnableStageTiming(uint32_t one_in);
  // The quarantine list, to quarantine or release an agent or cohort by
  // hand (quarantine_manager.h); null unless NETHICAL_ENABLE_QUARANTINE.
  quarantine::QuarantineManager* quarantine_manager() { return governance_->quarantine_manager(); }

 private:
  Engine(const EngineConfig& config, const Clock& clock) : config_(config), clock_(clock) {}

  Verdict RunPipeline(const Action& action);
  Verdict StartVerdict(const Action& action) const;
  bool AcceptInput(const Action& action, Verdict* v) const;
  bool AdmitByQuota(const Action& action, Verdict* v);
  // `prescan`: the action's TextPrescan answer, or null.
  void ScanPii(const Action& action, const TextPrescan::Result* prescan, Verdict* v) const;
  void DetectAndJudge(const Action& action, const TextPrescan::Result* prescan, Verdict* v) const;
  risk::RiskResult UpdateRisk(const Action& action, int64_t now_nanos, Verdict* v);
  void ScoreShadowAndBlend(const Action& action, const risk::RiskResult& risk, Verdict* v);
  // `now_nanos`: the action's monotonic reading (RunPipeline's start).
  void RecordAnomaly(const Action& action, int64_t now_nanos, Verdict* v);
  void AppendAudit(const Action& action, int64_t now_nanos, Verdict* v);

  const EngineConfig config_;
  const Clock& clock_;
  std::unique_ptr<quota::QuotaEnforcer> quota_;  // null when quotas are off
  std::unique_ptr<redact::Redactor> redactor_;   // PII scan, in every privacy mode
  std::unique_ptr<detect::DetectStage> detect_;  // null when detectors are off
  // One pass for both stages above; null when detectors are off.
  std::unique_ptr<TextPrescan> prescan_;
  std::unique_ptr<risk::RiskStore> risk_;              // RiskTracker, or RedisRisk with NETHICAL_SHARED_RISK
  std::unique_ptr<shadow::ShadowScorer> shadow_;       // null when shadow mode is off
  std::optional<shadow::RiskBlender> blender_;         // empty when blending is off
  std::unique_ptr<anomaly::AnomalyDetector> anomaly_;  // null when anomaly detection is off
  // The JSONL logs (null when their stage or NETHICAL_*_LOG is off).
  std::unique_ptr<shadow::BlendedLog> blend_log_;
  std::unique_ptr<anomaly::AnomalyLog> anomaly_log_;
  std::unique_ptr<audit::AuditLog> audit_;  // null when Merkle anchoring is off
  // Residency, quarantine, taxonomy, correlation, SLA (each null inside when off).
  std::unique_ptr<GovernanceStages> governance_;
  // Alerts by severity (low, high, critical). Touched only when an alert
  // fires, which the per-(type, agent, cohort) cooldown keeps rare.
  std::atomic<uint64_t> alerts_[kAlertSeverityCount] = {};  // by AlertSeverity
  std::atomic<bool> shut_down_{false};
  std::unique_ptr<StageTimings> timings_;  // null unless EnableStageTiming
};

}  // namespace nethical
