// quality_report's command line: the one flag parser's errors (one line on
// stderr, exit 2) and a small report.
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/testing/run_tool.h"

namespace nethical::redact {
namespace {

using testutil::ToolRun;

ToolRun QualityReport(const std::vector<std::string>& args) {
  return testutil::RunTool("tests/redact/quality_report", args);
}

TEST(QualityReportMainTest, ReportsEveryPolicyOfTheSplitAsked) {
  const ToolRun r = QualityReport({"--split=public", "--records", "20"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("split public, seed 1, 20 records\n", 0), 0u) << r.out;
  for (const char* policy : {"policy minimal", "policy standard", "policy aggressive"})
    EXPECT_NE(r.out.find(policy), std::string::npos) << policy;
  EXPECT_EQ(r.out.find("split validation"), std::string::npos);
}

TEST(QualityReportMainTest, AnUnknownSplitNamesWhatIsAllowed) {
  const ToolRun r = QualityReport({"--split", "private"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "quality_report: --split=private: must be public or validation\n");
}

TEST(QualityReportMainTest, ZeroRecordsIsOutOfRange) {
  const ToolRun r = QualityReport({"--records=0"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "quality_report: --records=0: must be an integer in [1, 10000000]\n");
}

TEST(QualityReportMainTest, ASwitchTakesNoValue) {
  const ToolRun r = QualityReport({"--errors=yes"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "quality_report: --errors=yes: --errors takes no value\n");
}

TEST(QualityReportMainTest, HelpListsEveryFlag) {
  const ToolRun r = QualityReport({"--help"});
  EXPECT_EQ(r.status, 0);
  for (const char* flag : {"--split", "--seed N", "--records N", "--errors", "--help"})
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
}

}  // namespace
}  // namespace nethical::redact
