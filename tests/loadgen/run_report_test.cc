#include "loadgen/run_report.h"

#include "gtest/gtest.h"
#include "loadgen/console_report.h"

namespace nethical::loadgen {
namespace {

constexpr int64_t kMs = 1'000'000;

std::unique_ptr<RunTotals> Totals(uint64_t n, uint64_t errors, int64_t response_ms) {
  auto t = std::make_unique<RunTotals>();
  t->completed = n;
  t->errors = errors;
  t->decisions[0] = n - errors;
  for (uint64_t i = 0; i < n; ++i) {
    t->response_time.Record(response_ms * kMs);
    t->service_time.Record(kMs);
    t->send_lag.Record(response_ms * kMs - kMs);
  }
  return t;
}

RunResult Lasting(double seconds) {
  RunResult r;
  r.start_ns = 1000;
  r.end_ns = 1000 + static_cast<int64_t>(seconds * 1e9);
  return r;
}

TEST(RunReportTest, DerivesRatesAndCounts) {
  RunResult stopped = Lasting(10);  // interrupted: judged on its elapsed time
  stopped.stopped = true;
  const RunReport r = MakeRunReport(*Totals(1000, 5, 10), stopped, 1100, 11, 100);
  EXPECT_EQ(r.completed, 1000u);
  EXPECT_EQ(r.successes, 995u);
  EXPECT_EQ(r.not_sent, 100u);
  EXPECT_DOUBLE_EQ(r.achieved_rps, 100);
  EXPECT_DOUBLE_EQ(r.error_rate, 0.005);
  EXPECT_NEAR(r.response_time.p99_ms, 10, 0.05);
  EXPECT_NEAR(r.service_time.p50_ms, 1, 0.01);
}

TEST(RunReportTest, SlosPassWhenEveryFigureIsInside) {
  const RunReport r = MakeRunReport(*Totals(1000, 0, 10), Lasting(10), 1000, 10, 100);
  const auto checks = CheckSlos(r, SloThresholds{});
  ASSERT_EQ(checks.size(), 4u);
  EXPECT_TRUE(AllPassed(checks));
}

TEST(RunReportTest, LatencySlosAreStrictAndJudgeResponseTime) {
  const RunReport r = MakeRunReport(*Totals(100, 0, 200), Lasting(1), 100, 1, 100);
  SloThresholds slo;
  slo.p95_ms = r.response_time.p95_ms;  // equal is not below
  const auto checks = CheckSlos(r, slo);
  EXPECT_FALSE(checks[0].passed);
  EXPECT_EQ(checks[0].observed, r.response_time.p95_ms);
  EXPECT_TRUE(checks[1].passed);
}

TEST(RunReportTest, RateSloFailsOutsideTheTolerance) {
  const RunReport r = MakeRunReport(*Totals(880, 0, 1), Lasting(10), 1000, 10, 100);  // 88/s
  const auto checks = CheckSlos(r, SloThresholds{});
  EXPECT_FALSE(checks[2].passed);
  EXPECT_NEAR(checks[2].observed, 0.12, 1e-9);
}

TEST(RunReportTest, RateSloFailsForAZeroTarget) {
  const RunReport r = MakeRunReport(*Totals(10, 0, 1), Lasting(1), 10, 1, 0);
  EXPECT_FALSE(CheckSlos(r, SloThresholds{})[2].passed);
}

TEST(RunReportTest, ErrorRateSloIsStrict) {
  const RunReport r = MakeRunReport(*Totals(100, 1, 1), Lasting(1), 100, 1, 100);
  EXPECT_FALSE(CheckSlos(r, SloThresholds{})[3].passed);  // 1% is not < 1%
}

TEST(RunReportTest, InterruptedOnlyWhenStoppedWithSendsLeft) {
  RunResult stopped = Lasting(1);
  stopped.stopped = true;
  EXPECT_TRUE(MakeRunReport(*Totals(10, 0, 1), stopped, 20, 1, 20).interrupted);
  EXPECT_FALSE(MakeRunReport(*Totals(20, 0, 1), stopped, 20, 1, 20).interrupted);
}

// N sends exactly on an even schedule at 5/s (the last verdict 1 ms after
// the last intended send, (N-1)/5 s): the achieved rate is the target,
// however short the run. `--agents 2 --rps 5 --duration 2` gave 5.55 (FAIL).
TEST(RunReportTest, AnExactScheduleAchievesTheTargetRateForAnyNumberOfSends) {
  for (const uint64_t n : {1ull, 2ull, 10ull, 100'000ull}) {
    const double span = n / 5.0;
    const RunReport r = MakeRunReport(*Totals(n, 0, 1), Lasting((n - 1) / 5.0 + 0.001), n, span, 5, span);
    EXPECT_DOUBLE_EQ(r.achieved_rps, 5.0) << n;
    EXPECT_TRUE(CheckSlos(r, SloThresholds{})[2].passed) << n;
  }
}

// Verdicts arriving after the scheduled span are charged for the extra time.
TEST(RunReportTest, VerdictsAfterTheSpanLowerTheAchievedRate) {
  const RunReport r = MakeRunReport(*Totals(10, 0, 1), Lasting(4), 10, 2, 5, 2);
  EXPECT_DOUBLE_EQ(r.achieved_rps, 2.5);
  EXPECT_FALSE(CheckSlos(r, SloThresholds{})[2].passed);
}

// A run cut off at its send deadline: 201 of 1,000 sends in 2.01 s.
TEST(RunReportTest, ACutOffRunCountsTheUnsentAndFailsTheRateSlo) {
  RunResult cut = Lasting(2.01);
  cut.cut_off = true;
  const RunReport r = MakeRunReport(*Totals(201, 0, 1), cut, 1000, 1, 1000, 1);
  EXPECT_TRUE(r.cut_off);
  EXPECT_FALSE(r.interrupted);
  EXPECT_EQ(r.not_sent, 799u);
  EXPECT_NEAR(r.achieved_rps, 100, 1e-6);
  EXPECT_FALSE(CheckSlos(r, SloThresholds{})[2].passed);
  const std::string s = RenderConsoleSummary(r, CheckSlos(r, SloThresholds{}), 1.0);
  EXPECT_NE(s.find("Not Sent:            799 (sending stopped at the deadline"), std::string::npos) << s;
}

TEST(ConsoleReportTest, KeepsTheOriginalsLayout) {
  const RunReport r = MakeRunReport(*Totals(3000, 0, 12), Lasting(60), 3000, 60, 50);
  const std::string s = RenderConsoleSummary(r, CheckSlos(r, SloThresholds{}), 1.0);
  const std::string expected_head =
      "\n============================================================\n"
      "LOAD TEST RESULTS\n"
      "============================================================\n"
      "Elapsed Time:        60.00s\n"
      "Total Actions:       3000\n"
      "Target RPS:          50.00\n"
      "Achieved RPS:        50.00\n"
      "Successes:           3000\n"
      "Errors:              0\n"
      "Error Rate:          0.00%\n"
      "Violations Detected: 0\n"
      "\n"
      "Latency (ms):\n"
      "  Min:     12.00\n"
      "  Mean:    12.00\n";
  EXPECT_EQ(s.substr(0, expected_head.size()), expected_head);
  EXPECT_NE(s.find("\nSLO Compliance:\n"
                   "  p95 < 200ms:  \u2713 PASS (12.00ms)\n"
                   "  p99 < 500ms:  \u2713 PASS (12.00ms)\n"
                   "  RPS within 10%: \u2713 PASS\n"
                   "  Error rate < 1%: \u2713 PASS\n"),
            std::string::npos)
      << s;
}

TEST(ConsoleReportTest, ShowsOverriddenThresholdsAndFailures) {
  const RunReport r = MakeRunReport(*Totals(100, 0, 12), Lasting(1), 100, 1, 100);
  SloThresholds slo;
  slo.p95_ms = 5;
  slo.rate_tolerance = 0.02;
  const std::string s = RenderConsoleSummary(r, CheckSlos(r, slo), 1.0);
  EXPECT_NE(s.find("  p95 < 5ms:  \u2717 FAIL (12.00ms)\n"), std::string::npos) << s;
  EXPECT_NE(s.find("  RPS within 2%: \u2713 PASS\n"), std::string::npos) << s;
}

TEST(ConsoleReportTest, ShowsNoEngineOrCohortBlockWhenNothingRan) {
  const RunReport r = MakeRunReport(*Totals(100, 0, 12), Lasting(1), 100, 1, 100);
  const std::string s = RenderConsoleSummary(r, CheckSlos(r, SloThresholds{}), 1.0);
  EXPECT_EQ(s.find("ML Shadow"), std::string::npos);
  EXPECT_EQ(s.find("Blended Risk"), std::string::npos);
  EXPECT_EQ(s.find("Anomaly Alerts"), std::string::npos);
  EXPECT_EQ(s.find("Per-Cohort"), std::string::npos);
}

TEST(ConsoleReportTest, ShowsATitledBlockPerStageThatRanBeforeTheSlos) {
  RunReport r = MakeRunReport(*Totals(100, 0, 12), Lasting(1), 100, 1, 100);
  r.engine.shadow = shadow::ShadowMetrics{};
  r.engine.shadow->predictions = 100;
  r.engine.shadow->labelled = 100;
  r.engine.shadow->true_positives = 4;
  r.engine.shadow->false_negatives = 1;
  r.engine.shadow->class_agreement_rate = 0.875;
  r.engine.shadow->expected_calibration_error = 0.0312;
  r.engine.blend = shadow::BlendCounters{100, 30, 6, 2};
  const std::string s = RenderConsoleSummary(r, CheckSlos(r, SloThresholds{}), 1.0);
  EXPECT_NE(s.find("ML Shadow (positive = deny):\n  Predictions:       100 (100 labelled)\n"
                   "  Confusion:         TP 4  FP 0  TN 0  FN 1\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("  Agreement Rate:    87.50%"), std::string::npos) << s;
  EXPECT_NE(s.find("  ECE (5 bins):      0.0312\n"), std::string::npos) << s;
  EXPECT_NE(s.find("Blended Risk:\n  Blends:            100 (30 in the gray zone)\n"
                   "  Escalations:       6\n  De-escalations:    2\n"),
            std::string::npos)
      << s;
  EXPECT_LT(s.find("Blended Risk:"), s.find("SLO Compliance:"));
  EXPECT_EQ(s.find("Anomaly Alerts"), std::string::npos);
}

TEST(ConsoleReportTest, ExactCohortsPrintAsIntegersNoisyOnesAreMarked) {
  RunReport r = MakeRunReport(*Totals(100, 0, 12), Lasting(1), 100, 1, 100);
  r.cohorts.cohorts.push_back(CohortFigures{"load-test", 100, 5, 7, 0.25});
  std::string s = RenderConsoleSummary(r, CheckSlos(r, SloThresholds{}), 1.0);
  EXPECT_NE(s.find("Per-Cohort Aggregates:\n"), std::string::npos) << s;
  EXPECT_NE(s.find("  load-test                     100            5            7     0.2500\n"),
            std::string::npos)
      << s;
  r.cohorts.release = CohortAggregates::Release::kDifferential;
  r.cohorts.epsilon_spent = 1;
  r.cohorts.cohorts[0].actions = 101.37;
  s = RenderConsoleSummary(r, CheckSlos(r, SloThresholds{}), 1.0);
  EXPECT_NE(s.find("Per-Cohort Aggregates (differentially private, noisy; epsilon 1 spent):"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("101.4"), std::string::npos) << s;
}

TEST(ConsoleReportTest, ReportsARefusedCohortRelease) {
  RunReport r = MakeRunReport(*Totals(100, 0, 12), Lasting(1), 100, 1, 100);
  r.cohorts.release = CohortAggregates::Release::kRefused;
  r.cohorts.refusal = "privacy budget exhausted: query asks epsilon=5";
  const std::string s = RenderConsoleSummary(r, CheckSlos(r, SloThresholds{}), 1.0);
  EXPECT_NE(s.find("Per-Cohort Aggregates: not released: privacy budget exhausted: query asks epsilon=5\n"),
            std::string::npos)
      << s;
}

}  // namespace
}  // namespace nethical::loadgen
