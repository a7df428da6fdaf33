#include "engine/engine.h"

#include <exception>
#include <string>

#include "engine/anomaly/anomaly_enforcement.h"
#include "engine/config/config_validation.h"
#include "engine/input_check.h"
#include "engine/risk/redis_risk.h"
#include "engine/risk/risk_tracker.h"
#include "engine/rule_view.h"

namespace nethical {

StatusOr<std::unique_ptr<Engine>> Engine::Create(const EngineConfig& config, const Clock& clock) {
  // The one check of every setting; each stage below REQUIRES a valid section.
  if (Status s = Validate(config); !s.ok()) return s;
  std::unique_ptr<Engine> engine(new Engine(config, clock));
  if (config.quota.enabled) {
    engine->quota_ = std::make_unique<quota::QuotaEnforcer>(config.quota, clock);
  }
  {
    // PII detection runs in every privacy mode; the mode decides only what
    // is stored and released (AppendAudit).
    auto redactor = redact::Redactor::Create(config.privacy);
    if (!redactor.ok()) return redactor.status();
    engine->redactor_ = std::move(redactor).value();
  }
  if (config.detect.enabled) {
    auto detect = detect::DetectStage::Create(config.detect, clock);
    if (!detect.ok()) return detect.status();
    engine->detect_ = std::move(detect).value();
    auto prescan = TextPrescan::Create(config.privacy.redaction_policy);
    if (!prescan.ok()) return prescan.status();
    engine->prescan_ = std::move(prescan).value();
  }
  if (config.risk.shared)
    engine->risk_ =
        std::make_unique<risk::RedisRisk>(risk::RedisRisk::Options{.risk = config.risk,
                                                                   .shared_state = config.quota,
                                                                   .max_agents = config.max_agents,
                                                                   .idle_seconds = config.agent_idle_seconds},
                                          clock);
  else
    engine->risk_ = std::make_unique<risk::RiskTracker>(risk::RiskTracker::Options{
        .risk = config.risk, .max_agents = config.max_agents, .idle_seconds = config.agent_idle_seconds});
  if (config.shadow.enabled) {
    // One shadow log per region, beside its audit log (shadow_log.h).
    auto scorer = shadow::ShadowScorer::Create(config.shadow, config.storage_dir, clock, config.region_id);
    if (!scorer.ok()) return scorer.status();
    engine->shadow_ = std::move(scorer).value();
  }
  if (config.blend.enabled) engine->blender_.emplace(config.blend);
  if (config.blend.enabled && config.blend.log_enabled) {
    auto log = shadow::OpenBlendedLog(config.storage_dir, config.region_id, config.blend.log_max_bytes);
    if (!log.ok()) return log.status();
    engine->blend_log_ = std::move(log).value();
  }
  if (config.anomaly.enabled) {
    auto detector = anomaly::AnomalyDetector::Create(config.anomaly, clock,
                                                     {config.max_agents, config.agent_idle_seconds});
    if (!detector.ok()) return detector.status();
    engine->anomaly_ = std::move(detector).value();
    if (config.anomaly.log_enabled) {
      auto log = anomaly::OpenAnomalyLog(config.storage_dir, config.region_id, config.anomaly.log_max_bytes);
      if (!log.ok()) return log.status();
      engine->anomaly_log_ = std::move(log).value();
    }
  }
  if (config.audit.enabled) {
    auto log = audit::AuditLog::Open(config.storage_dir, config.region_id, config.audit, clock);
    if (!log.ok()) return log.status();
    engine->audit_ = std::move(log).value();
  }
  auto governance = GovernanceStages::Create(config, clock);
  if (!governance.ok()) return governance.status();
  engine->governance_ = std::move(governance).value();
  return engine;
}

Verdict Engine::Evaluate(const Action& action) {
  // Nothing below throws by design; an allocation failure is the one
  // exception that could, and it must not escape an Evaluator.
  try {
    return RunPipeline(action);
  } catch (const std::exception& e) {
    Verdict v = StartVerdict(action);
    v.decision = Decision::kBlock;
    v.reasons.push_back(std::string("internal error: ") + e.what());
    return v;
  }
}

// The pipeline: each stage reads the action and what earlier stages wrote
// into the verdict.
// On a sampled action (EnableStageTiming) `t` attributes the time between
// laps to each stage; otherwise a lap is one branch.
Verdict Engine::RunPipeline(const Action& action) {
  GovernanceStages& g = *governance_;
  // One monotonic reading per action: the SLA's start, and the time the
  // quarantine, risk, anomaly, correlation and audit stages see (each read
  // its own before: ~25 ns a reading, a dozen a full-stack action). The
  // shadow log line carries the verdict's wall time.
  const int64_t start_nanos = clock_.NowNanos();
  StageClock t(timings_.get(), clock_);
  Verdict v = StartVerdict(action);
  const bool accepted = AcceptInput(action, &v);
  t.Lap(Stage::kInputScreen);
  if (!accepted) return v;
  // Residency and quarantine answer before the quota and the detectors run
  // when enforced (the fast path); informational otherwise.
  bool admitted = !g.residency_on() || g.ScreenResidency(&v);
  if (g.residency_on()) t.Lap(Stage::kResidency);
  if (admitted && g.quarantine_on())
    admitted = g.ScreenQuarantine(action, start_nanos, &v), t.Lap(Stage::kQuarantine);
  if (admitted && quota_) admitted = AdmitByQuota(action, &v), t.Lap(Stage::kQuota);
  if (admitted) {
    // One pass over the text for the PII scan and the detectors, when the
    // detectors will scan it (no judgment cache hits to expect); its cost
    // counts as the PII stage's.
    TextPrescan::Result found;
    const bool prescanned = prescan_ && detect_->CacheLeftOut() && prescan_->Scan(action.text, &found);
    ScanPii(action, prescanned ? &found : nullptr, &v);
    t.Lap(Stage::kPii);
    if (detect_) DetectAndJudge(action, prescanned ? &found : nullptr, &v), t.Lap(Stage::kDetectJudge);
    if (g.taxonomy_on()) g.Tag(action, &v), t.Lap(Stage::kTaxonomy);
    const risk::RiskResult risk = UpdateRisk(action, start_nanos, &v);
    t.Lap(Stage::kRisk);
    if (shadow_ || blender_) ScoreShadowAndBlend(action, risk, &v), t.Lap(Stage::kShadowBlend);
    if (anomaly_) RecordAnomaly(action, start_nanos, &v), t.Lap(Stage::kAnomaly);
    if (g.quarantine_on()) g.AutoQuarantine(action, v);
    if (g.correlation_on()) g.Correlate(action, start_nanos, &v), t.Lap(Stage::kCorrelation);
  }
  if (audit_) AppendAudit(action, start_nanos, &v), t.Lap(Stage::kAudit);
  if (g.sla_on()) g.RecordLatency(start_nanos), t.Lap(Stage::kSla);
  return v;
}

Verdict Engine::StartVerdict(const Action& action) const {
  Verdict v;
  v.agent_id = action.agent_id;
  v.action_id = action.action_id;
  v.timestamp_ns = clock_.WallNanos();
  v.region_id = action.region_id.empty() ? config_.region_id : action.region_id;
  v.logical_domain = action.logical_domain.empty() ? config_.logical_domain : action.logical_domain;
  return v;
}

bool Engine::AcceptInput(const Action& action, Verdict* v) const {
  if (shut_down_.load(std::memory_order_acquire)) {
    v->decision = Decision::kBlock;
    v->reasons.push_back("engine is shut down");
    return false;
  }
  std::string reason = CheckAction(action, config_.quota.max_payload_bytes);
  if (reason.empty()) return true;
  v->decision = Decision::kBlock;
  v->rejected_input = true;
  v->reasons.push_back(std::move(reason));
  return false;
}

// A quota BLOCK ends evaluation early, as in the original; THROTTLE admits.
bool Engine::AdmitByQuota(const Action& action, Verdict* v) {
  v->quota = quota_->Check(action.agent_id, action.cohort, v->region_id);
  if (v->quota->decision != QuotaDecision::kBlock) return true;
  v->decision = Decision::kBlock;
  v->reasons.push_back(v->quota->reason);
  return false;
}

// The one PII scan of the action: the detectors' PrivacyDetector, the risk
// stage and the audit record all use these findings.
void Engine::ScanPii(const Action& action, const TextPrescan::Result* prescan, Verdict* v) const {
  v->pii = prescan ? redactor_->Scan(action.text, prescan->pii_shared_rows) : redactor_->Scan(action.text);
}

void Engine::DetectAndJudge(const Action& action, const TextPrescan::Result* prescan, Verdict* v) const {
  std::shared_ptr<const detect::Judgment> j =
      detect_->Evaluate(action, *v->pii, prescan ? &prescan->rules : nullptr);
  v->decision = j->decision;
  v->confidence = j->confidence;
  v->violations.insert(v->violations.end(), j->violations.begin(), j->violations.end());
  if (!j->reason.empty()) v->reasons.push_back(j->reason);
}

risk::RiskResult Engine::UpdateRisk(const Action& action, int64_t now_nanos, Verdict* v) {
  risk::RiskInput in;
  in.pii_risk = v->pii ? v->pii->risk : 0.0;
  in.backpressure = v->quota ? v->quota->backpressure : 0.0;
  in.violation_score = risk::ActionViolationScore(v->violations, in.pii_risk);
  in.is_privileged = action.context.is_privileged;
  in.is_automated = action.context.is_automated;
  risk::RiskResult r = risk_->Update(action.agent_id, in, now_nanos);
  v->risk_score = r.score;
  v->risk_tier = r.tier;
  return r;
}

// Shadow only observes; the blend may raise the decision (risk_blender.h).
// The shadow's label is the decision so far (the judge's), its recency and
// frequency the agent's history from the risk tracker.
void Engine::ScoreShadowAndBlend(const Action& action, const risk::RiskResult& risk, Verdict* v) {
  if (shadow_)
    v->shadow =
        shadow_->Score(ShadowInputFor(action, *v, {risk.violation_recency, risk.violation_frequency}));
  if (!blender_) return;
  double ml = shadow::BlendMlScore(config_.blend.source, action.Feature("ml_score"), v->shadow);
  const double rule_risk = RuleRisk(action, *v);
  v->blended = blender_->Blend(rule_risk, ml);
  v->decision = shadow::BlendedDecision(v->decision, *v->blended);
  if (blend_log_)
    blend_log_->Append([&](shadow::BlendedDecisionRecord& r) {
      r.wall_nanos = v->timestamp_ns;
      r.rule_risk = rule_risk;
      r.ml_score = ml;
      r.outcome = *v->blended;
      r.agent_id.assign(action.agent_id);
      r.action_id.assign(action.action_id);
    });
}

// Alerts inform; with NETHICAL_ANOMALY_ENFORCE a critical one quarantines.
void Engine::RecordAnomaly(const Action& action, int64_t now_nanos, Verdict* v) {
  // Drift compares the action's own risk (a caller's rule risk, else its
  // violations' score), not the agent's accumulated one: that one rises
  // for minutes after a start as agents gather history, which a stationary
  // workload would otherwise report as drift.
  const double action_risk =
      action.rule_risk_score.value_or(risk::ActionViolationScore(v->violations, v->pii ? v->pii->risk : 0.0));
  v->anomaly = anomaly_->Record(action.agent_id, action.cohort, action.type, action_risk, now_nanos);
  if (!v->anomaly) return;
  v->decision = anomaly::EnforceAnomaly(v->decision, *v->anomaly, config_.anomaly);
  alerts_[static_cast<int>(v->anomaly->severity)].fetch_add(1, std::memory_order_relaxed);
  if (anomaly_log_)
    anomaly_log_->Append([&](anomaly::AnomalyAlertRecord& r) {
      r.wall_nanos = v->timestamp_ns;
      r.type = v->anomaly->type;
      r.severity = v->anomaly->severity;
      r.agent_id.assign(action.agent_id);
      r.action_id.assign(action.action_id);
      r.cohort.assign(action.cohort);
      r.description.assign(v->anomaly->description);
    });
}

namespace {
// A thread's audit record keeps its text's memory up to this size.
constexpr size_t kMaxRetainedAuditText = 64 << 10;
}  // namespace

// The record stores the text as the privacy mode allows: redacted, except
// verbatim with privacy mode none (a notice says so at start, see
// ConfigBuilder::Notices in engine/config/config_builder.h).
void Engine::AppendAudit(const Action& action, int64_t now_nanos, Verdict* v) {
  // One record per thread, its strings' capacity reused: no allocation per
  // action for the ids and the text (stored as it is, or redacted).
  thread_local audit::AuditRecord r;
  r.agent_id.assign(action.agent_id);
  r.action_id.assign(action.action_id);
  r.decision.assign(DecisionName(v->decision));
  r.risk = v->risk_score;
  r.violation = v->violation_detected();
  r.timestamp_ns = v->timestamp_ns;
  if (config_.privacy.mode == PrivacyMode::kNone) {
    r.text.assign(action.text);
  } else {
    // A quota BLOCK skipped the PII stage; the stored text is redacted anyway.
    redactor_->RedactInto(action.text, v->pii ? *v->pii : redactor_->Scan(action.text), &r.text);
  }
  const std::optional<uint64_t> leaf = audit_->Append(r, now_nanos);
  if (r.text.capacity() > kMaxRetainedAuditText) std::string().swap(r.text);  // a huge text is not kept
  if (leaf) {
    v->audit = AuditPosition{*leaf};
    return;
  }
  // Not in the log, so not acknowledged: fail closed.
  v->audit_failed = true;
  v->decision = Decision::kBlock;
  v->reasons.push_back("audit log write failed: the action was not recorded");
}

Status Engine::Shutdown() {
  if (shut_down_.exchange(true, std::memory_order_acq_rel)) return Status::Ok();
  if (shadow_) shadow_->FlushLog();
  if (blend_log_) blend_log_->Flush();
  if (anomaly_log_) anomaly_log_->Flush();
  return audit_ ? audit_->Flush() : Status::Ok();
}

EngineStats Engine::Stats() const {
  EngineStats s;
  if (shadow_) s.shadow = shadow_->Metrics();
  if (blender_) s.blend = blender_->Counters();
  if (anomaly_)
    s.anomaly_alerts = AnomalyAlertCounts{
        alerts_[static_cast<int>(AlertSeverity::kInfo)].load(std::memory_order_relaxed),
        alerts_[static_cast<int>(AlertSeverity::kWarning)].load(std::memory_order_relaxed),
        alerts_[static_cast<int>(AlertSeverity::kCritical)].load(std::memory_order_relaxed)};
  if (blend_log_) s.blend_log = blend_log_->Counters();
  if (anomaly_log_) s.anomaly_log = anomaly_log_->Counters();
  if (audit_) s.audit_anchored = audit_->AnchoredSize();
  if (audit_)
    s.audit_recovery =
        AuditRecoveryCounts{audit_->recovery().truncated_bytes, audit_->recovery().dropped_records,
                            audit_->recovery().restored_records, audit_->recovery().unrestored_bytes};
  if (quota_) s.shared_state = quota_->SharedState();
  s.shared_risk = risk_->SharedState();
  if (quarantine::QuarantineManager* q = governance_->quarantine_manager())
    s.shared_quarantine = q->SharedState();
  if (timings_) s.stages = timings_->Snapshot();
  governance_->AddStats(&s);
  return s;
}

void Engine::EnableStageTiming(uint32_t one_in) {
  timings_ = one_in > 0 ? std::make_unique<StageTimings>(one_in) : nullptr;
}

}  // namespace nethical
