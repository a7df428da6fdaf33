// redact_bench's own flags go through the one flag parser; Google
// Benchmark's are handed over whole.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/run_tool.h"

namespace nethical::bench {
namespace {

using testutil::ToolRun;

ToolRun RedactBench(const std::vector<std::string>& args) {
  return testutil::RunTool("bench/redact_bench", args);
}

TEST(RedactBenchFlagsTest, AnUnknownFlagIsOneLineSuggestingTheRightOne) {
  const ToolRun r = RedactBench({"--pyton=/usr/bin/python3"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "redact_bench: unknown flag --pyton; did you mean --python? (see --help)\n");
}

TEST(RedactBenchFlagsTest, BenchmarkFlagsReachGoogleBenchmarkAndAnEmptyPythonSkipsTheComparison) {
  const ToolRun r = RedactBench({"--benchmark_filter=^$", "--python="});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("Failed to match any benchmarks against regex: ^$"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("redact_vs_python"), std::string::npos);
}

TEST(RedactBenchFlagsTest, HelpListsItsFlagsAndTheHandedOverOnes) {
  const ToolRun r = RedactBench({"--help"});
  EXPECT_EQ(r.status, 0);
  for (const char* flag : {"--python PATH", "--python_reference PATH", "--benchmark_*=V", "--help"})
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
}

}  // namespace
}  // namespace nethical::bench
