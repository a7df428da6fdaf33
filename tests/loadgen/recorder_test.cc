// The recorder's per-cohort aggregates: bounded by the cohorts it is given,
// merged over workers like its other counters.
#include "loadgen/recorder.h"

#include <cmath>

#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"

namespace nethical::loadgen {
namespace {

Sample Evaluated(const Action& a, bool violation, uint32_t pii, double risk) {
  Sample s;
  s.action = &a;
  s.violation = violation;
  s.pii_findings = pii;
  s.risk_score = risk;
  return s;
}

Action InCohort(const char* cohort) {
  Action a;
  a.cohort = cohort;
  return a;
}

RecorderOptions TwoCohorts() {
  RecorderOptions o;
  o.cohorts = {"alpha", "beta"};
  return o;
}

TEST(RecorderCohortTest, AggregatesEachCohortAndMergesWorkers) {
  FakeClock clock;
  Recorder recorder(2, TwoCohorts(), nullptr, clock);
  const Action alpha = InCohort("alpha"), beta = InCohort("beta");
  recorder.worker(0).Record(Evaluated(alpha, true, 2, 0.25));
  recorder.worker(1).Record(Evaluated(alpha, false, 0, 0.75));
  recorder.worker(1).Record(Evaluated(beta, true, 1, 0.5));
  const auto totals = recorder.Merge();
  ASSERT_EQ(totals->cohorts.size(), 2u);
  const CohortTotals& a = totals->cohorts[0];
  EXPECT_EQ(a.cohort, "alpha");
  EXPECT_EQ(a.actions, 2u);
  EXPECT_EQ(a.violations, 1u);
  EXPECT_EQ(a.pii_findings, 2u);
  EXPECT_DOUBLE_EQ(a.risk_sum, 1.0);
  const CohortTotals& b = totals->cohorts[1];
  EXPECT_EQ(b.actions, 1u);
  EXPECT_EQ(b.violations, 1u);
  EXPECT_DOUBLE_EQ(b.risk_sum, 0.5);
}

TEST(RecorderCohortTest, UnnamedCohortCountsUnderTheLastSlot) {
  FakeClock clock;
  Recorder recorder(1, TwoCohorts(), nullptr, clock);
  const Action stranger = InCohort("gamma");
  recorder.worker(0).Record(Evaluated(stranger, false, 0, 0.1));
  const auto totals = recorder.Merge();
  EXPECT_EQ(totals->cohorts[0].actions, 0u);
  EXPECT_EQ(totals->cohorts[1].actions, 1u);
}

TEST(RecorderCohortTest, EmptyCohortListGivesOneOtherSlot) {
  FakeClock clock;
  Recorder recorder(1, RecorderOptions{}, nullptr, clock);
  const Action a = InCohort("anything");
  recorder.worker(0).Record(Evaluated(a, false, 0, 0.0));
  const auto totals = recorder.Merge();
  ASSERT_EQ(totals->cohorts.size(), 1u);
  EXPECT_EQ(totals->cohorts[0].cohort, kOtherCohort);
  EXPECT_EQ(totals->cohorts[0].actions, 1u);
}

TEST(RecorderCohortTest, CapsPiiFindingsPerActionOnlyInTheCappedTotal) {
  FakeClock clock;
  Recorder recorder(1, TwoCohorts(), nullptr, clock);
  const Action a = InCohort("alpha");
  recorder.worker(0).Record(Evaluated(a, false, 10, 0.0));
  const auto totals = recorder.Merge();
  EXPECT_EQ(totals->cohorts[0].pii_findings, 10u);
  EXPECT_EQ(totals->cohorts[0].pii_findings_capped, kPiiFindingsCapPerAction);
}

TEST(RecorderCohortTest, ClampsRiskToTheUnitIntervalAndNanToZero) {
  FakeClock clock;
  Recorder recorder(1, TwoCohorts(), nullptr, clock);
  const Action a = InCohort("alpha");
  recorder.worker(0).Record(Evaluated(a, false, 0, 7.0));
  recorder.worker(0).Record(Evaluated(a, false, 0, -1.0));
  recorder.worker(0).Record(Evaluated(a, false, 0, std::nan("")));
  EXPECT_DOUBLE_EQ(recorder.Merge()->cohorts[0].risk_sum, 1.0);
}

TEST(RecorderCohortTest, ErrorsAreNotCohortActions) {
  FakeClock clock;
  Recorder recorder(1, TwoCohorts(), nullptr, clock);
  const Action a = InCohort("alpha");
  Sample s = Evaluated(a, false, 0, 0.0);
  s.ok = false;
  s.error_class = "RejectedInput";
  recorder.worker(0).Record(s);
  const auto totals = recorder.Merge();
  EXPECT_EQ(totals->errors, 1u);
  EXPECT_EQ(totals->cohorts[0].actions, 0u);
}

}  // namespace
}  // namespace nethical::loadgen
