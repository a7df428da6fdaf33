// The merge_results command line: its flags go through the one flag parser,
// so every usage error is one line on stderr and exit 2.
#include <cstdlib>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/run_tool.h"

namespace nethical::loadgen {
namespace {

using testutil::ToolRun;

ToolRun MergeResults(const std::vector<std::string>& args) {
  return testutil::RunTool("loadgen/merge_results", args);
}

TEST(MergeResultsMainTest, AnUnknownFlagIsOneLineSuggestingTheRightOne) {
  const ToolRun r = MergeResults({"a.json", "--json-sumary=x"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "merge_results: unknown flag --json-sumary; did you mean --json-summary? (see --help)\n");
}

TEST(MergeResultsMainTest, AnEmptyOutputNameIsRefused) {
  const ToolRun r = MergeResults({"a.json", "--json-summary="});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "merge_results: --json-summary=: must be a non-empty path\n");
}

TEST(MergeResultsMainTest, NoSummaryIsAUsageError) {
  const ToolRun r = MergeResults({"--json-summary", "out.json"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "merge_results: missing SUMMARY.json (see --help)\n");
}

TEST(MergeResultsMainTest, AnUnreadableSummaryIsNamedWithExit2) {
  const std::string missing = std::string(std::getenv("TEST_TMPDIR")) + "/absent.json";
  const ToolRun r = MergeResults({missing, missing});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("merge_results: cannot read"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("absent.json"), std::string::npos) << r.err;
}

TEST(MergeResultsMainTest, HelpListsEveryFlagAndExits0) {
  const ToolRun r = MergeResults({"--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("--json-summary OUT.json"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SUMMARY.json ..."), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
}

}  // namespace
}  // namespace nethical::loadgen
