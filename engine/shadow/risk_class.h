// The three-way risk classes shared by the ML shadow and the blender: a score
// of at least 0.7 is "deny", at least 0.4 is "warn", anything lower "pass"
// (the original's thresholds, §7.2/§7.3). The lowest class is named "pass",
// not the original's "allow", so that it can agree with a rule
// classification of "pass" (in the original it never could).
#pragma once

#include "engine/model/action.h"

namespace nethical::shadow {

inline constexpr double kDenyThreshold = 0.7;
inline constexpr double kWarnThreshold = 0.4;

inline RuleClass ClassifyRisk(double score) {
  if (score >= kDenyThreshold) return RuleClass::kDeny;
  if (score >= kWarnThreshold) return RuleClass::kWarn;
  return RuleClass::kPass;
}

}  // namespace nethical::shadow
