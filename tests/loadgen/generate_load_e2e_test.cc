// End-to-end: the generate_load binary as a user runs it, in real time.
// Kept few and short; assertions leave room for a loaded 2-core machine.
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "loadgen/csv_format.h"
#include "tests/loadgen/generate_load_process.h"
#include "tests/testing/file_size_limit.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::json;

// Against the trivial evaluator and against the real engine.
class RateTest : public testing::TestWithParam<const char*> {};

TEST_P(RateTest, TwoSecondsAtTwoThousandPerSecondHitsTheTargetRate) {
  const std::string name = std::string("rate_") + GetParam();
  const std::string csv = TmpPath(name + ".csv"), json = TmpPath(name + ".json");
  Process p;
  const int rc = RunToEnd(
      name,
      {"--evaluator", GetParam(), "--agents", "100", "--rps", "2000", "--duration", "2", "--seed", "1",
       "--storage-dir", TmpPath(name + "_store"), "--output", csv, "--json-summary", json, "--no-progress"},
      &p);
  ASSERT_EQ(rc, 0) << p.out() << p.err();
  const Json j = Json::parse(ReadFile(json));
  EXPECT_EQ(j["schema_version"], 1);
  EXPECT_EQ(j["counts"]["completed"], 4000);
  EXPECT_NEAR(j["achieved_rps"].get<double>(), 2000, 2000 * 0.02) << j.dump(2);
  EXPECT_TRUE(j["slo"]["passed"].get<bool>());
  EXPECT_EQ(j["configuration"]["seed"], 1);
  // The CSV: the header, then one CRLF-terminated row per action.
  const std::string rows = ReadFile(csv);
  EXPECT_EQ(rows.substr(0, kCsvHeader.size() + 2), std::string(kCsvHeader) + "\r\n");
  size_t lines = 0;
  for (size_t at = 0; (at = rows.find("\r\n", at)) != std::string::npos; at += 2) ++lines;
  EXPECT_EQ(lines, 4001u);
  EXPECT_NE(rows.find("\r\nagent_0000,agent_0000_action_0,"), std::string::npos);
  EXPECT_NE(p.out().find("LOAD TEST RESULTS"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Evaluators, RateTest, testing::Values("null", "engine"));

TEST(GenerateLoadE2eTest, FailedSloExitsOne) {
  Process p;
  const int rc = RunToEnd("slo",
                          {"--evaluator", "null", "--rps", "200", "--duration", "0.5", "--no-output",
                           "--slo-p99-ms", "0.000001", "--no-progress"},
                          &p);
  EXPECT_EQ(rc, 1) << p.out() << p.err();
  EXPECT_NE(p.out().find("p99 < 1e-06ms:  \u2717 FAIL"), std::string::npos) << p.out();
}

TEST(GenerateLoadE2eTest, UsageErrorExitsTwoWithAOneLineMessage) {
  Process p;
  EXPECT_EQ(RunToEnd("usage", {"--agents", "0"}, &p), 2);
  EXPECT_EQ(p.err(), "generate_load: --agents=0: must be an integer in [1, 10000000]\n");
  EXPECT_EQ(RunToEnd("usage2", {"--redaction-policy", "max"}, &p), 2);
  EXPECT_NE(p.err().find("--redaction-policy: NETHICAL_REDACTION_POLICY=max"), std::string::npos) << p.err();
}

TEST(GenerateLoadE2eTest, InterruptDrainsAndReportsThePartialRun) {
  const std::string csv = TmpPath("int.csv"), json = TmpPath("int.json");
  Process p;
  p.Start("interrupt", {"--rps", "500", "--duration", "60", "--storage-dir", TmpPath("int_store"), "--output",
                        csv, "--json-summary", json, "--no-progress"});
  // The CSV's temporary file appears once the engine is built and the run
  // starts (engine creation takes seconds in a sanitizer build); then about
  // 250 sends.
  const auto started = std::chrono::steady_clock::now();
  while (!std::filesystem::exists(csv + ".tmp")) {
    ASSERT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(60)) << p.err();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  ASSERT_EQ(kill(p.pid, SIGINT), 0);
  const auto signalled = std::chrono::steady_clock::now();
  const int rc = p.Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - signalled, std::chrono::seconds(10));
  EXPECT_EQ(rc, 3) << p.err();  // interrupted, whatever the partial run's SLOs
  const Json j = Json::parse(ReadFile(json));
  EXPECT_TRUE(j["interrupted"].get<bool>());
  const int completed = j["counts"]["completed"];
  EXPECT_GT(completed, 0);
  EXPECT_LT(completed, 30000);
  EXPECT_EQ(j["counts"]["not_sent"].get<int>(), 30000 - completed);
  EXPECT_NE(p.out().find("(interrupted: partial run)"), std::string::npos);
  const std::string rows = ReadFile(csv);
  EXPECT_EQ(static_cast<int>(std::count(rows.begin(), rows.end(), '\n')), completed + 1);
}

// Each stop signal at about 25 % of a 4 s run: exit 3 (never 0, whatever
// the partial run's SLOs), `interrupted: true`, the CSV completed under its
// real name and no temporary file left in the output directory.
class StopSignalE2eTest : public testing::TestWithParam<int> {};

TEST_P(StopSignalE2eTest, InterruptedRunExitsThreeAndLeavesNoTemporaryFile) {
  const std::string dir = TmpPath("signal_" + std::to_string(GetParam()));
  ASSERT_EQ(mkdir(dir.c_str(), 0755), 0);
  Process p;
  p.Start("signal_" + std::to_string(GetParam()),
          {"--evaluator", "null", "--agents", "10", "--rps", "200", "--duration", "4", "--output",
           dir + "/r.csv", "--json-summary", dir + "/r.json", "--no-progress"});
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  ASSERT_EQ(kill(p.pid, GetParam()), 0);
  const int rc = p.Wait();
  EXPECT_EQ(rc, 3) << p.out() << p.err();
  const Json j = Json::parse(ReadFile(dir + "/r.json"));
  EXPECT_TRUE(j["interrupted"].get<bool>());
  EXPECT_GT(j["counts"]["not_sent"].get<int>(), 0);
  const std::string rows = ReadFile(dir + "/r.csv");
  EXPECT_EQ(static_cast<int>(std::count(rows.begin(), rows.end(), '\n')),
            j["counts"]["completed"].get<int>() + 1);
  DIR* d = opendir(dir.c_str());
  ASSERT_NE(d, nullptr);
  for (dirent* e; (e = readdir(d)) != nullptr;) {
    const std::string name = e->d_name;
    EXPECT_FALSE(name.size() >= 4 && name.compare(name.size() - 4, 4, ".tmp") == 0) << name;
  }
  closedir(d);
}

INSTANTIATE_TEST_SUITE_P(Signals, StopSignalE2eTest, testing::Values(SIGINT, SIGTERM, SIGHUP));

// --rps far beyond capacity used to run on for minutes after --duration 2
// (and fill the disk). Now sending stops at the scheduled span + grace
// (2 s + 1 s), the rest is counted as not sent, and the rate SLO fails.
TEST(GenerateLoadE2eTest, ARateBeyondCapacityStopsAtTheDeadlineAndCountsTheUnsent) {
  const std::string json = TmpPath("overload.json");
  Process p;
  const auto started = std::chrono::steady_clock::now();
  const int rc = RunToEnd("overload",
                          {"--evaluator", "null", "--rps", "1e8", "--duration", "2", "--no-output",
                           "--json-summary", json, "--no-progress"},
                          &p);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
  EXPECT_EQ(rc, 1) << p.out() << p.err();
  const Json j = Json::parse(ReadFile(json));
  EXPECT_TRUE(j["cut_off"].get<bool>());
  EXPECT_FALSE(j["interrupted"].get<bool>());
  EXPECT_DOUBLE_EQ(j["send_deadline_seconds"].get<double>(), 3.0);
  EXPECT_EQ(j["counts"]["planned"].get<uint64_t>(), 200'000'000u);
  EXPECT_EQ(j["counts"]["not_sent"].get<uint64_t>(),
            j["counts"]["planned"].get<uint64_t>() - j["counts"]["completed"].get<uint64_t>());
  EXPECT_GT(j["counts"]["not_sent"].get<uint64_t>(), 0u);
  EXPECT_FALSE(j["slo"]["checks"][2]["passed"].get<bool>());
  EXPECT_NE(p.out().find("(sending stopped at the deadline"), std::string::npos) << p.out();
  EXPECT_NE(p.err().find("stopped sending at 3.00s"), std::string::npos) << p.err();
}

// `--agents 2 --rps 5 --duration 2` (10 actions) achieved 5.55/s and failed
// the rate SLO. Run under umask 0: the files it creates are still 0600.
TEST(GenerateLoadE2eTest, AShortExactRunPassesTheRateSloAndItsFilesAreOwnerOnly) {
  const std::string csv = TmpPath("short.csv"), json = TmpPath("short.json");
  Process p;
  const mode_t old = umask(0);
  const int rc = RunToEnd("short",
                          {"--agents", "2", "--rps", "5", "--duration", "2", "--storage-dir",
                           TmpPath("short_store"), "--output", csv, "--json-summary", json, "--no-progress"},
                          &p);
  umask(old);
  EXPECT_EQ(rc, 0) << p.out() << p.err();
  const Json j = Json::parse(ReadFile(json));
  EXPECT_EQ(j["counts"]["completed"], 10);
  EXPECT_DOUBLE_EQ(j["achieved_rps"].get<double>(), 5.0) << j.dump(2);
  EXPECT_DOUBLE_EQ(j["scheduled_span_seconds"].get<double>(), 2.0);
  for (const std::string& path : {csv, json}) {
    struct stat st {};
    ASSERT_EQ(stat(path.c_str(), &st), 0) << path;
    EXPECT_EQ(st.st_mode & 0777, 0600u) << path;
  }
}

TEST(GenerateLoadE2eTest, TightBudgetEnvFileConfiguresTheEngine) {
  const std::string json = TmpPath("env.json");
  Process p;
  const std::string store = TmpPath("tight_store");
  // The real engine with the file's settings; the flag moves storage off /data.
  const int rc = RunToEnd("env",
                          {"--env-file", "tight_budget_config.env", "--storage-dir", store, "--rps", "100",
                           "--duration", "0.5", "--no-output", "--json-summary", json, "--no-progress"},
                          &p);
  ASSERT_EQ(rc, 0) << p.out() << p.err();
  const Json j = Json::parse(ReadFile(json));
  EXPECT_EQ(j["configuration"]["engine"]["NETHICAL_REGION_ID"], "us-east-1");  // from the file
  EXPECT_EQ(j["configuration"]["engine"]["NETHICAL_ENABLE_QUOTA"], "true");    // from the file
  EXPECT_EQ(j["configuration"]["engine"]["NETHICAL_STORAGE_DIR"], store);      // flag over file
  EXPECT_EQ(j["counts"]["errors"], 0);
  // The file turns on taxonomy and the SLA monitor, which exist now: no notice.
  EXPECT_EQ(p.err().find("not available yet"), std::string::npos) << p.err();
  // OTel is on there: exported to the file's loopback collector (none runs
  // here: a failure counted and reported, not fatal).
  EXPECT_NE(p.err().find("OTLP export: http://127.0.0.1:4318/v1/metrics as service nethical"),
            std::string::npos)
      << p.err();
  EXPECT_NE(p.err().find(" dropped to http://127.0.0.1:4318/v1/metrics"), std::string::npos) << p.err();
}

// The README's regional recipe: two processes with different regions on one
// storage directory, side by side, started from the same directory (under
// `bazel run`: BUILD_WORKING_DIRECTORY). Each keeps its own CSV.
TEST(GenerateLoadE2eTest, RegionalRunsSideBySideKeepTheirOwnResults) {
  const std::string dir = TmpPath("regional");
  ASSERT_EQ(mkdir(dir.c_str(), 0755), 0);
  Process east, west;
  const std::vector<std::string> common = {"--rps",         "500",   "--duration",   "1",
                                           "--storage-dir", "store", "--no-progress"};
  auto with_region = [&](const char* region) {
    std::vector<std::string> args = common;
    args.insert(args.end(), {"--region-id", region, "--json-summary", std::string(region) + ".json"});
    return args;
  };
  east.Start("east", with_region("us-east-1"), {"BUILD_WORKING_DIRECTORY=" + dir});
  west.Start("west", with_region("eu-west-1"), {"BUILD_WORKING_DIRECTORY=" + dir});
  EXPECT_EQ(east.Wait(), 0) << east.out() << east.err();
  EXPECT_EQ(west.Wait(), 0) << west.out() << west.err();
  for (const char* region : {"us-east-1", "eu-west-1"}) {
    const std::string rows = ReadFile(dir + "/perf_results." + region + ".csv");
    EXPECT_EQ(std::count(rows.begin(), rows.end(), '\n'), 501) << region;
    const Json j = Json::parse(ReadFile(dir + "/" + region + ".json"));
    EXPECT_EQ(j["configuration"]["engine"]["NETHICAL_REGION_ID"], region);
    EXPECT_EQ(j["counts"]["errors"], 0);
    struct stat st;
    EXPECT_EQ(stat((dir + "/store/" + region).c_str(), &st), 0) << "the engine keeps each region apart";
  }
}

// The per-cohort report against the real engine: 400 actions, every 10th
// with an e-mail address (--include-pii-test), fixed seed.
Json CohortRun(const std::string& name, const std::string& mode, std::vector<std::string> env, Process* p) {
  const std::string json = TmpPath(name + ".json");
  const int rc = RunToEnd(name,
                          {"--privacy-mode", mode, "--include-pii-test", "--seed", "7", "--agents", "4",
                           "--rps", "400", "--duration", "1", "--no-output", "--json-summary", json,
                           "--no-progress", "--storage-dir", TmpPath(name + "_store"), "--cohort", "fleet"},
                          p, std::move(env));
  EXPECT_TRUE(rc == 0 || rc == 1) << rc << p->out() << p->err();
  return Json::parse(ReadFile(json));
}

TEST(GenerateLoadE2eTest, StandardPrivacyReportsExactPerCohortAggregates) {
  Process p;
  const Json j = CohortRun("cohort_standard", "standard", {}, &p);
  const Json& c = j["cohorts"];
  EXPECT_EQ(c["release"], "exact");
  ASSERT_EQ(c["per_cohort"].size(), 1u);
  EXPECT_EQ(c["per_cohort"][0]["cohort"], "fleet");
  EXPECT_EQ(c["per_cohort"][0]["actions"].get<double>(), j["counts"]["successes"].get<double>());
  EXPECT_EQ(c["per_cohort"][0]["violations"].get<double>(), j["counts"]["violations_detected"].get<double>());
  EXPECT_GE(c["per_cohort"][0]["pii_findings"].get<double>(), 40.0);  // every 10th action
  EXPECT_NE(p.out().find("Per-Cohort Aggregates:\n"), std::string::npos) << p.out();
}

TEST(GenerateLoadE2eTest, DifferentialPrivacyReportsNoisyAggregatesWithTheEpsilonSpent) {
  Process p;
  const Json j = CohortRun("cohort_dp", "differential", {"NETHICAL_EPSILON=2"}, &p);
  const Json& c = j["cohorts"];
  ASSERT_EQ(c["release"], "differential") << c.dump();
  EXPECT_TRUE(c["noisy"].get<bool>());
  EXPECT_EQ(c["epsilon_spent"].get<double>(), 2.0);
  const Json& f = c["per_cohort"][0];
  const double exact_actions = j["counts"]["successes"].get<double>();
  const double exact_violations = j["counts"]["violations_detected"].get<double>();
  // Laplace scale 4/2 = 2: 60 is 30 scales, a generous bound.
  EXPECT_NEAR(f["actions"].get<double>(), exact_actions, 60.0);
  EXPECT_NEAR(f["violations"].get<double>(), exact_violations, 60.0);
  EXPECT_FALSE(f["actions"].get<double>() == exact_actions &&
               f["violations"].get<double>() == exact_violations)
      << "noisy figures equal the exact ones";
  EXPECT_NE(p.out().find("noisy; epsilon 2 spent"), std::string::npos) << p.out();
}

TEST(GenerateLoadE2eTest, EpsilonBeyondTheBudgetIsReportedAsARefusal) {
  Process p;
  const Json j =
      CohortRun("cohort_refused", "differential", {"NETHICAL_EPSILON=5", "NETHICAL_DP_BUDGET=1"}, &p);
  EXPECT_EQ(j["cohorts"]["release"], "refused");
  EXPECT_TRUE(j["cohorts"]["per_cohort"].empty());
  EXPECT_NE(p.out().find("Per-Cohort Aggregates: not released: privacy budget exhausted"), std::string::npos)
      << p.out();
}

TEST(GenerateLoadE2eTest, InjectedAnomaliesInARunShorterThanTheWarmUpAreRefused) {
  // 100 agents at 50/s: an agent reaches its 20 warm-up actions after 40 s,
  // so nothing injected into a 60 s run could be detected.
  Process p;
  EXPECT_EQ(RunToEnd("inject_short",
                     {"--anomaly", "--inject-anomalies", "--agents", "100", "--rps", "50", "--duration", "60",
                      "--no-output", "--no-progress"},
                     &p),
            2);
  EXPECT_NE(p.err().find("--inject-anomalies: a 60 s run is too short: the anomaly stage warms up for 44 s"),
            std::string::npos)
      << p.err();
  EXPECT_NE(p.err().find("use --duration >= 104"), std::string::npos) << p.err();
}

// A full disk under the audit log: every action it could not record is an
// error (fail closed), the shutdown reports the write error, and the run
// exits 1 even though the latency SLOs hold.
TEST(GenerateLoadE2eTest, AnAuditWriteErrorFailsTheRunAndCountsTheUnrecordedActions) {
#if defined(__SANITIZE_THREAD__)
  // ThreadSanitizer's runtime dies with SIGBUS under a file size limit
  // before generate_load runs; the default, asan and ubsan builds run it.
  GTEST_SKIP() << "the file size limit breaks ThreadSanitizer's runtime";
#endif
  Process p;
  const std::string json = TmpPath("audit_full.json");
  // The child inherits a file size limit, and SIGXFSZ ignored, so the
  // audit segment's allocation fails with EFBIG once it reaches the limit:
  // the 8 MiB staging ring (engine/audit/staging_ring.h) and 256 KiB more,
  // which 20,000 actions of ~1 KiB pass.
  {
    ::nethical::testutil::FileSizeLimit limit((8 << 20) + 256 * 1024);
    ASSERT_TRUE(limit.ok());
    p.Start("audit_full", {"--merkle", "--rps", "20000", "--duration", "1", "--no-output", "--json-summary",
                           json, "--no-progress", "--storage-dir", TmpPath("audit_full_store")});
  }
  EXPECT_EQ(p.Wait(), 1) << p.out() << p.err();
  EXPECT_NE(p.err().find("engine shutdown: cannot append to the audit log"), std::string::npos) << p.err();
  EXPECT_NE(p.err().find("File too large"), std::string::npos) << p.err();
  const Json j = Json::parse(ReadFile(json));
  EXPECT_GT(j["counts"]["errors"].get<int>(), 0) << j["counts"].dump();
}

TEST(GenerateLoadE2eTest, EngineStatsOfTheStagesThatRanReachTheSummary) {
  Process p;
  const std::string json = TmpPath("stats.json");
  const int rc =
      RunToEnd("stats",
               {"--shadow", "--anomaly", "--merkle", "--rps", "200", "--duration", "0.5", "--no-output",
                "--json-summary", json, "--no-progress", "--storage-dir", TmpPath("stats_store")},
               &p, {"NETHICAL_ENABLE_ML_BLENDING=true"});
  ASSERT_TRUE(rc == 0 || rc == 1) << p.out() << p.err();
  const Json j = Json::parse(ReadFile(json));
  const Json& stats = j["engine_stats"];
  ASSERT_TRUE(stats.contains("shadow")) << stats.dump();
  EXPECT_EQ(stats["shadow"]["predictions"], j["counts"]["successes"]);
  const Json& cm = stats["shadow"]["confusion_matrix"];
  EXPECT_EQ(cm["true_positives"].get<int>() + cm["false_positives"].get<int>() +
                cm["true_negatives"].get<int>() + cm["false_negatives"].get<int>(),
            stats["shadow"]["labelled"].get<int>());
  ASSERT_TRUE(stats.contains("blend")) << stats.dump();
  EXPECT_EQ(stats["blend"]["blends"], j["counts"]["successes"]);
  EXPECT_NE(p.out().find("ML Shadow (positive = deny):"), std::string::npos) << p.out();
  EXPECT_NE(p.out().find("Blended Risk:"), std::string::npos) << p.out();
  ASSERT_TRUE(stats.contains("anomaly_alerts")) << stats.dump();
  ASSERT_TRUE(stats.contains("audit_anchored")) << stats.dump();
  EXPECT_EQ(stats["audit_anchored"], j["counts"]["completed"]);  // after shutdown: every record
}

}  // namespace
}  // namespace nethical::loadgen
