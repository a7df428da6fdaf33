// End-to-end: coordinated generate_load processes (--coordinate) and the
// launcher, against a redis-server the test starts, in real time.
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "tests/loadgen/generate_load_process.h"
#include "tests/testing/redis_test.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::json;

class CoordinatedRunE2eTest : public testing::RedisTest {};

// Runs loadgen/launch_run (a data dependency) to its end; its output goes to
// $TEST_TMPDIR/<name>.out and .err. The exit status, or 128 + a signal.
int RunLauncher(const std::string& name, std::vector<std::string> args, std::string* out, std::string* err) {
  Process launcher;
  launcher.Start(name, std::move(args), {}, "loadgen/launch_run");
  const int status = launcher.Wait();
  *out = launcher.out();
  *err = launcher.err();
  return status;
}

TEST_F(CoordinatedRunE2eTest, LauncherStartsEveryRegionAtOneInstantAndMergesThem) {
  const std::string base = TmpPath("launch"), report = TmpPath("launch_report.json");
  std::string out, err;
  const int rc = RunLauncher("launch", {"--coordinate", redis().url(), "--run-id",
                                        "e2e-1",        "--regions",   "us-east-1,eu-west-1",
                                        "--base-dir",   base,          "--json-summary",
                                        report,         "--",          "--agents",
                                        "20",           "--rps",       "100",
                                        "--duration",   "2",           "--evaluator",
                                        "null",         "--seed",      "3"},
                             &out, &err);
  ASSERT_EQ(rc, 0) << out << err;
  const Json r = Json::parse(ReadFile(report));
  EXPECT_EQ(r["tool"], "launch_run");
  EXPECT_EQ(r["overall"]["counts"]["completed"], 400);
  EXPECT_EQ(r["regions"]["us-east-1"]["counts"]["completed"], 200);
  EXPECT_EQ(r["regions"]["eu-west-1"]["counts"]["completed"], 200);
  EXPECT_NEAR(r["overall"]["achieved_rps"].get<double>(), 200, 200 * 0.05);
  // Both children started at the one instant the last of them set.
  const Json a = Json::parse(ReadFile(base + "/us-east-1/1/summary.json"));
  const Json b = Json::parse(ReadFile(base + "/eu-west-1/1/summary.json"));
  EXPECT_EQ(a["coordination"]["start_unix_ns"], b["coordination"]["start_unix_ns"]);
  EXPECT_EQ(a["coordination"]["processes"], 2);
  EXPECT_NE(a["coordination"]["process"], b["coordination"]["process"]);
  // Woken for it within 50 ms (generous: a loaded 2-core machine).
  EXPECT_LT(a["coordination"]["start_lateness_ms"].get<double>(), 50);
  EXPECT_LT(b["coordination"]["start_lateness_ms"].get<double>(), 50);
}

TEST_F(CoordinatedRunE2eTest, LauncherForwardsSigintToEveryChildAndExits3) {
  const std::string base = TmpPath("interrupted");
  Process launcher;
  launcher.Start("interrupted",
                 {"--coordinate", redis().url(), "--run-id", "sigint", "--processes", "2", "--base-dir", base,
                  "--", "--agents", "10", "--rps", "50", "--duration", "60", "--evaluator", "null"},
                 {}, "loadgen/launch_run");
  ASSERT_GT(launcher.pid, 0);
  // Once both children have started sending (their stderr says so).
  for (int i = 0; i < 200; ++i) {
    if (ReadFile(base + "/default/1/stderr.txt").find("Coordinated start") != std::string::npos &&
        ReadFile(base + "/default/2/stderr.txt").find("Coordinated start") != std::string::npos)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  // Some actions in: a child stopped before its first completed action has
  // no results to write ("No results collected", exit 3, no summary), which
  // a slow build (TSan) reached when the signal followed the start at once.
  // At 50 actions/s the first completes within 20 ms of the start.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  launcher.process->Signal(SIGINT);
  EXPECT_EQ(launcher.Wait(), 3) << launcher.err();
  for (const char* child : {"/default/1/summary.json", "/default/2/summary.json"}) {
    const Json j = Json::parse(ReadFile(base + child));
    EXPECT_TRUE(j["interrupted"].get<bool>()) << child;
  }
}

TEST_F(CoordinatedRunE2eTest, AChildRefusedAtTheBarrierStopsTheOthers) {
  // A stray registration of run "busy" already counts one process: of the
  // launcher's two, one becomes #2 (the last: it starts) and one #3 (refused,
  // exit 2). The launcher stops the other at once instead of letting it run
  // its 60 s: it is interrupted, and the launcher exits 3.
  Process stray;
  ASSERT_EQ(
      RunToEnd("busy_stray",
               {"--coordinate", redis().url(), "--run-id", "busy", "--expect", "2", "--coordinate-timeout",
                "0.1", "--evaluator", "null", "--no-output", "--storage-dir", TmpPath("busy_stray_store")},
               &stray),
      2);
  const std::string base = TmpPath("busy");
  const auto start = std::chrono::steady_clock::now();
  std::string out, err;
  const int rc =
      RunLauncher("busy",
                  {"--coordinate", redis().url(), "--run-id", "busy", "--processes", "2", "--base-dir", base,
                   "--", "--agents", "10", "--rps", "50", "--duration", "60", "--evaluator", "null"},
                  &out, &err);
  EXPECT_EQ(rc, 3) << err;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30));
  EXPECT_NE(err.find("exited 2"), std::string::npos) << err;
}

TEST_F(CoordinatedRunE2eTest, ABarrierNobodyElseReachesTimesOutBeforeAnySend) {
  Process p;
  const int rc = RunToEnd(
      "lonely",
      {"--coordinate", redis().url(), "--run-id", "lonely", "--expect", "2", "--coordinate-timeout", "0.5",
       "--evaluator", "null", "--duration", "1", "--no-output", "--storage-dir", TmpPath("lonely_store")},
      &p);
  EXPECT_EQ(rc, 2);
  EXPECT_NE(p.err().find("--coordinate: run lonely: 1 of 2 processes registered within 0.5 s"),
            std::string::npos)
      << p.err();
}

TEST_F(CoordinatedRunE2eTest, AProcessBeyondTheExpectedCountIsRefused) {
  const std::vector<std::string> args = {"--coordinate",      redis().url(), "--run-id",    "one",
                                         "--expect",          "1",           "--evaluator", "null",
                                         "--duration",        "0.5",         "--no-output", "--storage-dir",
                                         TmpPath("one_store")};
  Process first, second;
  ASSERT_EQ(RunToEnd("one_a", args, &first), 0) << first.err();
  EXPECT_EQ(RunToEnd("one_b", args, &second), 2);
  EXPECT_NE(second.err().find("run one already has 1 processes (--expect 1); this one would be #2"),
            std::string::npos)
      << second.err();
}

// A server that wants a password: the process sends the one of
// NETHICAL_SHARED_STATE_PASSWORD; without it, it stops before any send.
class PasswordCoordinatedRunE2eTest : public testing::RedisTest {
 protected:
  std::vector<std::string> ServerArgs() const override { return {"--requirepass", "s3cret"}; }
};

TEST_F(PasswordCoordinatedRunE2eTest, AProcessAuthenticatesWithThePasswordKeyAndIsRefusedWithoutIt) {
  const std::vector<std::string> args = {"--coordinate",       redis().url(), "--run-id",    "auth",
                                         "--expect",           "1",           "--evaluator", "null",
                                         "--duration",         "0.5",         "--no-output", "--storage-dir",
                                         TmpPath("auth_store")};
  Process with, without;
  EXPECT_EQ(RunToEnd("auth_with", args, &with, {"NETHICAL_SHARED_STATE_PASSWORD=s3cret"}), 0) << with.err();
  EXPECT_EQ(RunToEnd("auth_without", args, &without), 2);
  EXPECT_NE(without.err().find("NOAUTH"), std::string::npos) << without.err();
}

}  // namespace
}  // namespace nethical::loadgen
