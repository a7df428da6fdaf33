#include "engine/shadow/shadow_log_line.h"

#include <charconv>
#include <cmath>
#include <ctime>
#include <string_view>

#include "engine/base/utc_timestamp.h"
#include "engine/shadow/shadow_input.h"

namespace nethical::shadow {
namespace {

void AppendJsonString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xf]);
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

void AppendNumber(double v, std::string* out) {
  if (!std::isfinite(v)) {  // JSON has no NaN/Inf
    out->append("null");
    return;
  }
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, res.ptr);
}

void AppendUnsigned(uint64_t v, std::string* out) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, res.ptr);
}

}  // namespace

void AppendShadowLogLine(const ShadowLogRecord& r, uint64_t sequence, std::string_view region,
                         std::string* out) {
  out->append("{\"prediction_id\":\"shadow_");
  AppendUnsigned(static_cast<uint64_t>(r.wall_nanos / 1000), out);
  out->push_back('_');
  AppendUnsigned(sequence, out);
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
  AppendNumber(r.ml_score, out);
  out->append(",\"ml_classification\":\"");
  out->append(RuleClassName(r.ml_class));
  out->append("\",\"ml_confidence\":");
  AppendNumber(r.ml_confidence, out);
  out->append(",\"rule_risk_score\":");
  AppendNumber(r.rule_risk, out);
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
    AppendNumber(r.features[i], out);
  }
  out->append("}}\n");
}

}  // namespace nethical::shadow
