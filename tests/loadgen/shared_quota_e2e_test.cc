// End-to-end: generate_load processes sharing their quota through a Redis
// server the test starts (the RedisTest fixture, tests/testing/redis_test.h), in real time.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "gtest/gtest.h"
#include "tests/loadgen/generate_load_process.h"
#include "tests/testing/redis_test.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::json;

class SharedQuotaE2eTest : public testing::RedisTest {};

// Only the quota decides: no detectors, no shadow, so BLOCK = quota refused.
const std::vector<std::string> kQuotaOnlyEnv = {"NETHICAL_ENABLE_DETECTORS=false",
                                                "NETHICAL_QUOTA_COHORT_ISOLATION=false"};

std::vector<std::string> Args(const std::string& name, const std::string& redis, const std::string& rps,
                              const std::string& duration) {
  std::vector<std::string> args = {"--agents",   "100",
                                   "--rps",      rps,
                                   "--duration", duration,
                                   "--seed",     "1",
                                   "--quota",    "--requests-per-second",
                                   "100",        "--shared-state",
                                   redis,        "--region-id",
                                   "us-east-1"};
  const std::vector<std::string> files = RunFileArgs(name);
  args.insert(args.end(), files.begin(), files.end());
  return args;
}

// Two processes of one region (each its own storage: its own audit log)
// offer 150/s each against the region's limit of 100/s for 6 s: together
// they admit 100 x 6 + the burst of 20, within 5 %.
TEST_F(SharedQuotaE2eTest, TwoProcessesSharingOneTenantLimitAdmitLTimesT) {
  Process a, b;
  a.Start("shared_a", Args("shared_a", redis().url(), "150", "6"), kQuotaOnlyEnv);
  b.Start("shared_b", Args("shared_b", redis().url(), "150", "6"), kQuotaOnlyEnv);
  const int rc_a = a.Wait(), rc_b = b.Wait();
  ASSERT_NE(rc_a, 2) << a.err();
  ASSERT_NE(rc_b, 2) << b.err();
  uint64_t admitted = 0;
  for (const char* name : {"shared_a", "shared_b"}) {
    const Json j = Json::parse(ReadFile(TmpPath(std::string(name) + ".json")));
    EXPECT_EQ(j["counts"]["completed"], 900) << name;
    admitted += j["counts"]["completed"].get<uint64_t>() - j["decisions"]["BLOCK"].get<uint64_t>();
    EXPECT_EQ(j["engine_stats"]["shared_state"]["checks"], 900) << name;
    EXPECT_EQ(j["engine_stats"]["shared_state"]["errors"], 0) << name;
  }
  EXPECT_NEAR(static_cast<double>(admitted), 100.0 * 6 + 20, 0.05 * 100 * 6);
}

// The server is killed mid-run: the run completes, every action is in the
// CSV, the open policy admitted what Redis could not answer, and the
// summary counts it; the exit status is the SLOs' as always.
TEST_F(SharedQuotaE2eTest, RedisKilledMidRunFailsOpenAndLosesNothing) {
  Process p;
  p.Start("killed", Args("killed", redis().url(), "100", "4"), kQuotaOnlyEnv);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  redis().Kill();
  const int rc = p.Wait();
  EXPECT_EQ(rc, 0) << p.out() << p.err();
  const Json j = Json::parse(ReadFile(TmpPath("killed.json")));
  const Json& shared = j["engine_stats"]["shared_state"];
  EXPECT_EQ(j["counts"]["completed"], 400);
  EXPECT_EQ(CsvRows(TmpPath("killed.csv")), 400u);
  EXPECT_GT(shared["errors"].get<uint64_t>(), 0u) << shared.dump();
  EXPECT_EQ(shared["fail_open_admits"], shared["errors"]);
  EXPECT_EQ(shared["checks"].get<uint64_t>() + shared["errors"].get<uint64_t>(), 400u);
  // The console summary reports them too.
  EXPECT_NE(p.out().find("Shared Quota (Redis): " + std::to_string(shared["checks"].get<uint64_t>()) +
                         " checks, " + std::to_string(shared["errors"].get<uint64_t>()) + " errors ("),
            std::string::npos)
      << p.out();
}

}  // namespace
}  // namespace nethical::loadgen
