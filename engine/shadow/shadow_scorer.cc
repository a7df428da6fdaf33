#include "engine/shadow/shadow_scorer.h"

#include <algorithm>
#include <cmath>

#include "engine/shadow/default_weights.h"
#include "engine/shadow/risk_class.h"

namespace nethical::shadow {

StatusOr<std::unique_ptr<ShadowScorer>> ShadowScorer::Create(const ShadowConfig& config,
                                                             const std::string& storage_dir,
                                                             const Clock& clock, const std::string& region) {
  std::unique_ptr<ScoringModel> model;
  switch (config.model) {
    case nethical::ShadowModel::kHeuristic:
      model = std::make_unique<HeuristicModel>();
      break;
    case nethical::ShadowModel::kLogistic: {
      StatusOr<LogisticModel> logistic =
          config.model_file.empty() ? LogisticModel::Parse(kDefaultShadowWeights, kDefaultShadowWeightsName)
                                    : LogisticModel::Load(config.model_file);
      if (!logistic.ok()) return logistic.status();
      model = std::make_unique<LogisticModel>(std::move(logistic).value());
      break;
    }
  }

  std::unique_ptr<ShadowLog> log;
  if (config.enabled && config.log_enabled) {
    StatusOr<std::string> dir = ShadowLogDirFor(storage_dir, region);
    if (!dir.ok()) return dir.status();
    auto opened = ShadowLog::Open(*dir, region, config.log_max_bytes);
    if (!opened.ok()) return opened.status();
    log = std::move(opened).value();
  }
  return std::unique_ptr<ShadowScorer>(
      new ShadowScorer(config.score_threshold, std::move(model), std::move(log), clock));
}

ShadowOutcome ShadowScorer::Score(const ShadowInput& in) {
  double x[kShadowFeatureCount];
  const uint8_t present = ShadowFeatureVector(in, x);
  const ModelScore ms = model_->ScoreFeatures(x, present);
  const RuleClass ml_class = ClassifyRisk(ms.score);
  const bool scores_agree = std::abs(ms.score - in.rule_risk) <= score_threshold_;
  const bool classes_agree = in.rule_class.has_value() && *in.rule_class == ml_class;
  metrics_.Record(ms.confidence, ml_class, in.rule_class, scores_agree);

  if (log_ != nullptr) {
    const int64_t wall = in.wall_nanos ? *in.wall_nanos : clock_.WallNanos();
    log_->Append([&](ShadowLogRecord& r) {
      r.wall_nanos = wall;
      r.ml_score = ms.score;
      r.ml_confidence = ms.confidence;
      r.rule_risk = in.rule_risk;
      r.ml_class = ml_class;
      r.rule_class = in.rule_class;
      r.scores_agree = scores_agree;
      r.classes_agree = classes_agree;
      r.feature_present_mask = present;
      std::copy(x, x + kShadowFeatureCount, r.features.begin());
      r.agent_id.assign(in.agent_id);
      r.action_id.assign(in.action_id);
    });
  }

  ShadowOutcome out;
  out.ml_score = ms.score;
  out.ml_class = ml_class;
  out.confidence = ms.confidence;
  out.scores_agree = scores_agree;
  out.classes_agree = classes_agree;
  out.rule_class = in.rule_class;
  out.rule_risk = in.rule_risk;
  static_assert(kShadowFeatureCount <= ShadowOutcome::kMaxFeatures);
  for (int i = 0; i < kShadowFeatureCount; ++i)
    if (present & (1u << i)) out.features[out.feature_count++] = {kShadowFeatureNames[i], x[i]};
  return out;
}

ShadowMetrics ShadowScorer::Metrics() const {
  ShadowMetrics m = metrics_.Snapshot();
  if (log_ != nullptr) {
    const ShadowLogCounters c = log_->Counters();
    m.log_lines_written = c.written;
    m.log_lines_dropped = c.dropped;
    m.log_rotations = c.rotations;
    m.log_write_errors = c.write_errors;
  }
  return m;
}

void ShadowScorer::FlushLog() {
  if (log_ != nullptr) log_->Flush();
}

}  // namespace nethical::shadow
