// What the ML shadow scores: the five action features of the original's
// heuristic model (§7.2) and the rule engine's view of the same action.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/model/action.h"

namespace nethical::shadow {

struct ShadowInput {
  // Features, each expected in [0, 1]; values are clamped to [0, 1] and a
  // non-finite value counts as absent. An absent feature contributes 0 to the
  // score and lowers the confidence (the original's "missing counts as 0").
  std::optional<double> violation_count;
  std::optional<double> severity_max;
  std::optional<double> recency;    // the original's "recency_score"
  std::optional<double> frequency;  // the original's "frequency_score"
  std::optional<double> context_risk;

  // The rule engine's classification; without it the prediction is scored
  // and logged but takes no part in the confusion matrix or class agreement.
  std::optional<RuleClass> rule_class;
  double rule_risk = 0.0;

  // Copied into the shadow log line only; never read otherwise.
  std::string_view agent_id;
  std::string_view action_id;
  // The line's wall time (ns since the Unix epoch), when the caller has it
  // (the engine: its verdict's timestamp); without it the scorer reads
  // its clock.
  std::optional<int64_t> wall_nanos;
};

inline constexpr int kShadowFeatureCount = 5;

// The features in the fixed order the models use, clamped to [0, 1]; absent
// features are 0. Returns the mask of present features (bit i: feature i).
uint8_t ShadowFeatureVector(const ShadowInput& in, double (&out)[kShadowFeatureCount]);

// The feature names, in the same order (also the logistic file's keys).
inline constexpr std::string_view kShadowFeatureNames[kShadowFeatureCount] = {
    "violation_count", "severity_max", "recency", "frequency", "context_risk"};

}  // namespace nethical::shadow
