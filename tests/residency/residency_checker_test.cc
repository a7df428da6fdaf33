#include "engine/residency/residency_checker.h"

#include <gtest/gtest.h>

namespace nethical::residency {
namespace {

std::unique_ptr<ResidencyChecker> Checker(std::string policy, std::string region,
                                          std::vector<std::string> allowed = {}) {
  auto c = ResidencyChecker::Create({std::move(policy), std::move(region), std::move(allowed)});
  EXPECT_TRUE(c.ok()) << c.status().message();
  return std::move(c).value();
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

TEST(ResidencyConfigTest, NoPolicyIsValidAndMeansNoCheck) {
  EXPECT_TRUE(Validate(Config{}).ok());
  EXPECT_FALSE(ResidencyChecker::Create(Config{}).ok());
}

TEST(ResidencyConfigTest, UnknownPolicyNamesTheKey) {
  EXPECT_EQ(Validate({"HIPAA", "us-east-1", {}}).message(),
            "NETHICAL_DATA_RESIDENCY_POLICY=HIPAA: must be EU_GDPR, US_CCPA, AI_ACT or GLOBAL_DEFAULT");
}

TEST(ResidencyConfigTest, PolicyWithoutEngineRegionIsRefused) {
  EXPECT_EQ(Validate({"EU_GDPR", "", {}})
                .message()
                .rfind("NETHICAL_DATA_RESIDENCY_POLICY=EU_GDPR: needs NETHICAL_REGION_ID", 0),
            0u);
}

TEST(ResidencyConfigTest, MalformedAllowedRegionIsShownEscaped) {
  EXPECT_EQ(
      Validate({"US_CCPA", "us-east-1", {"eu\x1b[31m"}}).message(),
      "NETHICAL_ALLOWED_REGIONS: eu\\x1b[31m: each region must be 1-64 characters of a-z, 0-9, '-' and '_'");
}

TEST(ResidencyConfigTest, AllowedRegionsWithoutPolicyAreRefused) {
  EXPECT_EQ(Validate({"", "", {"eu-west-1"}}).message().rfind("NETHICAL_ALLOWED_REGIONS is set but", 0), 0u);
}

TEST(ResidencyCheckTest, SameRegionIsCompliant) {
  const auto r = Checker("EU_GDPR", "eu-west-1")->Check("eu-west-1");
  EXPECT_TRUE(r.compliant);
  EXPECT_TRUE(r.violation.empty());
}

TEST(ResidencyCheckTest, ActionWithoutRegionIsCheckedAsTheEnginesRegion) {
  const auto r = Checker("EU_GDPR", "eu-west-1")->Check("");
  EXPECT_TRUE(r.compliant);
  EXPECT_EQ(r.region, "eu-west-1");
}

// The original compared the region with itself and passed this.
TEST(ResidencyCheckTest, GdprTransferToAnotherRegionIsNotCompliant) {
  const auto r = Checker("EU_GDPR", "eu-west-1")->Check("us-east-1");
  EXPECT_FALSE(r.compliant);
  EXPECT_EQ(r.region, "us-east-1");
  EXPECT_EQ(r.policy, Policy::kEuGdpr);
  EXPECT_EQ(
      r.violation,
      "data residency: transfer from eu-west-1 to us-east-1 is cross-border, which EU_GDPR does not allow");
}

TEST(ResidencyCheckTest, GdprTransferToAnAllowedRegionIsCompliant) {
  EXPECT_TRUE(Checker("EU_GDPR", "eu-west-1", {"eu-central-1"})->Check("eu-central-1").compliant);
}

TEST(ResidencyCheckTest, GdprTransferOutsideTheAllowedRegionsNamesThem) {
  const auto r = Checker("EU_GDPR", "eu-west-1", {"eu-central-1", "eu-north-1"})->Check("ap-south-1");
  EXPECT_FALSE(r.compliant);
  EXPECT_EQ(r.violation,
            "data residency: transfer from eu-west-1 to ap-south-1 is not allowed by EU_GDPR (allowed "
            "regions: eu-central-1, eu-north-1)");
}

TEST(ResidencyCheckTest, CcpaAllowsCrossBorderTransfer) {
  EXPECT_TRUE(Checker("US_CCPA", "us-west-2")->Check("eu-west-1").compliant);
}

TEST(ResidencyCheckTest, AllowedRegionsRestrictAPolicyThatAllowsCrossBorder) {
  const auto checker = Checker("AI_ACT", "eu-west-1", {"eu-central-1"});
  EXPECT_TRUE(checker->Check("eu-central-1").compliant);
  EXPECT_FALSE(checker->Check("us-east-1").compliant);
}

TEST(ResidencyCheckTest, GlobalDefaultAllowsAnyRegion) {
  EXPECT_TRUE(Checker("GLOBAL_DEFAULT", "us-east-1")->Check("ap-northeast-1").compliant);
}

TEST(ResidencyCheckTest, HostileRegionIsEscapedInTheReason) {
  const auto r = Checker("EU_GDPR", "eu-west-1")->Check("x\ny");
  EXPECT_FALSE(r.compliant);
  EXPECT_EQ(r.violation.find('\n'), std::string::npos);
}

TEST(ResidencyRetentionTest, GdprKeepsThirtyDays) {
  const auto checker = Checker("EU_GDPR", "eu-west-1");
  EXPECT_EQ(checker->RetentionDays(), 30);
  EXPECT_TRUE(checker->WithinRetention(int64_t{30} * 86400));
  EXPECT_FALSE(checker->WithinRetention(int64_t{30} * 86400 + 1));
}

}  // namespace
}  // namespace nethical::residency
