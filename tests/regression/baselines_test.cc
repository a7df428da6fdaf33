#include "tests/regression/baselines.h"

#include "gtest/gtest.h"

namespace nethical::regression {
namespace {

Baselines OneBaseline(uint64_t count) {
  Baselines b;
  b.valgrind = "valgrind-3.19.0";
  b.workloads["sha256"] = count;
  return b;
}

TEST(CheckInstructionCount, PassesWithinTolerance) {
  const GateResult r = CheckInstructionCount("sha256", 1040, OneBaseline(1000), 0.05);
  EXPECT_TRUE(r.passed) << r.message;
  EXPECT_DOUBLE_EQ(r.change, 0.04);
  EXPECT_EQ(r.message, "PASS sha256: 1040 instructions, baseline 1000 (+4.00%, tolerance +5.00%)");
}

TEST(CheckInstructionCount, PassesExactlyAtTheTolerance) {
  EXPECT_TRUE(CheckInstructionCount("sha256", 1050, OneBaseline(1000), 0.05).passed);
}

TEST(CheckInstructionCount, FailsAboveTolerance) {
  const GateResult r = CheckInstructionCount("sha256", 1100, OneBaseline(1000), 0.05);
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.message, "FAIL sha256: 1100 instructions, baseline 1000 (+10.00%, tolerance +5.00%)");
}

TEST(CheckInstructionCount, PassesAnImprovementButAsksForANewBaseline) {
  const GateResult r = CheckInstructionCount("sha256", 800, OneBaseline(1000), 0.05);
  EXPECT_TRUE(r.passed);
  EXPECT_NE(r.message.find("update it"), std::string::npos) << r.message;
}

TEST(CheckInstructionCount, FailsWithoutABaselineAndSaysHowToMakeOne) {
  const GateResult r = CheckInstructionCount("quota", 1000, OneBaseline(1000), 0.05);
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.message.find("bazel run //tests/regression:update_baselines"), std::string::npos) << r.message;
}

TEST(Baselines, SurviveSerializeAndParse) {
  Baselines b = OneBaseline(115106259);
  b.workloads["merkle"] = 7;
  auto parsed = ParseBaselines(SerializeBaselines(b), "baselines.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->valgrind, "valgrind-3.19.0");
  EXPECT_EQ(parsed->workloads, b.workloads);
}

TEST(Baselines, RejectsACountThatIsNotANonNegativeInteger) {
  auto parsed = ParseBaselines(R"({"workloads": {"sha256": -5}})", "baselines.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(),
            "baselines.json: workloads.sha256 must be a non-negative integer instruction count");
}

TEST(Baselines, RejectsAFileWithoutWorkloads) {
  auto parsed = ParseBaselines(R"({"valgrind": "x"})", "baselines.json");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().message(), "baselines.json: no \"workloads\" object");
}

TEST(Baselines, RejectsText) { EXPECT_FALSE(ParseBaselines("sha256 = 5", "baselines.json").ok()); }

}  // namespace
}  // namespace nethical::regression
