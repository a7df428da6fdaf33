#include "engine/shadow/blended_log.h"

#include <cmath>

#include "engine/base/utc_timestamp.h"
#include "engine/shadow/json_fields.h"
#include "engine/shadow/risk_class.h"

namespace nethical::shadow {

void AppendBlendedDecisionLine(const BlendedDecisionRecord& r, uint64_t sequence, std::string_view region,
                               std::string* out) {
  out->append("{\"decision_id\":\"blend_");
  AppendJsonUnsigned(static_cast<uint64_t>(r.wall_nanos / 1000), out);
  out->push_back('_');
  AppendJsonUnsigned(sequence, out);
  out->append("\",\"timestamp\":\"");
  AppendUtcTimestamp(r.wall_nanos, kIsoMicrosZ, out);
  out->append("\",\"region\":");
  AppendJsonString(region, out);
  out->append(",\"agent_id\":");
  AppendJsonString(r.agent_id, out);
  out->append(",\"action_id\":");
  AppendJsonString(r.action_id, out);
  out->append(",\"rule_risk_score\":");
  AppendJsonNumber(r.rule_risk, out);
  out->append(",\"ml_risk_score\":");
  AppendJsonNumber(r.ml_score, out);
  out->append(",\"blended_risk_score\":");
  AppendJsonNumber(r.outcome.blended_score, out);
  out->append(",\"zone\":\"");
  out->append(BlendZoneName(r.outcome.zone));
  out->append("\",\"rule_classification\":\"");
  out->append(RuleClassName(ClassifyRisk(std::isfinite(r.rule_risk) ? r.rule_risk : 0.0)));
  out->append("\",\"blended_classification\":\"");
  out->append(RuleClassName(r.outcome.blended_class));
  out->append("\",\"ml_influenced\":");
  out->append(r.outcome.ml_influenced ? "true" : "false");
  out->append("}\n");
}

StatusOr<std::unique_ptr<BlendedLog>> OpenBlendedLog(const std::string& storage_dir,
                                                     const std::string& region, int64_t max_bytes,
                                                     size_t queue_capacity) {
  return OpenRegionJsonlLog<BlendedDecisionRecord>(storage_dir, region, "blended_logs", kBlendedLogFileName,
                                                   max_bytes, queue_capacity, "blended log",
                                                   &AppendBlendedDecisionLine);
}

}  // namespace nethical::shadow
