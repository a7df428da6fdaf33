// One shadow prediction as a JSONL line (the original's fields, §7.2):
//   {"prediction_id":"shadow_<epoch µs>_<n>","timestamp":"2026-01-01T00:00:00.000000Z",
//    "agent_id":..,"action_id":..,"ml_risk_score":..,"ml_classification":"pass|warn|deny",
//    "ml_confidence":..,"rule_risk_score":..,"rule_classification":"pass|warn|deny"|null,
//    "scores_agree":..,"classifications_agree":..,"features":{<present features>}}\n
// `n` (a per-log sequence number) keeps ids unique within a microsecond.
#pragma once

#include <cstdint>
#include <string>

#include "engine/shadow/shadow_log_queue.h"

namespace nethical::shadow {

void AppendShadowLogLine(const ShadowLogRecord& r, uint64_t sequence, std::string* out);

}  // namespace nethical::shadow
