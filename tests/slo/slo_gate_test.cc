// The SLO gate: generate_load drives the real engine briefly at a modest
// rate, once with the core stages and once with the full stack, and every
// SLO (p95 < 200 ms, p99 < 500 ms, achieved rate within 10 %, errors < 1 %)
// must hold, through both the exit code and the JSON summary.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/loadgen/generate_load_process.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::json;

// Runs 3 s at 200 actions/s over 50 agents with `stages`; checks the verdict.
void ExpectSlosHold(const std::string& name, std::vector<std::string> stages) {
  const std::string summary = TmpPath(name + ".json");
  std::vector<std::string> args = {"--agents",       "50",
                                   "--rps",          "200",
                                   "--duration",     "3",
                                   "--storage-dir",  TmpPath(name + "-storage"),
                                   "--no-output",    "--no-progress",
                                   "--seed",         "7",
                                   "--json-summary", summary};
  args.insert(args.end(), stages.begin(), stages.end());
  Process p;
  const int rc = RunToEnd(name, args, &p);
  ASSERT_EQ(rc, 0) << p.out() << p.err();

  Json j = Json::parse(ReadFile(summary));
  EXPECT_TRUE(j["slo"]["passed"].get<bool>()) << j["slo"].dump(2);
  for (const Json& check : j["slo"]["checks"]) EXPECT_TRUE(check["passed"].get<bool>()) << check.dump();
  EXPECT_EQ(j["counts"]["errors"].get<int64_t>(), 0) << j["counts"].dump();
  EXPECT_NEAR(j["achieved_rps"].get<double>(), 200.0, 20.0);
}

TEST(SloGate, CoreStagesMeetTheSlos) {
  ExpectSlosHold("core", {"--no-shadow", "--no-ml-blend", "--no-anomaly", "--no-merkle", "--no-quota",
                          "--privacy-mode", "none"});
}

TEST(SloGate, FullStackMeetsTheSlos) {
  ExpectSlosHold("full", {"--shadow", "--ml-blend", "--anomaly", "--merkle", "--quota", "--privacy-mode",
                          "standard", "--redaction-policy", "aggressive"});
}

}  // namespace
}  // namespace nethical::loadgen
