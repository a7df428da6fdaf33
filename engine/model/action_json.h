// Parses one JSON object (one JSONL line) into an Action.
//
//   StatusOr<Action> a = ParseActionJson(R"({"agent_id":"a1","text":"hi"})");
//
// Contract: only "agent_id" (a non-empty string) and "text" (a string) are
// required. Optional:
// action_id, cohort, region_id, logical_domain (strings); action_type (one of
// ActionTypeName's names, case-insensitive); features ({name: number});
// rule_risk_score (number in [0, 1]); rule_classification ("pass"|"allow"|
// "warn"|"deny"|"block"); context ({is_privileged, is_automated, authorized}:
// booleans). A null value means "absent". Unknown keys are ignored so that
// producers may carry extra fields. Any error is InvalidArgument naming the
// field, the value's problem and what is allowed; values it echoes go
// through ShownValue (one line, bounded). Never throws.
#pragma once

#include <string_view>

#include "engine/base/status.h"
#include "engine/model/action.h"

namespace nethical {

StatusOr<Action> ParseActionJson(std::string_view json_line);

}  // namespace nethical
