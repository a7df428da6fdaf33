#include "engine/model/verdict_json.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "engine/base/utc_timestamp.h"

namespace nethical {
namespace {

using Json = nlohmann::ordered_json;

std::string JoinReasons(const std::vector<std::string>& reasons) {
  std::string out;
  for (const auto& r : reasons) {
    if (!out.empty()) out += "; ";
    out += r;
  }
  return out;
}

Json ViolationsJson(const std::vector<Violation>& violations) {
  Json list = Json::array();
  for (const auto& v : violations) {
    Json j;
    j["violation_type"] = v.type;
    j["severity"] = SeverityName(v.severity);
    j["severity_level"] = static_cast<int>(v.severity);
    j["confidence"] = v.confidence;
    j["detector_name"] = v.detector;
    j["description"] = v.description;
    list.push_back(std::move(j));
  }
  return list;
}

Json QuotaJson(const std::optional<QuotaOutcome>& q) {
  if (!q) return nullptr;
  Json j;
  j["decision"] = QuotaDecisionName(q->decision);
  j["reason"] = q->reason.empty() ? Json(nullptr) : Json(q->reason);
  j["backpressure_level"] = q->backpressure;
  return j;
}

Json PiiJson(const std::optional<PiiOutcome>& p) {
  if (!p) return nullptr;
  // Each type once, in the order first found.
  Json types = Json::array();
  bool seen[kPiiTypeCount] = {};
  for (const auto& f : p->findings) {
    bool& was_seen = seen[static_cast<int>(f.type)];
    if (!was_seen) types.push_back(PiiTypeName(f.type));
    was_seen = true;
  }
  Json j;
  j["matches_count"] = p->findings.size();
  j["pii_risk_score"] = p->risk;
  j["pii_types"] = std::move(types);
  return j;
}

Json Phase567Json(const Verdict& v) {
  Json j;
  if (v.shadow) {
    j["shadow"] = {{"ml_risk_score", v.shadow->ml_score},
                   {"ml_classification", RuleClassName(v.shadow->ml_class)},
                   {"confidence", v.shadow->confidence},
                   {"scores_agree", v.shadow->scores_agree},
                   {"classifications_agree", v.shadow->classes_agree}};
    j["shadow"]["rule_risk_score"] = v.shadow->rule_risk;
    if (v.shadow->rule_class) {
      j["shadow"]["rule_classification"] = RuleClassName(*v.shadow->rule_class);
    } else {
      j["shadow"]["rule_classification"] = nullptr;
    }
    Json& features = j["shadow"]["features"] = Json::object();
    for (int i = 0; i < v.shadow->feature_count; ++i)
      features[std::string(v.shadow->features[i].first)] = v.shadow->features[i].second;
  } else {
    j["shadow"] = nullptr;
  }
  if (v.blended) {
    j["blended"] = {{"blended_risk_score", v.blended->blended_score},
                    {"zone", BlendZoneName(v.blended->zone)},
                    {"blended_classification", RuleClassName(v.blended->blended_class)},
                    {"ml_influenced", v.blended->ml_influenced}};
  } else {
    j["blended"] = nullptr;
  }
  if (v.anomaly) {
    j["anomaly_alert"] = {{"type", AnomalyTypeName(v.anomaly->type)},
                          {"severity", AlertSeverityName(v.anomaly->severity)},
                          {"description", v.anomaly->description}};
  } else {
    j["anomaly_alert"] = nullptr;
  }
  return j;
}

// The original's phase4 quarantine fields and ethical tags.
void Phase4StageJson(const Verdict& v, Json& phase4) {
  if (v.quarantine) {
    phase4["quarantined"] = v.quarantine->quarantined;
    phase4["quarantine_reason"] = v.quarantine->quarantined ? Json(v.quarantine->reason) : Json(nullptr);
    if (v.quarantine->quarantined) phase4["quarantine_scope"] = v.quarantine->scope;
  }
  if (!v.ethical_tags) {
    phase4["ethical_tags"] = nullptr;
    return;
  }
  Json dims = Json::object();
  for (int d = 0; d < taxonomy::kDimensionCount; ++d)
    if (v.ethical_tags->scores[d] > 0)
      dims[std::string(taxonomy::DimensionName(static_cast<taxonomy::Dimension>(d)))] =
          v.ethical_tags->scores[d];
  phase4["ethical_tags"] = {
      {"primary_dimension",
       v.ethical_tags->primary ? Json(taxonomy::DimensionName(*v.ethical_tags->primary)) : Json(nullptr)},
      {"dimensions", std::move(dims)}};
}

Json CorrelationsJson(const std::vector<correlation::CorrelationMatch>& matches) {
  Json list = Json::array();
  for (const auto& m : matches)
    list.push_back({{"pattern", correlation::PatternName(m.pattern)},
                    {"severity", correlation::MatchSeverityName(m.severity)},
                    {"confidence", m.confidence},
                    {"description", m.description}});
  return list;
}

Json ResidencyJson(const std::optional<residency::ResidencyResult>& r) {
  if (!r) return nullptr;
  Json violations = Json::array();
  if (!r->violation.empty()) violations.push_back(r->violation);
  return {{"compliant", r->compliant},
          {"region_id", r->region},
          {"policy", residency::PolicyName(r->policy)},
          {"violations", std::move(violations)}};
}

}  // namespace

std::string VerdictToJson(const Verdict& v) {
  Json j;
  j["agent_id"] = v.agent_id;
  j["action_id"] = v.action_id;
  j["timestamp"] = UtcTimestamp(v.timestamp_ns, kIsoMicrosOffset);
  j["region_id"] = v.region_id.empty() ? Json(nullptr) : Json(v.region_id);
  j["logical_domain"] = v.logical_domain.empty() ? Json(nullptr) : Json(v.logical_domain);
  j["decision"] = DecisionName(v.decision);
  j["violation_detected"] = v.violation_detected();
  j["violations"] = ViolationsJson(v.violations);
  j["reasoning"] = JoinReasons(v.reasons);
  j["confidence"] = v.confidence;
  j["rejected_input"] = v.rejected_input;
  if (v.audit_failed) j["audit_failed"] = true;
  j["quota_enforcement"] = QuotaJson(v.quota);
  j["pii_detection"] = PiiJson(v.pii);
  j["data_residency"] = ResidencyJson(v.data_residency);
  j["phase3"] = {{"risk_score", v.risk_score},
                 {"risk_tier", v.risk_tier ? Json(RiskTierName(*v.risk_tier)) : Json(nullptr)},
                 {"correlations", CorrelationsJson(v.correlations)}};
  j["phase4"] = {{"merkle", v.audit ? Json{{"leaf_index", v.audit->index}} : Json(nullptr)}};
  Phase4StageJson(v, j["phase4"]);
  j["phase567"] = Phase567Json(v);
  return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace nethical
