#include "engine/shadow/blended_log.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/base/utc_timestamp.h"
#include "engine/shadow/risk_class.h"

namespace nethical::shadow {
namespace {

nlohmann::ordered_json Score(double v) { return std::isfinite(v) ? nlohmann::ordered_json(v) : nullptr; }

}  // namespace

void AppendBlendedDecisionLine(const BlendedDecisionRecord& r, uint64_t sequence, std::string_view region,
                               std::string* out) {
  std::string timestamp;
  AppendUtcTimestamp(r.wall_nanos, kIsoMicrosZ, &timestamp);
  const nlohmann::ordered_json j = {
      {"decision_id", "blend_" + std::to_string(r.wall_nanos / 1000) + "_" + std::to_string(sequence)},
      {"timestamp", timestamp},
      {"region", region},
      {"agent_id", r.agent_id},
      {"action_id", r.action_id},
      {"rule_risk_score", Score(r.rule_risk)},
      {"ml_risk_score", Score(r.ml_score)},
      {"blended_risk_score", Score(r.outcome.blended_score)},
      {"zone", BlendZoneName(r.outcome.zone)},
      {"rule_classification", RuleClassName(ClassifyRisk(std::isfinite(r.rule_risk) ? r.rule_risk : 0.0))},
      {"blended_classification", RuleClassName(r.outcome.blended_class)},
      {"ml_influenced", r.outcome.ml_influenced},
  };
  out->append(j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  out->push_back('\n');
}

StatusOr<std::unique_ptr<BlendedLog>> OpenBlendedLog(const std::string& storage_dir,
                                                     const std::string& region, int64_t max_bytes,
                                                     size_t queue_capacity) {
  return OpenRegionJsonlLog<BlendedDecisionRecord>(storage_dir, region, "blended_logs", kBlendedLogFileName,
                                                   max_bytes, queue_capacity, "blended log",
                                                   &AppendBlendedDecisionLine);
}

}  // namespace nethical::shadow
