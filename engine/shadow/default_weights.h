// The logistic shadow model's shipped weights (default_weights.model, built
// into the binary by the genrule in BUILD.bazel): what NETHICAL_SHADOW_MODEL
// =logistic uses when NETHICAL_SHADOW_MODEL_FILE is empty. Trained with the
// recipe in docs/shadow.md ("Training"); the shadow tests check they still
// find the rule denials of an unseen mixed workload, so weights gone stale
// after a detector or workload change fail a test.
//
//   StatusOr<LogisticModel> m = LogisticModel::Parse(kDefaultShadowWeights, kDefaultShadowWeightsName);
#pragma once

#include <string_view>

namespace nethical::shadow {

inline constexpr std::string_view kDefaultShadowWeights =
#include "engine/shadow/default_weights.inc"
    ;

inline constexpr std::string_view kDefaultShadowWeightsName =
    "built-in default weights (default_weights.model)";

}  // namespace nethical::shadow
