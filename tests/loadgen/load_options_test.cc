#include "loadgen/load_options.h"

#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

StatusOr<LoadOptions> Parse(std::vector<std::string> args) { return ParseLoadOptions(args); }

std::string ErrorOf(std::vector<std::string> args) {
  auto o = Parse(std::move(args));
  EXPECT_FALSE(o.ok());
  return o.ok() ? "" : o.status().message();
}

TEST(LoadOptionsTest, DefaultsAreTheOriginals) {
  auto o = Parse({});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->agents, 100u);
  EXPECT_EQ(o->rps, 50);
  EXPECT_EQ(o->duration_s, 60);
  EXPECT_EQ(o->cohort, "load-test");
  EXPECT_EQ(o->output, "perf_results.csv");
  EXPECT_FALSE(o->include_pii_test);
  EXPECT_EQ(o->stagger_ms, 0);
  EXPECT_FALSE(o->seed.has_value());
  EXPECT_TRUE(o->engine_flags.empty());
  EXPECT_EQ(o->slo.p95_ms, 200);
  EXPECT_EQ(o->slo.p99_ms, 500);
  EXPECT_EQ(o->slo.rate_tolerance, 0.1);
  EXPECT_EQ(o->slo.error_rate, 0.01);
}

TEST(LoadOptionsTest, AcceptsBothValueSpellings) {
  auto o = Parse({"--agents", "10", "--rps=2000", "--duration=2.5", "--seed", "7"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->agents, 10u);
  EXPECT_EQ(o->rps, 2000);
  EXPECT_EQ(o->duration_s, 2.5);
  EXPECT_EQ(o->seed, 7u);
}

TEST(LoadOptionsTest, EngineFlagsBecomeNethicalSettingsNamingTheirFlag) {
  auto o = Parse({"--no-shadow", "--quota", "--privacy-mode=differential", "--storage-dir", "/tmp/x",
                  "--region-id=eu-west-1", "--requests-per-second", "100"});
  ASSERT_TRUE(o.ok());
  ASSERT_EQ(o->engine_flags.size(), 6u);
  EXPECT_EQ(o->engine_flags[0].key, "NETHICAL_ENABLE_SHADOW_MODE");
  EXPECT_EQ(o->engine_flags[0].value, "false");
  EXPECT_EQ(o->engine_flags[0].flag, "--no-shadow");
  EXPECT_EQ(o->engine_flags[2].key, "NETHICAL_PRIVACY_MODE");
  EXPECT_EQ(o->engine_flags[2].value, "differential");
  EXPECT_EQ(o->engine_flags[4].key, "NETHICAL_REGION_ID");
  EXPECT_EQ(o->engine_flags[5].key, "NETHICAL_REQUESTS_PER_SECOND");
}

TEST(LoadOptionsTest, RejectsZeroAgentsNamingFlagValueAndRange) {
  EXPECT_EQ(ErrorOf({"--agents", "0"}), "--agents=0: must be an integer in [1, 10000000]");
}

TEST(LoadOptionsTest, CoordinateNeedsARunIdAndACount) {
  EXPECT_EQ(ErrorOf({"--coordinate", "redis://127.0.0.1:6379", "--expect", "2"}),
            "--coordinate: needs --run-id ID and --expect N");
  EXPECT_EQ(ErrorOf({"--run-id", "r1"}), "--run-id: needs --coordinate URL");
}

TEST(LoadOptionsTest, RejectsACoordinationUrlOrRunIdOfAnotherForm) {
  EXPECT_NE(
      ErrorOf({"--coordinate", "redis://h"}).find("--coordinate=redis://h: must be redis://HOST:PORT[/DB]"),
      std::string::npos);
  EXPECT_NE(ErrorOf({"--run-id", "a b"}).find("--run-id=a b: must be 1..64 characters of [A-Za-z0-9._-]"),
            std::string::npos);
}

TEST(LoadOptionsTest, RejectsNonNumericRate) {
  EXPECT_EQ(ErrorOf({"--rps=fast"}), "--rps=fast: must be a number > 0 and <= 1e8");
}

TEST(LoadOptionsTest, RejectsNegativeAndInfiniteDurations) {
  EXPECT_NE(ErrorOf({"--duration", "-1"}).find("--duration=-1: must be"), std::string::npos);
  EXPECT_NE(ErrorOf({"--duration", "inf"}).find("--duration=inf: must be"), std::string::npos);
}

TEST(LoadOptionsTest, RejectsUnknownChoice) {
  EXPECT_EQ(ErrorOf({"--arrival", "bursty"}), "--arrival=bursty: must be one of even|poisson");
}

TEST(LoadOptionsTest, MissingValueNamesTheFlag) {
  EXPECT_EQ(ErrorOf({"--agents"}), "--agents: missing value (must be an integer in [1, 10000000])");
}

TEST(LoadOptionsTest, UnknownFlagSuggestsTheClosestOne) {
  EXPECT_EQ(ErrorOf({"--agent", "3"}), "unknown flag --agent; did you mean --agents? (see --help)");
}

TEST(LoadOptionsTest, SwitchesTakeNoValue) {
  EXPECT_EQ(ErrorOf({"--quota=yes"}), "--quota=yes: --quota takes no value");
}

TEST(LoadOptionsTest, PositionalArgumentsAreRejected) {
  EXPECT_NE(ErrorOf({"100"}).find("unexpected argument '100'"), std::string::npos);
}

TEST(LoadOptionsTest, NegativeStaggerClampsToZeroLikeTheOriginal) {
  auto o = Parse({"--stagger-ms=-20"});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->stagger_ms, 0);
}

TEST(LoadOptionsTest, WorkloadFileSelectsReplay) {
  auto o = Parse({"--workload-file", "a.jsonl"});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->workload, WorkloadKind::kFile);
  EXPECT_EQ(ErrorOf({"--workload", "file"}), "--workload=file: needs --workload-file FILE");
}

TEST(LoadOptionsTest, SpikeMustStartInsideTheRun) {
  EXPECT_NE(ErrorOf({"--duration", "10", "--profile", "spike", "--spike-at-seconds", "10"})
                .find("--spike-at-seconds=10"),
            std::string::npos);
}

TEST(LoadOptionsTest, FindMaxNeedsAConstantProfile) {
  EXPECT_EQ(ErrorOf({"--find-max", "--profile", "ramp"}), "--find-max: works with --profile constant only");
}

TEST(LoadOptionsTest, RegionalRunsGetTheirOwnDefaultCsv) {
  auto o = Parse({});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(OutputPath(*o, ""), "perf_results.csv");
  EXPECT_EQ(OutputPath(*o, "eu-west-1"), "perf_results.eu-west-1.csv");
  EXPECT_EQ(OutputPath(*o, "a/b"), "perf_results.a_b.csv");
  auto given = Parse({"--output", "mine.csv"});
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(OutputPath(*given, "eu-west-1"), "mine.csv");
  auto none = Parse({"--no-output"});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(OutputPath(*none, "eu-west-1"), "");
}

TEST(LoadOptionsTest, SloOverrides) {
  auto o =
      Parse({"--slo-p95-ms", "5", "--slo-p99-ms=10", "--slo-rate-tolerance", "0.02", "--slo-error-rate=0.5"});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->slo.p95_ms, 5);
  EXPECT_EQ(o->slo.p99_ms, 10);
  EXPECT_EQ(o->slo.rate_tolerance, 0.02);
  EXPECT_EQ(o->slo.error_rate, 0.5);
  EXPECT_NE(ErrorOf({"--slo-error-rate", "0"}).find("must be a number in (0, 1]"), std::string::npos);
}

TEST(LoadOptionsTest, HelpListsEveryOriginalFlag) {
  const std::string help = LoadOptionsHelp();
  for (const char* flag : {"--agents",
                           "--rps",
                           "--duration",
                           "--cohort",
                           "--storage-dir",
                           "--region-id",
                           "--logical-domain",
                           "--shadow / --no-shadow",
                           "--ml-blend / --no-ml-blend",
                           "--anomaly / --no-anomaly",
                           "--merkle / --no-merkle",
                           "--quota / --no-quota",
                           "--privacy-mode",
                           "--redaction-policy",
                           "--requests-per-second",
                           "--output",
                           "--include-pii-test",
                           "--include-error-details",
                           "--stagger-ms",
                           "--seed",
                           "--max-workers",
                           "--env-file",
                           "--help"})
    EXPECT_NE(help.find(flag), std::string::npos) << flag;
}

// --stagger-ms up to INT64_MAX/2 overflowed stagger_ms * 1'000'000 and
// stagger_ns * agent.
TEST(LoadOptionsTest, StaggerBeyondItsBoundIsRejectedNamingTheRange) {
  EXPECT_EQ(ErrorOf({"--stagger-ms", "4611686018427387903"}),
            "--stagger-ms=4611686018427387903: must be an integer in [-900000, 900000] "
            "(negative values count as 0)");
  EXPECT_FALSE(Parse({"--stagger-ms", "900001"}).ok());
  auto o = Parse({"--stagger-ms", "900000", "--agents", "10000000"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  // The largest stagger times the largest agent index fits in int64 ns.
  EXPECT_LE(o->stagger_ms * 1'000'000, INT64_MAX / (kMaxAgents - 1));
}

TEST(LoadOptionsTest, EverySecondsFlagHasAnUpperBoundNamedInItsError) {
  for (const char* flag : {"--duration", "--ramp-seconds", "--spike-at-seconds", "--spike-seconds",
                           "--find-max-trial-seconds"}) {
    EXPECT_EQ(ErrorOf({flag, "2678401"}),
              std::string(flag) + "=2678401: must be a number of seconds in " +
                  (std::string(flag) == "--spike-at-seconds" ? "[0, 2678400]" : "(0, 2678400]"))
        << flag;
    EXPECT_FALSE(Parse({flag, "1e300"}).ok()) << flag;
  }
}

TEST(LoadOptionsTest, SecondsFlagsAcceptTheirBound) {
  EXPECT_TRUE(Parse({"--duration", "2678400", "--ramp-seconds", "2678400", "--spike-seconds", "2678400",
                     "--find-max-trial-seconds", "2678400", "--spike-at-seconds", "2678399"})
                  .ok());
}

TEST(LoadOptionsTest, EveryMillisecondsFlagHasAnUpperBound) {
  for (const char* flag : {"--late-ms", "--slo-p95-ms", "--slo-p99-ms"}) {
    EXPECT_TRUE(Parse({flag, "1e9"}).ok()) << flag;
    EXPECT_NE(ErrorOf({flag, "1e10"}).find("1e9]"), std::string::npos) << flag;
  }
}

// A 50 MB value with terminal escapes must not reach the terminal raw.
TEST(LoadOptionsTest, ErrorsEchoValuesThroughShownValue) {
  const std::string hostile = "\x1b[31m" + std::string(50 << 20, 'x');
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--agents", hostile},
                                             {"--agents=" + hostile},
                                             {"--no-progress=" + hostile},
                                             {hostile},
                                             {"--" + hostile}}) {
    const std::string e = ErrorOf(args);
    EXPECT_LT(e.size(), 400u);
    EXPECT_EQ(e.find('\x1b'), std::string::npos) << e;
    EXPECT_NE(e.find("\\x1b[31m"), std::string::npos) << e;
  }
}

TEST(LoadOptionsTest, InjectAnomaliesIsOffByDefaultAndASwitch) {
  EXPECT_FALSE(Parse({})->inject_anomalies);
  EXPECT_TRUE(Parse({"--inject-anomalies"})->inject_anomalies);
  EXPECT_EQ(ErrorOf({"--inject-anomalies=yes"}), "--inject-anomalies=yes: --inject-anomalies takes no value");
}

TEST(LoadOptionsTest, InjectAnomaliesNeedsTheMixedWorkload) {
  EXPECT_EQ(ErrorOf({"--inject-anomalies", "--workload", "seed-compat"}),
            "--inject-anomalies: needs --workload mixed (got --workload seed-compat)");
  EXPECT_EQ(ErrorOf({"--inject-anomalies", "--workload-file", "a.jsonl"}),
            "--inject-anomalies: needs --workload mixed (got --workload-file)");
}

TEST(LoadOptionsTest, HelpNamesEveryWorkloadChoiceAndEveryFlagOnce) {
  const std::string help = LoadOptionsHelp();
  EXPECT_NE(help.find("--workload {mixed,seed-compat,file}"), std::string::npos) << help;
  for (const char* flag : {"--workload-file", "--no-output", "--progress / --no-progress", "--evaluator",
                           "--find-max-limit-rps", "--spin-us", "--version"})
    EXPECT_NE(help.find(flag), std::string::npos) << flag;
}

TEST(LoadOptionsTest, AValueWithANewlineAndAnEscapeStaysOnOneLine) {
  EXPECT_EQ(ErrorOf({"--rps", "5\n\x1b[2J"}).find('\n'), std::string::npos);
  EXPECT_EQ(ErrorOf({"--cohort=", "x"}), "--cohort=: must be a non-empty string");
  EXPECT_EQ(ErrorOf({"--rps", "5\n\x1b[2J"}), "--rps=5\\n\\x1b[2J: must be a number > 0 and <= 1e8");
}

TEST(LoadOptionsTest, AOneMegabyteValueIsCutInItsError) {
  const std::string e = ErrorOf({"--cohort", "x", "--duration=" + std::string(1 << 20, '9')});
  EXPECT_LT(e.size(), 200u);
  EXPECT_EQ(e.rfind("--duration=999", 0), 0u) << e;
  EXPECT_NE(e.find("(1048576 bytes)"), std::string::npos) << e;
}

TEST(LoadOptionsTest, ANegativeValueMayFollowItsFlag) {
  auto o = Parse({"--stagger-ms", "-20", "--agents", "3"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->stagger_ms, 0);
  EXPECT_EQ(o->agents, 3u);
}

TEST(LoadOptionsTest, ObservationFlagsAreOffByDefault) {
  auto o = Parse({});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->timeseries, "");
  EXPECT_FALSE(o->metrics_port.has_value());
  EXPECT_EQ(o->metrics_bind, "127.0.0.1");
}

TEST(LoadOptionsTest, MetricsPortZeroAsksForAnEphemeralPort) {
  auto o = Parse({"--metrics-port", "0", "--metrics-bind", "::1", "--timeseries", "ts.csv"});
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->metrics_port, 0);
  EXPECT_EQ(o->metrics_bind, "::1");
  EXPECT_EQ(o->timeseries, "ts.csv");
}

TEST(LoadOptionsTest, StageSampleDefaultsTo16AndZeroTurnsItOff) {
  EXPECT_EQ(Parse({})->stage_sample, 16u);
  EXPECT_EQ(Parse({"--stage-sample", "0"})->stage_sample, 0u);
  EXPECT_EQ(ErrorOf({"--stage-sample", "-1"}), "--stage-sample=-1: must be an integer in [0, 1000000]");
}

TEST(LoadOptionsTest, MetricsPortOutOfRangeNamesTheRange) {
  EXPECT_EQ(ErrorOf({"--metrics-port", "65536"}), "--metrics-port=65536: must be an integer in [0, 65535]");
}

TEST(LoadOptionsTest, MetricsBindMustBeANumericAddress) {
  EXPECT_EQ(ErrorOf({"--metrics-port", "0", "--metrics-bind", "localhost"}),
            "--metrics-bind=localhost: must be a numeric IPv4 or IPv6 address");
}

TEST(LoadOptionsTest, MetricsBindNeedsAPort) {
  EXPECT_EQ(ErrorOf({"--metrics-bind", "0.0.0.0"}), "--metrics-bind=0.0.0.0: needs --metrics-port");
}

}  // namespace
}  // namespace nethical::loadgen
