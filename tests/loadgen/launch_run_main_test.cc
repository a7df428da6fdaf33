// launch_run's command line: the one flag parser's errors (one line on
// stderr, exit 2) before anything is started or connected to.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/run_tool.h"

namespace nethical::loadgen {
namespace {

using testutil::ToolRun;

ToolRun LaunchRun(const std::vector<std::string>& args) {
  return testutil::RunTool("loadgen/launch_run", args);
}

constexpr char kUrl[] = "redis://127.0.0.1:1";  // never reached: every case fails first

TEST(LaunchRunMainTest, ABadProcessCountNamesTheRange) {
  const ToolRun r = LaunchRun({"--coordinate", kUrl, "--processes", "0"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "launch_run: --processes=0: must be an integer in [1, 1000]\n");
}

TEST(LaunchRunMainTest, ABadUrlNamesTheFormExpected) {
  const ToolRun r = LaunchRun({"--coordinate=http://x", "--processes=1"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("launch_run: --coordinate=http://x: must be redis://HOST:PORT[/DB]", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

TEST(LaunchRunMainTest, ARegionIdOutsideItsAlphabetIsRefused) {
  const ToolRun r = LaunchRun({"--coordinate", kUrl, "--regions", "eu-west-1,us east"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(
      r.err,
      "launch_run: --regions=eu-west-1,us east: must be region ids of [A-Za-z0-9._-], 1..64 characters\n");
}

TEST(LaunchRunMainTest, AnUnknownFlagSuggestsTheClosestOne) {
  const ToolRun r = LaunchRun({"--coordinate", kUrl, "--proceses", "2"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "launch_run: unknown flag --proceses; did you mean --processes? (see --help)\n");
}

TEST(LaunchRunMainTest, ExactlyOneOfProcessesAndRegions) {
  const ToolRun r = LaunchRun({"--coordinate", kUrl, "--processes", "2", "--regions", "a,b"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "launch_run: give exactly one of --processes N and --regions R1,R2,...\n");
}

TEST(LaunchRunMainTest, FlagsAfterTheDashesAreTheChildrensButNotTheOnesItSets) {
  const ToolRun r =
      LaunchRun({"--coordinate", kUrl, "--processes", "2", "--", "--agents", "5", "--run-id=x"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "launch_run: --run-id after --: launch_run sets it for every child\n");
}

TEST(LaunchRunMainTest, HelpListsEveryFlag) {
  const ToolRun r = LaunchRun({"--help"});
  EXPECT_EQ(r.status, 0);
  for (const char* flag :
       {"--coordinate", "--processes N", "--regions", "--processes-per-region K", "--run-id ID",
        "--base-dir DIR", "--json-summary FILE", "--generate-load PATH", "--help"})
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
}

}  // namespace
}  // namespace nethical::loadgen
