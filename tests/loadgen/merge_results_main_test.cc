// The merge_results command line: its flags go through the one flag parser,
// so every usage error is one line on stderr and exit 2.
#include <cstdlib>
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

Result MergeResults(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"loadgen/merge_results"};
  argv.insert(argv.end(), args.begin(), args.end());
  Result r;
  StatusOr<int> rc = RunCommand(argv, {.standard_output = &r.out, .standard_error = &r.err});
  EXPECT_TRUE(rc.ok()) << rc.status().message();
  r.status = rc.ok() ? *rc : -1;
  return r;
}

TEST(MergeResultsMainTest, AnUnknownFlagIsOneLineSuggestingTheRightOne) {
  const Result r = MergeResults({"a.json", "--json-sumary=x"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "merge_results: unknown flag --json-sumary; did you mean --json-summary? (see --help)\n");
}

TEST(MergeResultsMainTest, AnEmptyOutputNameIsRefused) {
  const Result r = MergeResults({"a.json", "--json-summary="});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "merge_results: --json-summary=: must be a non-empty path\n");
}

TEST(MergeResultsMainTest, NoSummaryIsAUsageError) {
  const Result r = MergeResults({"--json-summary", "out.json"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "merge_results: missing SUMMARY.json (see --help)\n");
}

TEST(MergeResultsMainTest, AnUnreadableSummaryIsNamedWithExit2) {
  const std::string missing = std::string(std::getenv("TEST_TMPDIR")) + "/absent.json";
  const Result r = MergeResults({missing, missing});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("merge_results: cannot read"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("absent.json"), std::string::npos) << r.err;
}

TEST(MergeResultsMainTest, HelpListsEveryFlagAndExits0) {
  const Result r = MergeResults({"--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("--json-summary OUT.json"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SUMMARY.json ..."), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace nethical::loadgen
