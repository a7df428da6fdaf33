// Blended risk (§7.3): in the gray zone of the rule risk, mix in an ML score.
//
//   zone     rule < gray_zone_lower            -> kClearAllow, blended = rule
//            lower <= rule <= gray_zone_upper  -> kGray,  blended = rw*rule + mw*ml
//            rule > gray_zone_upper            -> kClearDeny,  blended = rule
//   class    of the blended score, thresholds 0.7 / 0.4 (risk_class.h)
//   ml_influenced: the blended class differs from the class of the rule risk
//            (an escalation if higher, a de-escalation if lower; both counted)
//
// Scores are clamped to [0, 1]. A non-finite ML score leaves the rule risk
// unblended; a non-finite rule risk counts as 0.
//
// Effect on the verdict (BlendedDecision), when blending is enabled: only an
// ML-driven escalation changes it, and only upward: blended "warn" raises the
// decision to at least WARN, blended "deny" to at least BLOCK. A de-escalation
// never relaxes a decision: the detectors' violations are evidence an ML
// score cannot overrule; it is reported and counted only.
//
// Which ML score (BlendConfig::source, NETHICAL_BLEND_SOURCE):
//   caller: the action's "ml_score" feature, 0.5 if absent (as the original);
//   shadow: the ML shadow's score for the same action (needs the shadow on).
// BlendMlScore() makes that choice for the pipeline.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "engine/base/thread_stripe.h"
#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"

namespace nethical::shadow {

struct BlendCounters {
  uint64_t blends = 0;
  uint64_t gray_zone = 0;       // blends whose rule risk was in the gray zone
  uint64_t escalations = 0;     // blended class above the rule-risk class
  uint64_t de_escalations = 0;  // blended class below the rule-risk class
};

class RiskBlender {
 public:
  // REQUIRES: Validate(config).ok() (engine/config/config_validation.h:
  // bounds in [0, 1] with lower < upper; weights in [0, 1] summing to
  // 1 +- 0.01).
  explicit RiskBlender(const BlendConfig& config)
      : lower_(config.gray_zone_lower),
        upper_(config.gray_zone_upper),
        rule_weight_(config.rule_weight),
        ml_weight_(config.ml_weight),
        counters_(std::make_unique<StripedBlendCounters>()) {}

  // Thread-safe (counters are striped per thread, thread_stripe.h).
  BlendOutcome Blend(double rule_risk, double ml_score) const;
  BlendCounters Counters() const;

 private:
  enum Counter : size_t { kBlends, kGrayZone, kEscalations, kDeEscalations, kCounterCount };
  using StripedBlendCounters = StripedCounters<kCounterCount>;

  double lower_, upper_, rule_weight_, ml_weight_;
  std::unique_ptr<StripedBlendCounters> counters_;  // heap: keeps RiskBlender movable
};

// The decision after blending, per the mapping above.
Decision BlendedDecision(Decision decision, const BlendOutcome& blend);

// The ML score to blend, per BlendConfig::source. `caller_ml_score` is the
// action's "ml_score" feature; `shadow` the shadow outcome, if it ran.
double BlendMlScore(BlendSource source, std::optional<double> caller_ml_score,
                    const std::optional<ShadowOutcome>& shadow);

}  // namespace nethical::shadow
