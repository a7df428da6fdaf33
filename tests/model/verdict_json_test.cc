#include "engine/model/verdict_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace nethical {
namespace {

using Json = nlohmann::json;

Verdict SampleVerdict() {
  Verdict v;
  v.agent_id = "agent-1";
  v.action_id = "act-7";
  v.timestamp_ns = 1'767'225'600'123'456'789;  // 2026-01-01T00:00:00.123456
  v.decision = Decision::kBlock;
  v.reasons = {"first", "second"};
  v.violations.push_back(
      {"safety", Severity::kCritical, 0.95, "SafetyViolationDetector", "Dangerous pattern"});
  v.confidence = 0.9;
  v.risk_score = 0.42;
  v.risk_tier = RiskTier::kNormal;
  return v;
}

TEST(VerdictToJson, RendersOneLine) {
  std::string s = VerdictToJson(SampleVerdict());
  EXPECT_EQ(s.find('\n'), std::string::npos);
}

TEST(VerdictToJson, KeepsKeyOrderStable) {
  std::string s = VerdictToJson(SampleVerdict());
  const char* keys[] = {"\"agent_id\"",
                        "\"action_id\"",
                        "\"timestamp\"",
                        "\"region_id\"",
                        "\"logical_domain\"",
                        "\"decision\"",
                        "\"violation_detected\"",
                        "\"violations\"",
                        "\"reasoning\"",
                        "\"confidence\"",
                        "\"rejected_input\"",
                        "\"quota_enforcement\"",
                        "\"pii_detection\"",
                        "\"phase3\"",
                        "\"phase4\"",
                        "\"phase567\""};
  // Each top-level key must follow the previous one.
  size_t last = 0;
  for (const char* k : keys) {
    size_t pos = s.find(k, last);
    ASSERT_NE(pos, std::string::npos) << k << " missing or out of order in " << s;
    last = pos;
  }
}

TEST(VerdictToJson, UsesOriginalSchemaNames) {
  Json j = Json::parse(VerdictToJson(SampleVerdict()));
  EXPECT_EQ(j["decision"], "BLOCK");
  EXPECT_EQ(j["violation_detected"], true);
  EXPECT_EQ(j["timestamp"], "2026-01-01T00:00:00.123456+00:00");
  EXPECT_EQ(j["reasoning"], "first; second");
  const Json& viol = j["violations"][0];
  EXPECT_EQ(viol["violation_type"], "safety");
  EXPECT_EQ(viol["severity"], "critical");
  EXPECT_EQ(viol["severity_level"], 4);
  EXPECT_EQ(viol["detector_name"], "SafetyViolationDetector");
  EXPECT_DOUBLE_EQ(j["phase3"]["risk_score"].get<double>(), 0.42);
  EXPECT_EQ(j["phase3"]["risk_tier"], "normal");
  EXPECT_TRUE(j["quota_enforcement"].is_null());
  EXPECT_TRUE(j["pii_detection"].is_null());
  EXPECT_TRUE(j["phase4"]["merkle"].is_null());
}

TEST(VerdictToJson, RendersLaterStagesWhenPresent) {
  Verdict v = SampleVerdict();
  v.quota = QuotaOutcome{QuotaDecision::kThrottle, "", 0.85};
  v.pii = PiiOutcome{
      {{PiiType::kEmail, 0, 5, 0.9}, {PiiType::kEmail, 6, 9, 0.9}, {PiiType::kSsn, 10, 20, 0.95}}, 0.5};
  v.audit = AuditPosition{17};
  v.anomaly = AnomalyAlert{AnomalyType::kFrequency, AlertSeverity::kWarning, "burst"};
  Json j = Json::parse(VerdictToJson(v));
  EXPECT_EQ(j["quota_enforcement"]["decision"], "THROTTLE");
  EXPECT_TRUE(j["quota_enforcement"]["reason"].is_null());
  EXPECT_EQ(j["pii_detection"]["matches_count"], 3);
  EXPECT_EQ(j["pii_detection"]["pii_types"], Json({"EMAIL", "SSN"}));
  EXPECT_EQ(j["phase4"]["merkle"]["leaf_index"], 17);
  EXPECT_EQ(j["phase567"]["anomaly_alert"]["type"], "frequency");
  EXPECT_TRUE(j["phase567"]["shadow"].is_null());
}

TEST(VerdictToJson, ShadowCarriesItsFeaturesAndRuleLabelForTraining) {
  Verdict v = SampleVerdict();
  ShadowOutcome s;
  s.ml_score = 0.8;
  s.ml_class = RuleClass::kDeny;
  s.rule_class = RuleClass::kDeny;
  s.rule_risk = 0.6;
  s.features[0] = {"violation_count", 1.0};
  s.features[1] = {"recency", 0.5};
  s.feature_count = 2;
  v.shadow = s;
  Json j = Json::parse(VerdictToJson(v));
  const Json& shadow = j["phase567"]["shadow"];
  EXPECT_EQ(shadow["rule_classification"], "deny");
  EXPECT_EQ(shadow["rule_risk_score"], 0.6);
  EXPECT_EQ(shadow["features"], Json({{"violation_count", 1.0}, {"recency", 0.5}}));
}

TEST(VerdictToJson, ReplacesInvalidUtf8InsteadOfFailing) {
  Verdict v = SampleVerdict();
  v.agent_id = "bad\xff";
  Json j = Json::parse(VerdictToJson(v));
  EXPECT_EQ(j["agent_id"], "bad\xEF\xBF\xBD");
}

TEST(VerdictToJson, RendersTimestampBeforeEpoch) {
  Verdict v = SampleVerdict();
  v.timestamp_ns = -1'000;  // 1 us before the epoch
  Json j = Json::parse(VerdictToJson(v));
  EXPECT_EQ(j["timestamp"], "1969-12-31T23:59:59.999999+00:00");
}

}  // namespace
}  // namespace nethical
