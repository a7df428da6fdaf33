#include "engine/shadow/risk_blender.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/shadow/risk_class.h"

namespace nethical::shadow {
namespace {

constexpr double kNeutralMlScore = 0.5;  // the original's default for a missing ml_score

double Clamp01(double v) { return std::isfinite(v) ? std::clamp(v, 0.0, 1.0) : 0.0; }

}  // namespace

BlendOutcome RiskBlender::Blend(double rule_risk, double ml_score) const {
  const double rule = Clamp01(rule_risk);
  BlendOutcome out;
  out.blended_score = rule;
  if (rule < lower_) {
    out.zone = BlendZone::kClearAllow;
  } else if (rule <= upper_) {
    out.zone = BlendZone::kGray;
    counters_->Add(kGrayZone);
    if (std::isfinite(ml_score))
      out.blended_score = rule_weight_ * rule + ml_weight_ * std::clamp(ml_score, 0.0, 1.0);
  } else {
    out.zone = BlendZone::kClearDeny;
  }
  const RuleClass rule_class = ClassifyRisk(rule);
  const RuleClass blended_class = ClassifyRisk(out.blended_score);
  out.blended_class = blended_class;
  out.ml_influenced = blended_class != rule_class;
  counters_->Add(kBlends);
  if (blended_class > rule_class) counters_->Add(kEscalations);
  if (blended_class < rule_class) counters_->Add(kDeEscalations);
  return out;
}

BlendCounters RiskBlender::Counters() const {
  BlendCounters c;
  c.blends = counters_->Sum(kBlends);
  c.gray_zone = counters_->Sum(kGrayZone);
  c.escalations = counters_->Sum(kEscalations);
  c.de_escalations = counters_->Sum(kDeEscalations);
  return c;
}

Decision BlendedDecision(Decision decision, const BlendOutcome& blend) {
  if (!blend.ml_influenced) return decision;
  if (blend.blended_class == RuleClass::kDeny) return std::max(decision, Decision::kBlock);
  if (blend.blended_class == RuleClass::kWarn) return std::max(decision, Decision::kWarn);
  return decision;
}

double BlendMlScore(BlendSource source, std::optional<double> caller_ml_score,
                    const std::optional<ShadowOutcome>& shadow) {
  if (source == BlendSource::kShadowScore && shadow.has_value()) return shadow->ml_score;
  return caller_ml_score.value_or(kNeutralMlScore);
}

}  // namespace nethical::shadow
