#include "engine/residency/residency_checker.h"

#include <gtest/gtest.h>

namespace nethical::residency {
namespace {

std::unique_ptr<ResidencyChecker> Checker(Policy policy, std::string region,
                                          std::vector<std::string> allowed = {}) {
  return std::make_unique<ResidencyChecker>(Config{policy, std::move(region), std::move(allowed)});
}

TEST(ResidencyProfileTest, RetentionDaysAreTheOriginals) {
  EXPECT_EQ(ProfileOf(Policy::kEuGdpr).retention_days, 30);
  EXPECT_EQ(ProfileOf(Policy::kUsCcpa).retention_days, 90);
  EXPECT_EQ(ProfileOf(Policy::kAiAct).retention_days, 180);
  EXPECT_EQ(ProfileOf(Policy::kGlobalDefault).retention_days, 365);
}

TEST(ResidencyProfileTest, OnlyGdprForbidsCrossBorderTransfer) {
  EXPECT_FALSE(ProfileOf(Policy::kEuGdpr).cross_border_allowed);
  EXPECT_TRUE(ProfileOf(Policy::kUsCcpa).cross_border_allowed);
  EXPECT_TRUE(ProfileOf(Policy::kAiAct).cross_border_allowed);
  EXPECT_TRUE(ProfileOf(Policy::kGlobalDefault).cross_border_allowed);
}

TEST(ResidencyProfileTest, PolicyNamesRoundTrip) {
  for (int i = 0; i < kPolicyCount; ++i) {
    const auto p = static_cast<Policy>(i);
    EXPECT_EQ(PolicyFromName(PolicyName(p)), p);
  }
  EXPECT_FALSE(PolicyFromName("eu_gdpr").has_value());
}

TEST(ResidencyRegionIdTest, LowerCaseLettersDigitsDashAndUnderscoreUpTo64) {
  EXPECT_TRUE(IsRegionId("eu-west-1"));
  EXPECT_TRUE(IsRegionId("local_dc_2"));
  EXPECT_TRUE(IsRegionId(std::string(64, 'a')));
  EXPECT_FALSE(IsRegionId(std::string(65, 'a')));
  EXPECT_FALSE(IsRegionId(""));
  EXPECT_FALSE(IsRegionId("EU-West"));
  EXPECT_FALSE(IsRegionId("eu.west"));
  EXPECT_FALSE(IsRegionId("eu/north"));
}

TEST(ResidencyRegionListTest, SplitsAtCommasTrimmingSpacesAndDroppingEmptyNames) {
  EXPECT_EQ(SplitRegionList(" eu-west-1, ,eu-central-1 ,"),
            (std::vector<std::string>{"eu-west-1", "eu-central-1"}));
  EXPECT_TRUE(SplitRegionList(" , ").empty());
}

TEST(ResidencyCheckTest, SameRegionIsCompliant) {
  const auto r = Checker(Policy::kEuGdpr, "eu-west-1")->Check("eu-west-1");
  EXPECT_TRUE(r.compliant);
  EXPECT_TRUE(r.violation.empty());
}

TEST(ResidencyCheckTest, ActionWithoutRegionIsCheckedAsTheEnginesRegion) {
  const auto r = Checker(Policy::kEuGdpr, "eu-west-1")->Check("");
  EXPECT_TRUE(r.compliant);
  EXPECT_EQ(r.region, "eu-west-1");
}

// The original compared the region with itself and passed this.
TEST(ResidencyCheckTest, GdprTransferToAnotherRegionIsNotCompliant) {
  const auto r = Checker(Policy::kEuGdpr, "eu-west-1")->Check("us-east-1");
  EXPECT_FALSE(r.compliant);
  EXPECT_EQ(r.region, "us-east-1");
  EXPECT_EQ(r.policy, Policy::kEuGdpr);
  EXPECT_EQ(
      r.violation,
      "data residency: transfer from eu-west-1 to us-east-1 is cross-border, which EU_GDPR does not allow");
}

TEST(ResidencyCheckTest, GdprTransferToAnAllowedRegionIsCompliant) {
  EXPECT_TRUE(Checker(Policy::kEuGdpr, "eu-west-1", {"eu-central-1"})->Check("eu-central-1").compliant);
}

TEST(ResidencyCheckTest, GdprTransferOutsideTheAllowedRegionsNamesThem) {
  const auto r = Checker(Policy::kEuGdpr, "eu-west-1", {"eu-central-1", "eu-north-1"})->Check("ap-south-1");
  EXPECT_FALSE(r.compliant);
  EXPECT_EQ(r.violation,
            "data residency: transfer from eu-west-1 to ap-south-1 is not allowed by EU_GDPR (allowed "
            "regions: eu-central-1, eu-north-1)");
}

TEST(ResidencyCheckTest, CcpaAllowsCrossBorderTransfer) {
  EXPECT_TRUE(Checker(Policy::kUsCcpa, "us-west-2")->Check("eu-west-1").compliant);
}

TEST(ResidencyCheckTest, AllowedRegionsRestrictAPolicyThatAllowsCrossBorder) {
  const auto checker = Checker(Policy::kAiAct, "eu-west-1", {"eu-central-1"});
  EXPECT_TRUE(checker->Check("eu-central-1").compliant);
  EXPECT_FALSE(checker->Check("us-east-1").compliant);
}

TEST(ResidencyCheckTest, GlobalDefaultAllowsAnyRegion) {
  EXPECT_TRUE(Checker(Policy::kGlobalDefault, "us-east-1")->Check("ap-northeast-1").compliant);
}

TEST(ResidencyCheckTest, HostileRegionIsEscapedInTheReason) {
  const auto r = Checker(Policy::kEuGdpr, "eu-west-1")->Check("x\ny");
  EXPECT_FALSE(r.compliant);
  EXPECT_EQ(r.violation.find('\n'), std::string::npos);
}

TEST(ResidencyRetentionTest, GdprKeepsThirtyDays) {
  const auto checker = Checker(Policy::kEuGdpr, "eu-west-1");
  EXPECT_EQ(checker->RetentionDays(), 30);
  EXPECT_TRUE(checker->WithinRetention(int64_t{30} * 86400));
  EXPECT_FALSE(checker->WithinRetention(int64_t{30} * 86400 + 1));
}

}  // namespace
}  // namespace nethical::residency
