// ShadowLogRecord: one shadow prediction as queued for the log writer
// (shadow_log.h) and formatted by AppendShadowLogLine (shadow_log_line.h).
// The record lives in a BoundedQueue slot and is filled in place: its
// strings keep their capacity from one use of the slot to the next.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "engine/model/action.h"
#include "engine/shadow/shadow_input.h"

namespace nethical::shadow {

struct ShadowLogRecord {
  int64_t wall_nanos = 0;
  double ml_score = 0.0;
  double ml_confidence = 0.0;
  double rule_risk = 0.0;
  RuleClass ml_class = RuleClass::kPass;
  std::optional<RuleClass> rule_class;
  bool scores_agree = false;
  bool classes_agree = false;
  uint8_t feature_present_mask = 0;                    // bit i: feature i was given
  std::array<double, kShadowFeatureCount> features{};  // clamped, in kShadowFeatureNames order
  std::string agent_id;
  std::string action_id;
};

}  // namespace nethical::shadow
