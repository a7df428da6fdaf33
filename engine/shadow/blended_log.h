// The blended decision log: <storage_dir>/<region>/blended_logs/blended_decisions.jsonl
// (the original's name), one line per blend, written off the evaluation
// path by a JsonlLog (engine/base/jsonl_log.h: bounded queue, drops
// counted, rotation to blended_decisions.jsonl.1 at
// NETHICAL_BLEND_LOG_MAX_BYTES). The engine opens it when blending and
// NETHICAL_BLEND_LOG are on; otherwise there is no log and no file.
//
// A line:
//   {"decision_id":"blend_<epoch µs>_<n>","timestamp":"2026-01-01T00:00:00.123456Z",
//    "region":"us-east-1","agent_id":..,"action_id":..,"rule_risk_score":..,
//    "ml_risk_score":..,"blended_risk_score":..,"zone":"clear_allow|gray|clear_deny",
//    "rule_classification":"pass|warn|deny","blended_classification":"pass|warn|deny",
//    "ml_influenced":bool}\n
// The scores are those the blender saw (risk_blender.h); the zone and class
// names are the verdict JSON's. `n` (the log's line number) keeps ids unique
// within a microsecond; `region` and `action_id` are not in the original.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/base/jsonl_log.h"
#include "engine/base/status.h"
#include "engine/shadow/risk_blender.h"

namespace nethical::shadow {

struct BlendedDecisionRecord {
  int64_t wall_nanos = 0;
  double rule_risk = 0.0;
  double ml_score = 0.0;
  BlendOutcome outcome;
  std::string agent_id;
  std::string action_id;
};

using BlendedLog = JsonlLog<BlendedDecisionRecord>;

inline constexpr char kBlendedLogFileName[] = "blended_decisions.jsonl";

void AppendBlendedDecisionLine(const BlendedDecisionRecord& r, uint64_t sequence, std::string_view region,
                               std::string* out);

// Opens <storage_dir>/<region or "default">/blended_logs/blended_decisions.jsonl.
StatusOr<std::unique_ptr<BlendedLog>> OpenBlendedLog(
    const std::string& storage_dir, const std::string& region, int64_t max_bytes,
    size_t queue_capacity = JsonlLogBase::kDefaultQueueCapacity);

}  // namespace nethical::shadow
