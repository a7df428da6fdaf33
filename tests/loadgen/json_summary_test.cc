#include "loadgen/json_summary.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::json;

// "path: type" for every field; arrays by their first element ("[]"). The
// engine's own keys are checked by its config tests, so "engine" is a leaf.
void Shape(const Json& j, const std::string& path, std::string* out) {
  if (j.is_object() && path != "configuration.engine") {
    for (const auto& [k, v] : j.items()) Shape(v, path.empty() ? k : path + "." + k, out);
    return;
  }
  if (j.is_array() && !j.empty()) return Shape(j[0], path + "[]", out);
  *out += path + ": " + (j.is_number() ? std::string("number") : j.type_name()) + "\n";
}

struct Fixture {
  LoadOptions options;
  RunTotals totals;
  RunReport report;
  SummaryContext context;
  Fixture() {
    options.command_line = {"--rps", "100"};
    totals.completed = 1000;
    totals.decisions[0] = 1000;
    for (int i = 1; i <= 1000; ++i) {
      totals.response_time.Record(i * 10'000);
      totals.service_time.Record(i * 1'000);
      totals.send_lag.Record(i * 9'000);
    }
    RunResult result;
    result.end_ns = 10'000'000'000;
    report = MakeRunReport(totals, result, 1000, 10, 100);
    // Every optional block present, so the golden shape covers them all.
    report.engine.shadow = shadow::ShadowMetrics{};
    report.engine.shadow->predictions = 1000;
    report.engine.shadow->true_positives = 40;
    report.engine.shadow->class_agreement_rate = 0.9;
    report.engine.shadow->expected_calibration_error = 0.05;
    report.engine.blend = shadow::BlendCounters{1000, 300, 12, 7};
    report.engine.anomaly_alerts = AnomalyAlertCounts{3, 2, 1};
    report.engine.audit_anchored = 1000;
    report.engine.audit_recovery = AuditRecoveryCounts{57, 1, 3, 0};
    report.engine.stages = StageTimingStats{};
    report.engine.stages->one_in = 16;
    report.engine.stages->total.count = 10;
    report.engine.stages->total.sum_ns = 100'000;
    report.engine.stages->stages[static_cast<int>(Stage::kPii)].count = 10;
    report.engine.stages->stages[static_cast<int>(Stage::kPii)].sum_ns = 40'000;
    report.engine.shared_state = SharedStateCounts{100, 3, 3, 0, 2, 1};
    report.engine.shared_risk = SharedStateCounts{.checks = 90,
                                                  .errors = 1,
                                                  .fail_open_admits = 1,
                                                  .connects = 2,
                                                  .script_loads = 2,
                                                  .round_trips = 92,
                                                  .replayed = 40};
    report.engine.shared_quarantine = SharedStateCounts{
        .checks = 600, .errors = 2, .connects = 3, .script_loads = 3, .round_trips = 605, .replayed = 1};
    report.cohorts.cohorts.push_back(CohortFigures{"load-test", 1000, 5, 20, 0.3});
    // A quality block with every figure defined.
    QualityTotals q;
    q.actions = 1000;
    q.clean = 900;
    q.clean_flagged = 9;
    const int privacy = static_cast<int>(ViolationCategory::kPrivacy);
    q.expected[privacy] = 100;
    q.detected[privacy] = 80;
    q.true_positives[privacy] = 76;
    q.pii_values[static_cast<int>(PiiType::kEmail)] = 100;
    q.pii_covered[static_cast<int>(PiiType::kEmail)] = 95;
    q.benign = 900;
    q.false_alerts = 2;
    q.anomaly_actions[0] = 100;
    q.anomaly_alerts[0] = 3;
    q.first_alert_ns[0] = 2'500'000'000;
    q.anomaly_actions[1] = 30;
    q.anomaly_alerts[1] = 29;
    q.first_alert_ns[1] = 5'100'000'000;
    InjectedAnomaly coordinated{.kind = AnomalyKind::kCoordinatedPayload,
                                .agent = 6,
                                .onset_ns = 5'000'000'000,
                                .end_ns = 6'000'000'000};
    coordinated.group = {6, 8, 9};
    coordinated.group_size = 3;
    report.quality =
        MakeQualityReport(q, {{AnomalyKind::kBurst, 5, 2'000'000'000, 4'000'000'000}, coordinated}, true,
                          /*correlation_stage_ran=*/true);
    TimeSeriesPoint second;
    second.end_s = 1;
    second.planned = 100;
    second.completed = 100;
    second.slo_failures = kSloFailP99;
    report.timeseries = {second};
    report.timeseries_bucket_s = 1;
    context.options = &options;
    context.seed = 7;
    context.started_at = "2026-01-01T00:00:00+00:00";
    context.workers = 2;
    context.engine_config = {{"NETHICAL_ENABLE_MERKLE", "true"}};
    context.machine = MachineInfo{"host", 2, "cpu", "Linux 6", "0.1 0.2 0.3"};
    context.build = BuildInfo{"abc123", "12.2.0", "opt"};
    context.coordination = {"run-1", 2, 4, 1'796'538'143'184'252'000, 0.1};
  }
  Json Render(const FindMaxResult* find_max = nullptr) const {
    return Json::parse(RenderJsonSummary(report, CheckSlos(report, options.slo), context, find_max));
  }
};

std::string Golden() {
  std::ifstream in("tests/loadgen/testdata/json_summary_shape.golden");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(JsonSummaryTest, ShapeMatchesTheGoldenContract) {
  FindMaxResult fm;
  fm.found = true;
  fm.max_rps = 100;
  fm.trials.push_back(FindMaxTrial{100, true, Fixture().report});
  std::string shape;
  Shape(Fixture().Render(&fm), "", &shape);
  EXPECT_EQ(shape, Golden()) << "If the contract changed on purpose, bump kJsonSummarySchemaVersion "
                                "when a field is removed or changes meaning, update docs/loadgen.md "
                                "and the golden file. Actual shape:\n"
                             << shape;
}

TEST(JsonSummaryTest, CarriesTheFiguresAndVerdicts) {
  const Json j = Fixture().Render();
  EXPECT_EQ(j["schema_version"], kJsonSummarySchemaVersion);
  EXPECT_EQ(j["target_rps"], 100.0);
  EXPECT_DOUBLE_EQ(j["achieved_rps"].get<double>(), 100.0);
  EXPECT_EQ(j["counts"]["completed"], 1000);
  EXPECT_EQ(j["error_rate"], 0.0);
  EXPECT_NEAR(j["response_time_ms"]["p99"].get<double>(), 9.9, 9.9 * 0.01);
  EXPECT_NEAR(j["service_time_ms"]["p50"].get<double>(), 0.5, 0.5 * 0.01);
  EXPECT_EQ(j["slo"]["latency_basis"], "response_time");
  EXPECT_TRUE(j["slo"]["passed"].get<bool>());
  EXPECT_EQ(j["configuration"]["seed"], 7);
  EXPECT_EQ(j["configuration"]["engine"]["NETHICAL_ENABLE_MERKLE"], "true");
  EXPECT_EQ(j["version"]["git_commit"], "abc123");
  EXPECT_FALSE(j.contains("find_max"));
}

TEST(JsonSummaryTest, CarriesEngineStatsOfTheStagesThatRan) {
  const Json j = Fixture().Render();
  EXPECT_EQ(j["engine_stats"]["shadow"]["confusion_matrix"]["true_positives"], 40);
  EXPECT_EQ(j["engine_stats"]["shadow"]["agreement_rate"], 0.9);
  EXPECT_EQ(j["engine_stats"]["shadow"]["expected_calibration_error"], 0.05);
  EXPECT_EQ(j["engine_stats"]["shadow"]["calibration_bins"].size(), 5u);
  EXPECT_EQ(j["engine_stats"]["blend"]["escalations"], 12);
  EXPECT_EQ(j["engine_stats"]["blend"]["de_escalations"], 7);
  EXPECT_EQ(j["engine_stats"]["anomaly_alerts"]["critical"], 1);
  EXPECT_EQ(j["engine_stats"]["audit_anchored"], 1000);
  EXPECT_EQ(j["engine_stats"]["audit_recovery"]["truncated_bytes"], 57);
  EXPECT_EQ(j["engine_stats"]["audit_recovery"]["dropped_records"], 1);
  EXPECT_EQ(j["engine_stats"]["audit_recovery"]["restored_records"], 3);
  EXPECT_EQ(j["engine_stats"]["audit_recovery"]["unrestored_bytes"], 0);
  EXPECT_EQ(j["engine_stats"]["shared_state"]["errors"], 3);
  EXPECT_EQ(j["engine_stats"]["shared_state"]["fail_open_admits"], 3);
}

TEST(JsonSummaryTest, OmitsEngineStatsOfStagesThatDidNotRun) {
  Fixture f;
  f.report.engine = EngineStats{};
  f.report.engine.blend = shadow::BlendCounters{};
  const Json j = f.Render();
  EXPECT_TRUE(j["engine_stats"].contains("blend"));
  EXPECT_FALSE(j["engine_stats"].contains("shadow"));
  EXPECT_FALSE(j["engine_stats"].contains("anomaly_alerts"));
  EXPECT_FALSE(j["engine_stats"].contains("audit_anchored"));
  EXPECT_FALSE(j["engine_stats"].contains("audit_recovery"));
}

TEST(JsonSummaryTest, QualityBlockCarriesTheFiguresAgainstTheTruth) {
  const Json j = Fixture().Render();
  const Json& q = j["quality"];
  EXPECT_TRUE(q["measured"].get<bool>());
  EXPECT_EQ(q["clean_flagged"], 9);
  EXPECT_EQ(q["categories"][0]["category"], "privacy");
  EXPECT_DOUBLE_EQ(q["categories"][0]["precision"].get<double>(), 76.0 / 80);
  EXPECT_DOUBLE_EQ(q["categories"][0]["recall"].get<double>(), 0.76);
  EXPECT_DOUBLE_EQ(q["pii"]["recall"].get<double>(), 0.95);
  EXPECT_EQ(q["shadow_vs_rule"]["true_positives"], 40);
  EXPECT_EQ(q["anomalies"]["injected_anomalies"][0]["kind"], "burst");
  EXPECT_DOUBLE_EQ(q["anomalies"]["injected_anomalies"][0]["time_to_detect_seconds"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(q["anomalies"]["false_alerts_per_10k"].get<double>(), 1e4 * 2 / 900);
}

TEST(JsonSummaryTest, UndefinedQualityFiguresAreNull) {
  Fixture f;
  f.report.quality = MakeQualityReport(QualityTotals{}, {}, false);
  f.report.engine.shadow.reset();
  const Json q = f.Render()["quality"];
  EXPECT_FALSE(q["measured"].get<bool>());
  EXPECT_TRUE(q["pii"]["recall"].is_null());
  EXPECT_TRUE(q["anomalies"]["recall"].is_null());
  EXPECT_TRUE(q["shadow_vs_rule"].is_null());
}

TEST(JsonSummaryTest, CohortsSayHowTheyWereReleased) {
  Fixture f;
  EXPECT_EQ(f.Render()["cohorts"]["release"], "exact");
  EXPECT_FALSE(f.Render()["cohorts"]["noisy"].get<bool>());
  EXPECT_EQ(f.Render()["cohorts"]["per_cohort"][0]["actions"], 1000.0);
  f.report.cohorts.release = CohortAggregates::Release::kDifferential;
  f.report.cohorts.epsilon_spent = 1.0;
  EXPECT_TRUE(f.Render()["cohorts"]["noisy"].get<bool>());
  EXPECT_EQ(f.Render()["cohorts"]["epsilon_spent"], 1.0);
  f.report.cohorts = CohortAggregates{CohortAggregates::Release::kRefused, 0, "privacy budget exhausted", {}};
  EXPECT_EQ(f.Render()["cohorts"]["release"], "refused");
  EXPECT_EQ(f.Render()["cohorts"]["refusal"], "privacy budget exhausted");
  EXPECT_TRUE(f.Render()["cohorts"]["per_cohort"].empty());
}

}  // namespace
}  // namespace nethical::loadgen
