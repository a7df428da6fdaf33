#include "engine/shadow/shadow_log_line.h"

#include <string_view>

#include "engine/shadow/json_fields.h"
#include "engine/shadow/shadow_input.h"

namespace nethical::shadow {

void AppendShadowLogLine(const ShadowLogRecord& r, uint64_t sequence, std::string_view region,
                         std::string* out) {
  JsonObject line(out);
  AppendLineHead("prediction_id", "shadow_", r, sequence, region, &line);
  line.Number("ml_risk_score", r.ml_score)
      .Word("ml_classification", RuleClassName(r.ml_class))
      .Number("ml_confidence", r.ml_confidence)
      .Number("rule_risk_score", r.rule_risk);
  if (r.rule_class.has_value()) {
    line.Word("rule_classification", RuleClassName(*r.rule_class));
  } else {
    line.Null("rule_classification");
  }
  line.Bool("scores_agree", r.scores_agree).Bool("classifications_agree", r.classes_agree);
  JsonObject features = line.Object("features");
  for (int i = 0; i < kShadowFeatureCount; ++i)
    if (r.feature_present_mask & (1u << i)) features.Number(kShadowFeatureNames[i], r.features[i]);
  features.Close();
  line.Close();
  out->push_back('\n');
}

}  // namespace nethical::shadow
