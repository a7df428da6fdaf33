// redact_bench's own flags go through the one flag parser; Google
// Benchmark's are handed over whole.
#include <string>
#include <vector>

#include "engine/base/subprocess.h"
#include "gtest/gtest.h"

namespace nethical::bench {
namespace {

struct Result {
  int status = -1;
  std::string out, err;
};

Result RedactBench(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"bench/redact_bench"};
  argv.insert(argv.end(), args.begin(), args.end());
  Result r;
  StatusOr<int> rc = RunCommand(argv, {.standard_output = &r.out, .standard_error = &r.err});
  EXPECT_TRUE(rc.ok()) << rc.status().message();
  r.status = rc.ok() ? *rc : -1;
  return r;
}

TEST(RedactBenchFlagsTest, AnUnknownFlagIsOneLineSuggestingTheRightOne) {
  const Result r = RedactBench({"--pyton=/usr/bin/python3"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "redact_bench: unknown flag --pyton; did you mean --python? (see --help)\n");
}

TEST(RedactBenchFlagsTest, BenchmarkFlagsReachGoogleBenchmarkAndAnEmptyPythonSkipsTheComparison) {
  const Result r = RedactBench({"--benchmark_filter=^$", "--python="});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.err.find("Failed to match any benchmarks against regex: ^$"), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("redact_vs_python"), std::string::npos);
}

TEST(RedactBenchFlagsTest, HelpListsItsFlagsAndTheHandedOverOnes) {
  const Result r = RedactBench({"--help"});
  EXPECT_EQ(r.status, 0);
  for (const char* flag : {"--python PATH", "--python_reference PATH", "--benchmark_*=V", "--help"})
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
}

}  // namespace
}  // namespace nethical::bench
