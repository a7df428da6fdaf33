// End-to-end: what a user watches while generate_load runs. The test starts
// the binary with --metrics-port 0 (an ephemeral loopback port, printed on
// stderr), scrapes /metrics over loopback during the run, validates the
// exposition with `promtool check metrics` (Debian's prometheus package;
// ci/setup installs it: a missing promtool fails the test), and reads the
// --timeseries CSV and the JSON summary's series afterwards.
#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "tests/loadgen/generate_load_process.h"
#include "tests/loadgen/loopback_http.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::json;

// The port generate_load printed ("Metrics: http://127.0.0.1:PORT/metrics"),
// waiting up to 30 s for the line; 0 if it never came.
int WaitForMetricsPort(const Process& p) {
  const std::regex line("Metrics: http://127\\.0\\.0\\.1:([0-9]+)/metrics");
  for (int i = 0; i < 300; ++i) {
    std::smatch m;
    const std::string err = p.err();
    if (std::regex_search(err, m, line)) return std::stoi(m[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return 0;
}

double MetricValue(const std::string& text, const std::string& name) {
  const std::regex line("(^|\n)" + name + " ([0-9.eE+-]+)");
  std::smatch m;
  return std::regex_search(text, m, line) ? std::stod(m[2]) : -1;
}

TEST(ObservabilityE2eTest, MetricsAreScrapedDuringTheRunAndPassPromtool) {
  const std::string ts = TmpPath("obs.timeseries.csv"), json = TmpPath("obs.json");
  Process p;
  p.Start("obs", {"--evaluator", "null", "--agents", "10", "--rps", "200", "--duration", "4", "--seed", "3",
                  "--no-output", "--no-progress", "--metrics-port", "0", "--timeseries", ts, "--json-summary",
                  json});
  const int port = WaitForMetricsPort(p);
  ASSERT_GT(port, 0) << p.err();
  // Scrape until the first tick has been published (about 1 s into the run).
  std::string body;
  for (int i = 0; i < 50 && MetricValue(body, "nethical_loadgen_actions_total") <= 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    const HttpResponse r = HttpGet("127.0.0.1", port, "/metrics");
    ASSERT_EQ(r.status, 200) << r.headers;
    body = r.body;
  }
  EXPECT_GT(MetricValue(body, "nethical_loadgen_actions_total"), 0) << body;
  EXPECT_EQ(MetricValue(body, "nethical_loadgen_planned_actions"), 800) << body;
  const double elapsed = MetricValue(body, "nethical_loadgen_elapsed_seconds");
  EXPECT_GT(elapsed, 0) << body;
  EXPECT_LT(elapsed, 4) << "scraped after the run: " << body;
  EXPECT_NE(body.find("nethical_loadgen_response_time_seconds_bucket{le=\"+Inf\"}"), std::string::npos)
      << body;
  EXPECT_NE(body.find("nethical_loadgen_build_info{"), std::string::npos) << body;
  std::string promtool;
  const int check = PromtoolCheckMetrics(body, &promtool);
  ASSERT_NE(check, -1) << "promtool could not be run (ci/setup installs Debian's prometheus package)";
  EXPECT_EQ(check, 0) << promtool << "\n" << body;

  ASSERT_EQ(p.Wait(), 0) << p.out() << p.err();
  // The series: about one row per second of the 4 s run.
  const std::string csv = ReadFile(ts);
  size_t rows = 0;
  for (char c : csv) rows += c == '\n';
  EXPECT_GE(rows, 1u + 4u) << csv;
  EXPECT_LE(rows, 1u + 5u) << csv;
  const Json j = Json::parse(ReadFile(json));
  uint64_t completed = 0;
  for (const Json& point : j["timeseries"]["points"]) completed += point["completed"].get<uint64_t>();
  EXPECT_EQ(completed, 800u) << j["timeseries"].dump(2);
  EXPECT_EQ(j["timeseries"]["bucket_seconds"], 1);
}

TEST(ObservabilityE2eTest, ABusyMetricsPortIsASetupError) {
  // Hold a port, then ask generate_load for it.
  Process first;
  first.Start("obs_holder", {"--evaluator", "null", "--rps", "10", "--duration", "5", "--no-output",
                             "--no-progress", "--metrics-port", "0"});
  const int port = WaitForMetricsPort(first);
  ASSERT_GT(port, 0) << first.err();
  Process second;
  const int rc = RunToEnd("obs_busy",
                          {"--evaluator", "null", "--duration", "1", "--no-output", "--no-progress",
                           "--metrics-port", std::to_string(port)},
                          &second);
  EXPECT_EQ(rc, 2) << second.err();
  EXPECT_NE(second.err().find("metrics: cannot listen on 127.0.0.1:" + std::to_string(port)),
            std::string::npos)
      << second.err();
  first.Wait();
}

}  // namespace
}  // namespace nethical::loadgen
