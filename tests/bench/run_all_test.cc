// Drives the //bench:run_all binary on the real sha256_bench with a tiny
// minimum time. Nothing about speed is asserted: only the shape and the
// self-description of the file it writes.
#include <cstdlib>

#include "bench/compare/benchmark_results.h"
#include "engine/base/subprocess.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace nethical::bench {
namespace {

std::string TempDir() { return std::getenv("TEST_TMPDIR"); }

StatusOr<int> RunAll(std::vector<std::string> extra) {
  std::vector<std::string> argv = {"bench/run_all", "--benchmark_binary=bench/sha256_bench", "--config=opt"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  std::string ignored;
  return RunCommand(argv, {.standard_output = &ignored});
}

TEST(RunAll, WritesOneFileWhoseContextNamesCommitConfigAndBinaries) {
  const std::string out = TempDir() + "/suite.json";
  auto rc = RunAll({"--commit=abc123def456", "--out=" + out, "--benchmark_filter=BM_Sha256/64$",
                    "--benchmark_min_time=0.001", "--benchmark_repetitions=2"});
  ASSERT_TRUE(rc.ok()) << rc.status().message();
  ASSERT_EQ(*rc, 0);
  auto text = ReadFile(out);
  ASSERT_TRUE(text.ok()) << text.status().message();
  const nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["context"]["commit"], "abc123def456");
  EXPECT_EQ(j["context"]["config"], "opt");
  EXPECT_EQ(j["context"]["executables"], nlohmann::json::array({"sha256_bench"}));
  auto results = ParseBenchmarkResults(*text, out);
  ASSERT_TRUE(results.ok()) << results.status().message();
  ASSERT_EQ(results->benchmarks.size(), 1u);
  EXPECT_EQ(results->benchmarks[0].name, "BM_Sha256/64");
  EXPECT_EQ(results->benchmarks[0].cpu_time_ns.size(), 2u);  // both repetitions, no aggregates
}

TEST(RunAll, NamesTheResultsFileAfterTheCommit) {
  auto rc = RunAll({"--commit=feedbeef0001", "--results_dir=" + TempDir() + "/results",
                    "--benchmark_filter=BM_Sha256/64$", "--benchmark_min_time=0.001"});
  ASSERT_TRUE(rc.ok());
  ASSERT_EQ(*rc, 0);
  EXPECT_TRUE(ReadFile(TempDir() + "/results/feedbeef0001.json").ok());
}

TEST(RunAll, RefusesOutputFlagsItSetsItself) {
  auto rc = RunAll({"--commit=abc", "--out=x.json", "--benchmark_out=y.json"});
  ASSERT_TRUE(rc.ok());
  EXPECT_EQ(*rc, 2);
}

TEST(RunAll, AUsageErrorIsOneLineNamingTheFlag) {
  std::string output, error;
  auto rc =
      RunCommand({"bench/run_all", "--benchmark_binary=bench/sha256_bench", "--commit=a/b", "--out=x.json"},
                 {.standard_output = &output, .standard_error = &error});
  ASSERT_TRUE(rc.ok());
  EXPECT_EQ(*rc, 2);
  EXPECT_EQ(error, "run_all: --commit=a/b: must be an ID without ',', '=' or '/'\n");
}

TEST(RunAll, FailsAndWritesNothingWhenABinaryFails) {
  const std::string out = TempDir() + "/failed.json";
  std::string ignored;
  auto rc = RunCommand(
      {"bench/run_all", "--benchmark_binary=/bin/false", "--config=opt", "--commit=abc", "--out=" + out},
      {.standard_output = &ignored});
  ASSERT_TRUE(rc.ok());
  EXPECT_EQ(*rc, 1);
  EXPECT_FALSE(ReadFile(out).ok());
}

}  // namespace
}  // namespace nethical::bench
