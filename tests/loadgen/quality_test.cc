// The quality block's accounting against verdicts whose content the test
// controls: exact precision, recall, PII coverage and anomaly figures.
#include "loadgen/quality.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

constexpr int64_t kS = 1'000'000'000;

ActionTruth Truth(ViolationCategory c) {
  ActionTruth t;
  t.known = true;
  t.category = c;
  return t;
}

Verdict WithViolations(std::vector<std::string_view> types) {  // literals
  Verdict v;
  for (std::string_view t : types) {
    Violation x;
    x.type = t;
    v.violations.push_back(std::move(x));
  }
  return v;
}

const CategoryQuality* Find(const QualityReport& q, ViolationCategory c) {
  for (const CategoryQuality& x : q.categories)
    if (x.category == c) return &x;
  return nullptr;
}

TEST(QualityTest, PerCategoryPrecisionAndRecallAreExact) {
  QualityCounters c;
  // 4 prompt injections: 3 detected. 2 clean actions wrongly flagged as
  // prompt injection, 1 clean flagged as toxic, 5 clean left alone.
  for (int i = 0; i < 3; ++i)
    c.Account(Truth(ViolationCategory::kPromptInjection), WithViolations({"prompt_injection"}), 0);
  c.Account(Truth(ViolationCategory::kPromptInjection), WithViolations({}), 0);
  for (int i = 0; i < 2; ++i)
    c.Account(Truth(ViolationCategory::kNone), WithViolations({"prompt_injection"}), 0);
  c.Account(Truth(ViolationCategory::kNone), WithViolations({"toxic_content"}), 0);
  for (int i = 0; i < 5; ++i) c.Account(Truth(ViolationCategory::kNone), WithViolations({}), 0);
  QualityTotals t;
  c.MergeInto(&t);
  const QualityReport q = MakeQualityReport(t, {}, false);
  EXPECT_EQ(q.actions, 12u);
  EXPECT_EQ(q.clean, 8u);
  EXPECT_EQ(q.clean_flagged, 3u);
  const CategoryQuality* pi = Find(q, ViolationCategory::kPromptInjection);
  ASSERT_NE(pi, nullptr);
  EXPECT_EQ(pi->expected, 4u);
  EXPECT_EQ(pi->detected, 5u);
  EXPECT_EQ(pi->true_positives, 3u);
  EXPECT_DOUBLE_EQ(*pi->precision, 3.0 / 5.0);
  EXPECT_DOUBLE_EQ(*pi->recall, 3.0 / 4.0);
  const CategoryQuality* toxic = Find(q, ViolationCategory::kToxicContent);
  ASSERT_NE(toxic, nullptr);
  EXPECT_DOUBLE_EQ(*toxic->precision, 0.0);
  EXPECT_FALSE(toxic->recall.has_value());                  // nothing expected: undefined, not 0
  EXPECT_EQ(Find(q, ViolationCategory::kSafety), nullptr);  // neither expected nor detected
}

// Under a policy that does not scan a type (DATE_OF_BIRTH under standard),
// its values are counted apart: no privacy violation is expected of them and
// they do not lower the PII recall.
TEST(QualityTest, PiiOfATypeThePolicyDoesNotScanIsCountedApart) {
  const uint8_t all_but_dob = kAllPiiTypes & ~(1u << static_cast<int>(PiiType::kDateOfBirth));
  QualityCounters c(all_but_dob);
  ActionTruth dob = Truth(ViolationCategory::kPrivacy);  // as the mixed workload labels a PII text
  dob.AddPii(PiiType::kDateOfBirth, 10, 20);
  Verdict unflagged;
  unflagged.pii.emplace();
  c.Account(dob, unflagged, 0);
  ActionTruth ssn = Truth(ViolationCategory::kPrivacy);
  ssn.AddPii(PiiType::kSsn, 0, 11);
  Verdict flagged = WithViolations({"privacy"});
  flagged.pii.emplace();
  flagged.pii->findings.push_back(PiiFinding{nethical::PiiType::kSsn, 0, 11, 0.9});
  c.Account(ssn, flagged, 0);
  QualityTotals t;
  c.MergeInto(&t);
  const QualityReport q = MakeQualityReport(t, {}, false);
  const CategoryQuality* privacy = Find(q, ViolationCategory::kPrivacy);
  ASSERT_NE(privacy, nullptr);
  EXPECT_EQ(privacy->expected, 1u);
  EXPECT_DOUBLE_EQ(*privacy->recall, 1.0);
  EXPECT_EQ(q.pii_values, 1u);
  EXPECT_DOUBLE_EQ(*q.pii_recall, 1.0);
  ASSERT_EQ(q.pii_by_type.size(), 2u);
  EXPECT_EQ(q.pii_by_type[1].type, PiiType::kDateOfBirth);
  EXPECT_EQ(q.pii_by_type[1].values, 0u);
  EXPECT_EQ(q.pii_by_type[1].out_of_policy, 1u);
}

TEST(QualityTest, ADetectorTypeNotInTheListCountsAsOther) {
  QualityCounters c;
  c.Account(Truth(ViolationCategory::kNone), WithViolations({"brand_new_detector"}), 0);
  QualityTotals t;
  c.MergeInto(&t);
  const QualityReport q = MakeQualityReport(t, {}, false);
  const CategoryQuality* other = Find(q, ViolationCategory::kOther);
  ASSERT_NE(other, nullptr);
  EXPECT_EQ(other->detected, 1u);
}

TEST(QualityTest, PiiInATriggerTextAlsoExpectsPrivacy) {
  QualityCounters c;
  ActionTruth t = Truth(ViolationCategory::kSafety);
  t.AddPii(PiiType::kEmail, 0, 5);
  c.Account(t, WithViolations({"safety"}), 0);  // privacy missed
  QualityTotals totals;
  c.MergeInto(&totals);
  const QualityReport q = MakeQualityReport(totals, {}, false);
  EXPECT_DOUBLE_EQ(*Find(q, ViolationCategory::kSafety)->recall, 1.0);
  EXPECT_DOUBLE_EQ(*Find(q, ViolationCategory::kPrivacy)->recall, 0.0);
}

TEST(QualityTest, PiiRecallCountsValuesAFindingCoversWhole) {
  QualityCounters c;
  ActionTruth t = Truth(ViolationCategory::kPrivacy);
  t.AddPii(PiiType::kPhone, 10, 24);  // "(555) 987-6543"
  Verdict covered;
  covered.pii = PiiOutcome{{PiiFinding{nethical::PiiType::kPhone, 9, 25, 0.9}}, 0.5};
  Verdict partial;  // "555) 987-6543": the "(" stays in the clear
  partial.pii = PiiOutcome{{PiiFinding{nethical::PiiType::kPhone, 11, 24, 0.9}}, 0.5};
  Verdict none;
  none.pii = PiiOutcome{};
  Verdict unscanned;  // the PII stage did not run
  c.Account(t, covered, 0);
  c.Account(t, partial, 0);
  c.Account(t, none, 0);
  c.Account(t, unscanned, 0);
  QualityTotals totals;
  c.MergeInto(&totals);
  const QualityReport q = MakeQualityReport(totals, {}, false);
  EXPECT_TRUE(q.pii_measured);
  EXPECT_EQ(q.pii_values, 3u);
  EXPECT_EQ(q.pii_covered, 1u);
  EXPECT_DOUBLE_EQ(*q.pii_recall, 1.0 / 3.0);
  EXPECT_EQ(q.pii_values_unscanned, 1u);
  ASSERT_EQ(q.pii_by_type.size(), 1u);
  EXPECT_EQ(q.pii_by_type[0].type, PiiType::kPhone);
}

TEST(QualityTest, PiiIsNotMeasuredWhenThePiiStageNeverRan) {
  QualityCounters c;
  ActionTruth t = Truth(ViolationCategory::kPrivacy);
  t.AddPii(PiiType::kSsn, 0, 11);
  c.Account(t, Verdict{}, 0);
  QualityTotals totals;
  c.MergeInto(&totals);
  const QualityReport q = MakeQualityReport(totals, {}, false);
  EXPECT_FALSE(q.pii_measured);
  EXPECT_FALSE(q.pii_recall.has_value());
  EXPECT_EQ(q.pii_values_unscanned, 1u);
}

Verdict Alert() {
  Verdict v;
  v.anomaly = AnomalyAlert{AnomalyType::kFrequency, AlertSeverity::kCritical, ""};
  return v;
}

ActionTruth Inside(uint8_t index, int64_t onset_ns) {
  ActionTruth t = Truth(ViolationCategory::kNone);
  t.anomaly = AnomalyKind::kBurst;
  t.anomaly_index = index;
  t.anomaly_onset_ns = onset_ns;
  return t;
}

TEST(QualityTest, AlertKindsAreTheAnomalyStagesTypesThenOther) {
  EXPECT_EQ(AlertKindName(AlertKindOf(AnomalyType::kFrequency)), "frequency");
  EXPECT_EQ(AlertKindName(AlertKindOf(AnomalyType::kSequence)), "sequence");
  EXPECT_EQ(AlertKindName(AlertKindOf(AnomalyType::kBehavioral)), "behavioral");
  EXPECT_EQ(AlertKindName(AlertKindOf(AnomalyType::kDrift)), "drift");
  EXPECT_EQ(AlertKindName(kAlertKindCount - 1), "other");
}

TEST(QualityTest, AnomalyRecallTimeToDetectAndFalseAlertsAreExact) {
  const AnomalyPlan plan = {{AnomalyKind::kBurst, 1, 10 * kS, 20 * kS},
                            {AnomalyKind::kSequenceSwitch, 2, 12 * kS, 30 * kS},
                            {AnomalyKind::kBurst, 3, 14 * kS, 24 * kS},
                            {AnomalyKind::kCohortDrift, 0, 40 * kS, INT64_MAX}};
  // Two workers, merged.
  QualityCounters w1, w2;
  w1.Account(Inside(0, 10 * kS), Verdict{}, 10 * kS);
  w1.Account(Inside(0, 10 * kS), Alert(), 13 * kS);  // detected after 3 s
  w2.Account(Inside(0, 10 * kS), Alert(), 11 * kS);  // ... no: after 1 s (earliest)
  w2.Account(Inside(1, 12 * kS), Alert(), 16 * kS);  // 4 s
  ActionTruth drift = Inside(3, 40 * kS);
  drift.anomaly = AnomalyKind::kCohortDrift;
  w1.Account(drift, Alert(), 50 * kS);                 // 10 s
  w1.Account(Inside(2, 14 * kS), Verdict{}, 15 * kS);  // missed
  // 996 benign actions, 3 alerts among them.
  for (int i = 0; i < 996; ++i)
    (i % 2 ? w1 : w2).Account(Truth(ViolationCategory::kNone), i < 3 ? Alert() : Verdict{}, i);
  QualityTotals t;
  w1.MergeInto(&t);
  w2.MergeInto(&t);
  const QualityReport q = MakeQualityReport(t, plan, /*anomaly_stage_ran=*/true);
  ASSERT_TRUE(q.anomaly_measured);
  ASSERT_EQ(q.anomalies.size(), 4u);
  EXPECT_EQ(q.anomalies_detected, 3u);
  EXPECT_DOUBLE_EQ(*q.anomaly_recall, 0.75);
  EXPECT_DOUBLE_EQ(*q.anomalies[0].time_to_detect_s, 1.0);
  EXPECT_EQ(q.anomalies[0].alerts, 2u);
  EXPECT_EQ(q.anomalies[0].actions, 3u);
  EXPECT_DOUBLE_EQ(*q.anomalies[1].time_to_detect_s, 4.0);
  EXPECT_FALSE(q.anomalies[2].time_to_detect_s.has_value());
  EXPECT_DOUBLE_EQ(*q.anomalies[3].time_to_detect_s, 10.0);
  EXPECT_FALSE(q.anomalies[3].end_s.has_value());
  EXPECT_DOUBLE_EQ(*q.time_to_detect_p50_s, 4.0);  // of {1, 4, 10}
  EXPECT_DOUBLE_EQ(*q.time_to_detect_max_s, 10.0);
  EXPECT_EQ(q.benign_actions, 996u);
  EXPECT_EQ(q.false_alerts, 3u);
  EXPECT_DOUBLE_EQ(*q.false_alerts_per_10k, 1e4 * 3 / 996);
  EXPECT_EQ(q.false_alerts_by_kind[AlertKindOf(Alert().anomaly->type)], 3u);
}

TEST(QualityTest, AnomaliesAreNotMeasuredWithoutTheAnomalyStage) {
  QualityCounters c;
  c.Account(Inside(0, 0), Verdict{}, 0);
  QualityTotals t;
  c.MergeInto(&t);
  const QualityReport q = MakeQualityReport(t, {{AnomalyKind::kBurst, 0, 0, kS}}, false);
  EXPECT_TRUE(q.injected);
  EXPECT_FALSE(q.anomaly_measured);
  EXPECT_FALSE(q.anomaly_recall.has_value());
  EXPECT_FALSE(q.false_alerts_per_10k.has_value());
}

TEST(QualityTest, ActionsWithoutTruthAreLeftOut) {
  QualityCounters c;
  c.Account(ActionTruth{}, WithViolations({"privacy"}), 0);  // known = false
  QualityTotals t;
  c.MergeInto(&t);
  const QualityReport q = MakeQualityReport(t, {}, true);
  EXPECT_FALSE(q.measured);
  EXPECT_TRUE(q.categories.empty());
  EXPECT_EQ(q.benign_actions, 0u);
}

TEST(QualityTest, EveryEngineViolationTypeHasItsOwnCategory) {
  for (int i = 1; i < kCategoryCount - 1; ++i) {
    const auto c = static_cast<ViolationCategory>(i);
    EXPECT_EQ(CategoryOfViolationType(CategoryName(c)), c) << CategoryName(c);
  }
}

}  // namespace
}  // namespace nethical::loadgen
