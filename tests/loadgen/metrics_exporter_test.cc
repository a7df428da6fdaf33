// The live /metrics endpoint: what a merged snapshot exports, that promtool
// accepts it, and that a server on an ephemeral loopback port serves the
// publisher's last tick. The run is simulated by hand (FakeClock, the
// monitor's SampleNow); the HTTP server is real and stopped by the test.
#include "loadgen/metrics_exporter.h"

#include <prometheus/text_serializer.h>

#include <chrono>

#include "gtest/gtest.h"
#include "loadgen/run_monitor.h"
#include "tests/loadgen/loopback_http.h"
#include "tests/testing/fake_clock.h"

namespace nethical::loadgen {
namespace {

constexpr int64_t kMs = 1'000'000;

class MetricsExporterTest : public ::testing::Test {
 protected:
  MetricsExporterTest() : recorder_(1, RecorderOptions{}, nullptr, clock_) {
    info_.planned = 1000;
    info_.target_rps = 100;
    info_.build = BuildInfo{"abc123", "gcc", "opt"};
  }
  void Complete(int n, int64_t response_ns, Decision d = Decision::kAllow) {
    for (int i = 0; i < n; ++i) {
      Sample s;
      s.finished_ns = clock_.NowNanos();
      s.intended_ns = s.started_ns = s.finished_ns - response_ns;
      s.decision = d;
      recorder_.worker(0).Record(s);
    }
  }
  std::string Text() {
    const auto totals = recorder_.Merge();
    return prometheus::TextSerializer().Serialize(RunMetricFamilies(*totals, 2'000'000'000, info_));
  }

  FakeClock clock_;
  Recorder recorder_;
  MetricsRunInfo info_;
};

TEST_F(MetricsExporterTest, ExportsCountersDecisionsAndBuildInfo) {
  Complete(7, kMs);
  Complete(3, kMs, Decision::kBlock);
  const std::string text = Text();
  EXPECT_NE(text.find("nethical_loadgen_actions_total 10"), std::string::npos) << text;
  EXPECT_NE(text.find("nethical_loadgen_decisions_total{decision=\"BLOCK\"} 3"), std::string::npos) << text;
  EXPECT_NE(text.find("nethical_loadgen_planned_actions 1000"), std::string::npos) << text;
  EXPECT_NE(text.find("nethical_loadgen_elapsed_seconds 2"), std::string::npos) << text;
  EXPECT_NE(
      text.find("nethical_loadgen_build_info{git_commit=\"abc123\",compiler=\"gcc\",build_mode=\"opt\"} 1"),
      std::string::npos)
      << text;
}

TEST_F(MetricsExporterTest, LatencyHistogramCountsFallUnderTheirBounds) {
  Complete(4, 3 * kMs);    // <= 5 ms, > 2.5 ms
  Complete(1, 400 * kMs);  // <= 500 ms
  const std::string text = Text();
  EXPECT_NE(text.find("nethical_loadgen_response_time_seconds_bucket{le=\"0.0025\"} 0"), std::string::npos)
      << text;
  EXPECT_NE(text.find("nethical_loadgen_response_time_seconds_bucket{le=\"0.005\"} 4"), std::string::npos)
      << text;
  EXPECT_NE(text.find("nethical_loadgen_response_time_seconds_bucket{le=\"0.25\"} 4"), std::string::npos)
      << text;
  EXPECT_NE(text.find("nethical_loadgen_response_time_seconds_bucket{le=\"0.5\"} 5"), std::string::npos)
      << text;
  EXPECT_NE(text.find("nethical_loadgen_response_time_seconds_bucket{le=\"+Inf\"} 5"), std::string::npos)
      << text;
  EXPECT_NE(text.find("nethical_loadgen_response_time_seconds_count 5"), std::string::npos) << text;
}

TEST_F(MetricsExporterTest, EngineStatsAppearOnlyForStagesThatRan) {
  info_.engine_stats = [] {
    EngineStats e;
    e.anomaly_alerts = AnomalyAlertCounts{1, 2, 3};
    return e;
  };
  const std::string text = Text();
  EXPECT_NE(text.find("nethical_engine_anomaly_alerts_total{severity=\"critical\"} 3"), std::string::npos)
      << text;
  EXPECT_EQ(text.find("nethical_engine_shadow"), std::string::npos) << text;
}

TEST_F(MetricsExporterTest, StageHistogramsCarryTheStageLabel) {
  info_.engine_stats = [] {
    EngineStats e;
    StageTimings timings(16);
    for (int64_t ns : {int64_t{3'000}, int64_t{20'000'000}}) {  // 3 us, 20 ms
      ActionStageTimes a;
      a.Add(Stage::kPii, ns);
      a.total_ns = ns;
      timings.AddAction(a);
    }
    e.stages = timings.Snapshot();
    return e;
  };
  const std::string text = Text();
  EXPECT_NE(text.find("nethical_engine_stage_sample_one_in 16"), std::string::npos) << text;
  EXPECT_NE(text.find("nethical_engine_stage_seconds_bucket{stage=\"pii\",le=\"5e-05\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("nethical_engine_stage_seconds_bucket{stage=\"pii\",le=\"0.025\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("nethical_engine_stage_seconds_count{stage=\"pii\"} 2"), std::string::npos) << text;
  EXPECT_EQ(text.find("stage=\"quota\""), std::string::npos) << text;
}

TEST_F(MetricsExporterTest, PromtoolAcceptsTheExposition) {
  Complete(5, 2 * kMs);
  info_.engine_stats = [] {
    EngineStats e;
    e.shadow = shadow::ShadowMetrics{};
    e.blend = shadow::BlendCounters{};
    e.anomaly_alerts = AnomalyAlertCounts{};
    e.audit_anchored = 5;
    StageTimings timings(4);
    ActionStageTimes a;
    a.Add(Stage::kPii, 3'000);
    a.total_ns = 5'000;
    timings.AddAction(a);
    e.stages = timings.Snapshot();
    return e;
  };
  std::string output;
  const int status = PromtoolCheckMetrics(Text(), &output);
  ASSERT_NE(status, -1) << "promtool could not be run (ci/setup installs Debian's prometheus package)";
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "") << output;  // no lint findings either
}

TEST_F(MetricsExporterTest, ServerOnAnEphemeralLoopbackPortServesTheLastTick) {
  auto publisher = std::make_shared<MetricsPublisher>(info_);
  RunMonitor monitor(recorder_, clock_, 1'000'000'000);
  monitor.Add(publisher.get());
  StatusOr<std::unique_ptr<MetricsServer>> server = MetricsServer::Start("127.0.0.1", 0, publisher);
  ASSERT_TRUE(server.ok()) << server.status().message();
  ASSERT_GT((*server)->port(), 0);
  EXPECT_EQ((*server)->url(), "http://127.0.0.1:" + std::to_string((*server)->port()) + "/metrics");
  Complete(3, kMs);
  clock_.Advance(std::chrono::seconds(1));
  monitor.SampleNow();
  const HttpResponse first = HttpGet("127.0.0.1", (*server)->port(), "/metrics");
  ASSERT_EQ(first.status, 200) << first.headers;
  EXPECT_NE(first.body.find("nethical_loadgen_actions_total 3"), std::string::npos) << first.body;
  Complete(2, kMs);
  monitor.SampleNow();
  const HttpResponse second = HttpGet("127.0.0.1", (*server)->port(), "/metrics");
  EXPECT_NE(second.body.find("nethical_loadgen_actions_total 5"), std::string::npos) << second.body;
}

TEST(MetricsServerTest, RefusesAHostName) {
  StatusOr<std::unique_ptr<MetricsServer>> server =
      MetricsServer::Start("localhost", 0, std::make_shared<MetricsPublisher>(MetricsRunInfo{}));
  EXPECT_FALSE(server.ok());
}

}  // namespace
}  // namespace nethical::loadgen
