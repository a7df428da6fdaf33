// One shadow prediction as a JSONL line (the original's fields, §7.2):
//   {"prediction_id":"shadow_<epoch µs>_<n>","timestamp":"2026-01-01T00:00:00.000000Z",
//    "region":"us-east-1","agent_id":..,"action_id":..,"ml_risk_score":..,"ml_classification":"pass|warn|deny",
//    "ml_confidence":..,"rule_risk_score":..,"rule_classification":"pass|warn|deny"|null,
//    "scores_agree":..,"classifications_agree":..,"features":{<present features>}}\n
// `n` (a per-log sequence number) keeps ids unique within a microsecond.
// `region`: the log's region (ShadowLogRegionName), not in the original:
// lines of different regions stay attributable wherever they end up.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/shadow/shadow_log_record.h"

namespace nethical::shadow {

void AppendShadowLogLine(const ShadowLogRecord& r, uint64_t sequence, std::string_view region,
                         std::string* out);

}  // namespace nethical::shadow
