#include "engine/shadow/blended_log.h"

#include <cmath>

#include "engine/shadow/json_fields.h"
#include "engine/shadow/risk_class.h"

namespace nethical::shadow {

void AppendBlendedDecisionLine(const BlendedDecisionRecord& r, uint64_t sequence, std::string_view region,
                               std::string* out) {
  JsonObject line(out);
  AppendLineHead("decision_id", "blend_", r, sequence, region, &line);
  line.Number("rule_risk_score", r.rule_risk)
      .Number("ml_risk_score", r.ml_score)
      .Number("blended_risk_score", r.outcome.blended_score)
      .Word("zone", BlendZoneName(r.outcome.zone))
      .Word("rule_classification",
            RuleClassName(ClassifyRisk(std::isfinite(r.rule_risk) ? r.rule_risk : 0.0)))
      .Word("blended_classification", RuleClassName(r.outcome.blended_class))
      .Bool("ml_influenced", r.outcome.ml_influenced);
  line.Close();
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
