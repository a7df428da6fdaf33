// launch_run's command line: the one flag parser's errors (one line on
// stderr, exit 2) before anything is started or connected to.
#include <string>
#include <vector>

#include "engine/base/subprocess.h"
#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

struct Result {
  int status = -1;
  std::string out, err;
};

Result LaunchRun(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"loadgen/launch_run"};
  argv.insert(argv.end(), args.begin(), args.end());
  Result r;
  StatusOr<int> rc = RunCommand(argv, {.standard_output = &r.out, .standard_error = &r.err});
  EXPECT_TRUE(rc.ok()) << rc.status().message();
  r.status = rc.ok() ? *rc : -1;
  return r;
}

constexpr char kUrl[] = "redis://127.0.0.1:1";  // never reached: every case fails first

TEST(LaunchRunMainTest, ABadProcessCountNamesTheRange) {
  const Result r = LaunchRun({"--coordinate", kUrl, "--processes", "0"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "launch_run: --processes=0: must be an integer in [1, 1000]\n");
}

TEST(LaunchRunMainTest, ABadUrlNamesTheFormExpected) {
  const Result r = LaunchRun({"--coordinate=http://x", "--processes=1"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("launch_run: --coordinate=http://x: must be redis://HOST:PORT[/DB]", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << "one line: " << r.err;
}

TEST(LaunchRunMainTest, ARegionIdOutsideItsAlphabetIsRefused) {
  const Result r = LaunchRun({"--coordinate", kUrl, "--regions", "eu-west-1,us east"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "launch_run: --regions=eu-west-1,us east: must be region ids of [A-Za-z0-9._-], 1..64 characters\n");
}

TEST(LaunchRunMainTest, AnUnknownFlagSuggestsTheClosestOne) {
  const Result r = LaunchRun({"--coordinate", kUrl, "--proceses", "2"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "launch_run: unknown flag --proceses; did you mean --processes? (see --help)\n");
}

TEST(LaunchRunMainTest, ExactlyOneOfProcessesAndRegions) {
  const Result r = LaunchRun({"--coordinate", kUrl, "--processes", "2", "--regions", "a,b"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "launch_run: give exactly one of --processes N and --regions R1,R2,...\n");
}

TEST(LaunchRunMainTest, FlagsAfterTheDashesAreTheChildrensButNotTheOnesItSets) {
  const Result r = LaunchRun({"--coordinate", kUrl, "--processes", "2", "--", "--agents", "5", "--run-id=x"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "launch_run: --run-id after --: launch_run sets it for every child\n");
}

TEST(LaunchRunMainTest, HelpListsEveryFlag) {
  const Result r = LaunchRun({"--help"});
  EXPECT_EQ(r.status, 0);
  for (const char* flag : {"--coordinate", "--processes N", "--regions", "--processes-per-region K", "--run-id ID",
                           "--base-dir DIR", "--json-summary FILE", "--generate-load PATH", "--help"})
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
}

}  // namespace
}  // namespace nethical::loadgen
