#include "engine/taxonomy/ethical_taxonomy.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace nethical::taxonomy {
namespace {

std::unique_ptr<EthicalTaxonomy> Shipped() {
  auto t = EthicalTaxonomy::Load(Config{});
  EXPECT_TRUE(t.ok()) << t.status().message();
  return std::move(t).value();
}

std::string Minimal(const std::string& mappings = R"({"privacy": {"privacy": 1.0}})") {
  return R"({"format": "nethical-ethics-taxonomy-v1",
 "dimensions": {"privacy": {"severity_multiplier": 1.2}, "manipulation": {"severity_multiplier": 1.0},
                "fairness": {"severity_multiplier": 1.1}, "safety": {"severity_multiplier": 1.5}},
 "mappings": )" +
         mappings + "}";
}

std::string ParseError(const std::string& json) {
  auto t = EthicalTaxonomy::Parse(json, "t.json");
  EXPECT_FALSE(t.ok());
  return t.ok() ? "" : t.status().message();
}

// Every violation type a detector emits, read from the detector sources
// (each is a string literal before its Severity), so a new type without a
// mapping fails here.
std::set<std::string> DetectorViolationTypes() {
  std::set<std::string> types;
  const std::regex literal(R"re("([a-z_]+)",\s*(?:[^,;"]*\?\s*)?Severity::k)re");
  for (const char* path : {"engine/detect/detector_suite.cc", "engine/detect/detect_stage.cc"}) {
    std::ifstream in(path);
    EXPECT_TRUE(in.good()) << path;
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (std::sregex_iterator it(s.begin(), s.end(), literal), end; it != end; ++it)
      types.insert((*it)[1].str());
  }
  return types;
}

TEST(EthicalTaxonomyTest, ShippedFileLoadsWithTheOriginalsMultipliers) {
  auto t = Shipped();
  EXPECT_DOUBLE_EQ(t->SeverityMultiplier(Dimension::kPrivacy), 1.2);
  EXPECT_DOUBLE_EQ(t->SeverityMultiplier(Dimension::kManipulation), 1.0);
  EXPECT_DOUBLE_EQ(t->SeverityMultiplier(Dimension::kFairness), 1.1);
  EXPECT_DOUBLE_EQ(t->SeverityMultiplier(Dimension::kSafety), 1.5);
  EXPECT_DOUBLE_EQ(t->PrimaryThreshold(), 0.6);
}

TEST(EthicalTaxonomyTest, EveryDetectorViolationTypeGetsTags) {
  auto t = Shipped();
  const auto types = DetectorViolationTypes();
  ASSERT_GE(types.size(), 15u) << "the source scan found too few types; has the Add() form changed?";
  ASSERT_TRUE(types.count("privacy") && types.count("ethical") && types.count("integrity"));
  for (const auto& type : types) {
    EXPECT_TRUE(t->Maps(type)) << type;
    EXPECT_FALSE(t->Tag(type).empty()) << type;
  }
}

TEST(EthicalTaxonomyTest, OriginalKeysAreMapped) {
  auto t = Shipped();
  const auto pii = t->Tag("pii_exposure");
  EXPECT_DOUBLE_EQ(pii.score(Dimension::kPrivacy), 1.0);
  EXPECT_DOUBLE_EQ(pii.score(Dimension::kSafety), 0.2);
  const auto harm = t->Tag("harmful_content");
  EXPECT_DOUBLE_EQ(harm.score(Dimension::kSafety), 1.0);
  EXPECT_DOUBLE_EQ(harm.score(Dimension::kManipulation), 0.2);
}

TEST(EthicalTaxonomyTest, PrimaryDimensionIsTheHighestScoreAtOrAboveThreshold) {
  auto t = Shipped();
  EXPECT_EQ(t->Tag("privacy").primary, Dimension::kPrivacy);
  EXPECT_EQ(t->Tag("bias").primary, Dimension::kFairness);
  EXPECT_EQ(t->Tag("prompt_injection").primary, Dimension::kSafety);
}

TEST(EthicalTaxonomyTest, NoPrimaryDimensionBelowThreshold) {
  auto t = Shipped();
  const auto tags = t->Tag("hallucination");  // safety 0.5, manipulation 0.3
  EXPECT_FALSE(tags.empty());
  EXPECT_FALSE(tags.primary.has_value());
}

TEST(EthicalTaxonomyTest, UntaggedDimensionsScoreZero) {
  auto t = Shipped();
  const auto tags = t->Tag("bias");
  EXPECT_FALSE(tags.tagged(Dimension::kPrivacy));
  EXPECT_FALSE(tags.tagged(Dimension::kManipulation));
}

TEST(EthicalTaxonomyTest, UnknownTypeWithoutContextIsEmpty) {
  EXPECT_TRUE(Shipped()->Tag("no_such_type").empty());
}

TEST(EthicalTaxonomyTest, PersonalDataAddsPrivacy) {
  auto t = Shipped();
  const auto tags = t->Tag("no_such_type", {.personal_data = true});
  EXPECT_DOUBLE_EQ(tags.score(Dimension::kPrivacy), 0.3);
  EXPECT_FALSE(tags.primary.has_value());
}

TEST(EthicalTaxonomyTest, SensitiveAddsPrivacy) {
  EXPECT_NEAR(Shipped()->Tag("safety", {.sensitive = true}).score(Dimension::kPrivacy), 0.2, 1e-12);
}

TEST(EthicalTaxonomyTest, AutomatedAddsFairness) {
  EXPECT_NEAR(Shipped()->Tag("ethical", {.automated = true}).score(Dimension::kFairness), 0.5, 1e-12);
}

TEST(EthicalTaxonomyTest, PrivilegedAddsSafety) {
  EXPECT_NEAR(Shipped()->Tag("hallucination", {.is_privileged = true}).score(Dimension::kSafety), 0.7, 1e-12);
}

TEST(EthicalTaxonomyTest, ContextAdjustmentCanMakeAPrimaryDimension) {
  EXPECT_EQ(Shipped()->Tag("hallucination", {.is_privileged = true}).primary, Dimension::kSafety);
}

TEST(EthicalTaxonomyTest, ScoresAreClampedToOne) {
  const auto tags = Shipped()->Tag("privacy", {.sensitive = true, .personal_data = true});
  EXPECT_DOUBLE_EQ(tags.score(Dimension::kPrivacy), 1.0);
}

TEST(EthicalTaxonomyTest, DimensionNamesRoundTrip) {
  for (int i = 0; i < kDimensionCount; ++i) {
    const auto d = static_cast<Dimension>(i);
    EXPECT_EQ(DimensionFromName(DimensionName(d)), d);
  }
  EXPECT_FALSE(DimensionFromName("honesty").has_value());
}

TEST(EthicalTaxonomyTest, LoadsAFileFromAConfiguredPath) {
  const std::string path = std::string(testing::TempDir()) + "/custom_taxonomy.json";
  std::ofstream(path) << Minimal(R"({"custom_type": {"fairness": 0.9}})");
  auto t = EthicalTaxonomy::Load(Config{path});
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ((*t)->Tag("custom_type").primary, Dimension::kFairness);
  EXPECT_FALSE((*t)->Maps("privacy"));
}

TEST(EthicalTaxonomyTest, MissingFileIsNotFoundNamingTheFile) {
  auto t = EthicalTaxonomy::Load(Config{"/nonexistent/dir/tax.json"});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(t.status().message(), "taxonomy file /nonexistent/dir/tax.json: cannot open the file");
}

TEST(EthicalTaxonomyTest, MalformedJsonNamesFileLineAndColumn) {
  const std::string msg = ParseError("{\n  \"format\": \"x\",\n  oops\n}");
  EXPECT_EQ(msg.rfind("t.json: invalid JSON at line 3, column 3: ", 0), 0u) << msg;
  EXPECT_EQ(msg.find('\n'), std::string::npos);
}

TEST(EthicalTaxonomyTest, WrongFormatIsRefused) {
  EXPECT_EQ(ParseError(R"({"format": "v0"})"), "t.json: \"format\" must be \"nethical-ethics-taxonomy-v1\"");
}

TEST(EthicalTaxonomyTest, UnknownDimensionInAMappingIsNamedByPath) {
  EXPECT_EQ(ParseError(Minimal(R"({"privacy": {"honesty": 1.0}})")),
            "t.json: mappings.privacy.honesty: unknown dimension (allowed: privacy, manipulation, "
            "fairness, safety)");
}

TEST(EthicalTaxonomyTest, WeightOutsideUnitIntervalIsRefused) {
  EXPECT_EQ(ParseError(Minimal(R"({"privacy": {"privacy": 1.5}})")),
            "t.json: mappings.privacy.privacy: 1.5 is outside [0.0, 1.0]");
}

TEST(EthicalTaxonomyTest, MissingDimensionIsRefused) {
  EXPECT_EQ(ParseError(R"({"format": "nethical-ethics-taxonomy-v1", "dimensions": {}, "mappings": {}})"),
            "t.json: dimensions.privacy: missing");
}

TEST(EthicalTaxonomyTest, NonPositiveMultiplierIsRefused) {
  std::string json = Minimal();
  json.replace(json.find("1.5"), 3, "0");
  EXPECT_EQ(ParseError(json), "t.json: dimensions.safety.severity_multiplier: must be a number > 0");
}

TEST(EthicalTaxonomyTest, UnknownContextFlagIsRefused) {
  std::string json = Minimal();
  json.insert(json.size() - 1, R"(, "context_adjustments": {"urgent": {"safety": 0.1}})");
  EXPECT_EQ(ParseError(json).rfind("t.json: context_adjustments.urgent: unknown context flag", 0), 0u);
}

TEST(EthicalTaxonomyTest, EmptyMappingsAreRefused) {
  EXPECT_EQ(ParseError(Minimal("{}")).rfind("t.json: \"mappings\" must be a non-empty object", 0), 0u);
}

}  // namespace
}  // namespace nethical::taxonomy
