// End-to-end: `generate_load --anomaly --correlation --inject-anomalies`, in
// real time (79 s: the shortest injected run at 200 actions/s over 10
// agents, docs/loadgen.md). The quality block reports the coordinated
// episode found by the correlation engine, with no coordinated_attack on a
// benign action, and the run exits 0. The SLOs are set loose so that a
// loaded machine cannot turn the exit status into a latency verdict.
#include <nlohmann/json.hpp>
#include <string>

#include "gtest/gtest.h"
#include "tests/loadgen/generate_load_process.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::json;

TEST(InjectAnomaliesE2eTest, TheCoordinatedEpisodeIsFoundByTheCorrelationEngineAndTheRunExitsZero) {
  Process p;
  const std::string json = TmpPath("coordinated.json");
  const int rc = RunToEnd("coordinated",
                          {"--anomaly",
                           "--correlation",
                           "--inject-anomalies",
                           "--agents",
                           "10",
                           "--rps",
                           "200",
                           "--duration",
                           "79",
                           "--seed",
                           "42",
                           "--no-output",
                           "--no-progress",
                           "--json-summary",
                           json,
                           "--storage-dir",
                           TmpPath("coordinated_store"),
                           "--slo-p95-ms",
                           "5000",
                           "--slo-p99-ms",
                           "10000",
                           "--slo-rate-tolerance",
                           "0.5"},
                          &p);
  EXPECT_EQ(rc, 0) << p.out() << p.err();
  EXPECT_NE(p.out().find("Coordinated:       agents "), std::string::npos) << p.out();
  EXPECT_NE(p.out().find(": found after "), std::string::npos) << p.out();
  EXPECT_NE(p.out().find("False Coordinated: 0 coordinated_attack matches"), std::string::npos) << p.out();
  const Json j = Json::parse(ReadFile(json));
  const Json& c = j["quality"]["coordinated"];
  EXPECT_TRUE(c["measured"].get<bool>()) << c.dump();
  EXPECT_EQ(c["found"].get<int>(), 1) << c.dump();
  EXPECT_EQ(c["false_matches"].get<int>(), 0) << c.dump();
  ASSERT_EQ(c["episodes"].size(), 1u) << c.dump();
  const Json& e = c["episodes"][0];
  EXPECT_EQ(e["kind"], "coordinated_payload");
  EXPECT_EQ(e["agents"].size(), 3u);
  EXPECT_GE(e["time_to_detect_seconds"].get<double>(), 0);
  EXPECT_LT(e["onset_seconds"].get<double>() + e["time_to_detect_seconds"].get<double>(),
            e["end_seconds"].get<double>());
}

}  // namespace
}  // namespace nethical::loadgen
