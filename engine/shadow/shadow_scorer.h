// The ML shadow (§7.2): scores every action with a model chosen by
// ShadowConfig, compares it with the rule engine's classification and keeps
// online metrics. It never changes a decision.
//
//   auto scorer = ShadowScorer::Create(config.shadow, config.storage_dir, clock);
//   if (!scorer.ok()) return scorer.status();
//   ShadowInput in;  in.violation_count = 0.2;  in.rule_risk = 0.5;
//   in.rule_class = RuleClass::kWarn;  in.agent_id = a.agent_id;
//   ShadowOutcome out = (*scorer)->Score(in);
//   ShadowMetrics m = (*scorer)->Metrics();
//
// Score() is thread-safe and lock-free: the model is immutable, the metrics
// are striped atomic counters, and the log line goes into a bounded queue
// drained by a writer thread (dropped and counted when full).
// Classes are "pass" / "warn" / "deny" (risk_class.h).
// scores_agree: |ml_score - rule_risk| <= ShadowConfig::score_threshold.
// classes_agree: the rule class is known and equals the ML class.
// With ShadowConfig::enabled or ::log_enabled false there is no log: no
// directory is created, no file opened, no thread started.
#pragma once

#include <memory>
#include <string>

#include "engine/base/clock.h"
#include "engine/base/status.h"
#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"
#include "engine/shadow/shadow_input.h"
#include "engine/shadow/shadow_log.h"
#include "engine/shadow/shadow_metrics.h"
#include "engine/shadow/shadow_model.h"

namespace nethical::shadow {

class ShadowScorer {
 public:
  // REQUIRES: Validate(config).ok() (engine/config/config_validation.h).
  // Loads the logistic weights if configured, and opens the region's log if
  // logging:
  // ShadowLogDirFor(storage_dir, region) = <storage_dir>/<region or
  // "default">/shadow_logs/, every line naming the region.
  // `clock` (wall time for log timestamps) must outlive the scorer.
  static StatusOr<std::unique_ptr<ShadowScorer>> Create(const ShadowConfig& config,
                                                        const std::string& storage_dir, const Clock& clock,
                                                        const std::string& region = "");

  ShadowOutcome Score(const ShadowInput& in);
  ShadowMetrics Metrics() const;

  // Blocks until every prediction logged so far is written (tests, shutdown).
  // No-op without a log.
  void FlushLog();

  const ScoringModel& model() const { return *model_; }
  // Null when logging is off.
  const ShadowLog* log() const { return log_.get(); }

 private:
  ShadowScorer(double score_threshold, std::unique_ptr<ScoringModel> model, std::unique_ptr<ShadowLog> log,
               const Clock& clock)
      : score_threshold_(score_threshold), model_(std::move(model)), log_(std::move(log)), clock_(clock) {}

  const double score_threshold_;
  const std::unique_ptr<ScoringModel> model_;
  ShadowMetricsRecorder metrics_;
  const std::unique_ptr<ShadowLog> log_;
  const Clock& clock_;
};

}  // namespace nethical::shadow
