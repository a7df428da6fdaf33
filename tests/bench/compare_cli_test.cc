#include "bench/compare/compare_cli.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "bench/compare/benchmark_results.h"
#include "bench/compare/user_path.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace nethical::bench {
namespace {

std::string TempDir() { return std::getenv("TEST_TMPDIR"); }

// Writes Google Benchmark JSON with ten repetitions of BM_Hash around
// `median_ns` (+-2 %) and returns the file's path.
std::string WriteResults(const std::string& name, double median_ns, const std::string& commit) {
  nlohmann::json benchmarks = nlohmann::json::array();
  for (int i = 0; i < 10; ++i) {
    const double t = median_ns * (0.98 + 0.004 * i);
    benchmarks.push_back({{"name", "BM_Hash/64"},
                          {"run_name", "BM_Hash/64"},
                          {"run_type", "iteration"},
                          {"repetition_index", i},
                          {"real_time", t},
                          {"cpu_time", t},
                          {"time_unit", "ns"}});
  }
  const std::string path = TempDir() + "/" + name;
  std::ofstream(path) << nlohmann::json{
      {"context", {{"commit", commit}, {"config", "opt"}}},
      {"benchmarks",
       benchmarks}}.dump();
  return path;
}

struct CliRun {
  int status;
  std::string out;
  std::string err;
};

CliRun RunCli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int status = RunCompareCli(args, out, err);
  return {status, out.str(), err.str()};
}

TEST(CompareCli, ExitsZeroWhenNothingIsSlower) {
  const CliRun r = RunCli({WriteResults("a.json", 100, "aaa"), WriteResults("b.json", 100, "bbb")});
  EXPECT_EQ(r.status, kCompareNoSlowdown) << r.err;
  EXPECT_NE(r.out.find("PASS"), std::string::npos) << r.out;
}

TEST(CompareCli, ExitsOneWhenABenchmarkIsSignificantlySlower) {
  const CliRun r = RunCli({WriteResults("a.json", 100, "aaa"), WriteResults("slow.json", 110, "bbb")});
  EXPECT_EQ(r.status, kCompareSlowdown) << r.err;
  EXPECT_NE(r.out.find("BM_Hash/64"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SLOWER"), std::string::npos) << r.out;
}

TEST(CompareCli, ThresholdFlagRaisesTheBar) {
  const CliRun r = RunCli(
      {"--threshold_pct=15", WriteResults("a.json", 100, "aaa"), WriteResults("slow.json", 110, "bbb")});
  EXPECT_EQ(r.status, kCompareNoSlowdown) << r.out;
}

TEST(CompareCli, PrintsJsonWithFormatJson) {
  const CliRun r =
      RunCli({"--format=json", WriteResults("a.json", 100, "aaa"), WriteResults("slow.json", 110, "bbb")});
  EXPECT_EQ(r.status, kCompareSlowdown);
  const nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  EXPECT_EQ(j["slower"], 1);
  EXPECT_EQ(j["new"]["commit"], "bbb");
  EXPECT_EQ(j["benchmarks"][0]["verdict"], "slower");
}

TEST(CompareCli, ResolvesRelativePathsAgainstBuildWorkingDirectory) {
  WriteResults("rel_base.json", 100, "aaa");
  WriteResults("rel_new.json", 100, "bbb");
  setenv("BUILD_WORKING_DIRECTORY", TempDir().c_str(), 1);
  const CliRun r = RunCli({"--out=report.txt", "rel_base.json", "rel_new.json"});
  unsetenv("BUILD_WORKING_DIRECTORY");
  EXPECT_EQ(r.status, kCompareNoSlowdown) << r.err;
  EXPECT_TRUE(r.out.empty());
  auto report = ReadFile(TempDir() + "/report.txt");
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_NE(report->find(TempDir() + "/rel_base.json (commit aaa, config opt)"), std::string::npos)
      << *report;
}

TEST(CompareCli, ReadsTwoRealRunAllOutputs) {
  // Real //bench:run_all files (3 repetitions each): every benchmark is
  // paired, and 3 repetitions are too few for any verdict but "no change".
  const CliRun r = RunCli(
      {"--format=json", "tests/bench/testdata/run_all_base.json", "tests/bench/testdata/run_all_new.json"});
  EXPECT_EQ(r.status, kCompareNoSlowdown) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << r.out;
  ASSERT_EQ(j["benchmarks"].size(), 3u);
  EXPECT_EQ(j["benchmarks"][0]["name"], "BM_Sha256/64");
  EXPECT_EQ(j["benchmarks"][0]["base_repetitions"], 3);
  EXPECT_EQ(j["benchmarks"][0]["underpowered"], true);
  EXPECT_EQ(j["base"]["config"], "opt");
  EXPECT_TRUE(j["base"]["commit"].is_string());
}

TEST(CompareCli, ExitsTwoOnAnUnknownFlag) {
  const CliRun r = RunCli({"--thresold=5", "a.json", "b.json"});
  EXPECT_EQ(r.status, kCompareUsageError);
  EXPECT_EQ(r.err, "compare: unknown flag --thresold; did you mean --threshold_pct? (see --help)\n");
}

TEST(CompareCli, ExitsTwoOnAThresholdThatIsNotPositive) {
  const CliRun r = RunCli({"--threshold_pct=-1", "a.json", "b.json"});
  EXPECT_EQ(r.status, kCompareUsageError);
  EXPECT_NE(r.err.find("must be > 0"), std::string::npos) << r.err;
}

TEST(CompareCli, ExitsTwoOnAnAlphaOutsideTheUnitInterval) {
  const CliRun r = RunCli({"--alpha=5", "a.json", "b.json"});
  EXPECT_EQ(r.status, kCompareUsageError);
  EXPECT_NE(r.err.find("alpha"), std::string::npos) << r.err;
}

TEST(CompareCli, ExitsTwoWithoutTwoFiles) {
  const CliRun r = RunCli({WriteResults("a.json", 100, "aaa")});
  EXPECT_EQ(r.status, kCompareUsageError);
  EXPECT_EQ(r.err, "compare: missing NEW.json (see --help)\n");
}

TEST(CompareCli, ExitsTwoOnAThirdFile) {
  const CliRun r = RunCli({"a.json", "b.json", "c.json"});
  EXPECT_EQ(r.status, kCompareUsageError);
  EXPECT_EQ(r.err, "compare: unexpected argument 'c.json' (flags start with --; see --help)\n");
}

TEST(CompareCli, ABadValueIsOneEscapedLineNamingWhatIsAllowed) {
  const CliRun r = RunCli({"--metric", "wall\n\x1b[2J", "a.json", "b.json"});
  EXPECT_EQ(r.status, kCompareUsageError);
  EXPECT_EQ(r.err, "compare: --metric=wall\\n\\x1b[2J: must be cpu_time or real_time\n");
}

TEST(CompareCli, HelpListsEveryFlag) {
  const CliRun r = RunCli({"--help"});
  EXPECT_EQ(r.status, kCompareNoSlowdown);
  for (const char* flag :
       {"--threshold_pct", "--alpha", "--metric", "--format", "--out", "BASE.json", "NEW.json"})
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
}

TEST(CompareCli, ExitsTwoWhenAFileCannotBeRead) {
  const CliRun r = RunCli({WriteResults("a.json", 100, "aaa"), TempDir() + "/missing.json"});
  EXPECT_EQ(r.status, kCompareUsageError);
  EXPECT_NE(r.err.find("missing.json: cannot open"), std::string::npos) << r.err;
}

TEST(ResolveUserPath, LeavesAbsolutePathsAlone) {
  setenv("BUILD_WORKING_DIRECTORY", "/home/me", 1);
  EXPECT_EQ(ResolveUserPath("/tmp/x.json"), "/tmp/x.json");
  EXPECT_EQ(ResolveUserPath("x.json"), "/home/me/x.json");
  unsetenv("BUILD_WORKING_DIRECTORY");
  EXPECT_EQ(ResolveUserPath("x.json"), "x.json");
}

}  // namespace
}  // namespace nethical::bench
