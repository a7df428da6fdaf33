#include "engine/shadow/shadow_log_line.h"

#include <string_view>

#include "engine/base/utc_timestamp.h"
#include "engine/shadow/json_fields.h"
#include "engine/shadow/shadow_input.h"

namespace nethical::shadow {

void AppendShadowLogLine(const ShadowLogRecord& r, uint64_t sequence, std::string_view region,
                         std::string* out) {
  out->append("{\"prediction_id\":\"shadow_");
  AppendJsonUnsigned(static_cast<uint64_t>(r.wall_nanos / 1000), out);
  out->push_back('_');
  AppendJsonUnsigned(sequence, out);
  out->append("\",\"timestamp\":");
  out->push_back('"');
  AppendUtcTimestamp(r.wall_nanos, kIsoMicrosZ, out);
  out->push_back('"');
  out->append(",\"region\":");
  AppendJsonString(region, out);
  out->append(",\"agent_id\":");
  AppendJsonString(r.agent_id, out);
  out->append(",\"action_id\":");
  AppendJsonString(r.action_id, out);
  out->append(",\"ml_risk_score\":");
  AppendJsonNumber(r.ml_score, out);
  out->append(",\"ml_classification\":\"");
  out->append(RuleClassName(r.ml_class));
  out->append("\",\"ml_confidence\":");
  AppendJsonNumber(r.ml_confidence, out);
  out->append(",\"rule_risk_score\":");
  AppendJsonNumber(r.rule_risk, out);
  out->append(",\"rule_classification\":");
  if (r.rule_class.has_value()) {
    out->push_back('"');
    out->append(RuleClassName(*r.rule_class));
    out->push_back('"');
  } else {
    out->append("null");
  }
  out->append(",\"scores_agree\":");
  out->append(r.scores_agree ? "true" : "false");
  out->append(",\"classifications_agree\":");
  out->append(r.classes_agree ? "true" : "false");
  out->append(",\"features\":{");
  bool first = true;
  for (int i = 0; i < kShadowFeatureCount; ++i) {
    if (!(r.feature_present_mask & (1u << i))) continue;
    if (!first) out->push_back(',');
    first = false;
    out->push_back('"');
    out->append(kShadowFeatureNames[i]);
    out->append("\":");
    AppendJsonNumber(r.features[i], out);
  }
  out->append("}}\n");
}

}  // namespace nethical::shadow
