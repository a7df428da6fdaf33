#include "engine/anomaly/drift_baseline.h"

#include <gtest/gtest.h>

namespace nethical::anomaly {
namespace {

TEST(DriftBaselinesTest, ParsesCohortsAndTheDefault) {
  auto b = DriftBaselines::Parse(
      R"({"format":"nethical-drift-baseline-v1",
          "cohorts":{"prod":[1,2,3,4,5,6,7,8,9,10],"*":[1,0,0,0,0,0,0,0,0,0]}})",
      "b.json");
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_EQ(b->size(), 2u);
  EXPECT_EQ((*b->For("prod"))[9], 10);
  EXPECT_EQ((*b->For("other"))[0], 1);
}

TEST(DriftBaselinesTest, CohortWithoutEntryOrDefaultHasNone) {
  auto b = DriftBaselines::Parse(
      R"({"format":"nethical-drift-baseline-v1","cohorts":{"prod":[1,0,0,0,0,0,0,0,0,0]}})", "b");
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->For("dev").has_value());
}

TEST(DriftBaselinesTest, RejectsInvalidJson) {
  auto b = DriftBaselines::Parse("{", "b.json");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), "b.json: not valid JSON");
}

TEST(DriftBaselinesTest, RejectsWrongFormatTag) {
  auto b = DriftBaselines::Parse(R"({"format":"v0","cohorts":{}})", "b");
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("\"format\" must be"), std::string::npos);
}

TEST(DriftBaselinesTest, RejectsWrongNumberOfBins) {
  auto b = DriftBaselines::Parse(R"({"format":"nethical-drift-baseline-v1","cohorts":{"x":[1,2,3]}})", "b");
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("cohort \"x\": expected an array of 10 numbers"), std::string::npos);
}

TEST(DriftBaselinesTest, RejectsNegativeAndNonNumericBins) {
  auto neg = DriftBaselines::Parse(
      R"({"format":"nethical-drift-baseline-v1","cohorts":{"x":[1,2,3,4,5,6,7,8,9,-1]}})", "b");
  ASSERT_FALSE(neg.ok());
  EXPECT_NE(neg.status().message().find("bin 9 must be finite and >= 0"), std::string::npos);
  auto str = DriftBaselines::Parse(
      R"({"format":"nethical-drift-baseline-v1","cohorts":{"x":[1,2,3,4,5,6,7,8,9,"a"]}})", "b");
  ASSERT_FALSE(str.ok());
  EXPECT_NE(str.status().message().find("bin 9 is not a number"), std::string::npos);
}

TEST(DriftBaselinesTest, RejectsAllZeroBaseline) {
  auto b = DriftBaselines::Parse(
      R"({"format":"nethical-drift-baseline-v1","cohorts":{"x":[0,0,0,0,0,0,0,0,0,0]}})", "b");
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("all bins are 0"), std::string::npos);
}

TEST(DriftBaselinesTest, LoadReportsMissingFileWithItsPath) {
  auto b = DriftBaselines::Load("/nonexistent/baseline.json");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), StatusCode::kNotFound);
  EXPECT_NE(b.status().message().find("drift baseline file /nonexistent/baseline.json: cannot open the file"),
            std::string::npos);
}

}  // namespace
}  // namespace nethical::anomaly
