#include <gtest/gtest.h>

#include "tests/redact/pii_quality.h"

namespace nethical::redact {
namespace {

class LabeledCorpusQuality : public ::testing::Test {
 protected:
  void SetUp() override {
    StatusOr<std::vector<LabeledText>> corpus = ReadLabeledCorpus(LabeledCorpusPath());
    ASSERT_TRUE(corpus.ok()) << corpus.status().message();
    corpus_ = std::move(corpus.value());
    ASSERT_GT(corpus_.size(), 100u);
  }

  QualityReport Measure(RedactionPolicy policy) {
    PrivacyConfig config;
    config.redaction_policy = policy;
    auto redactor = Redactor::Create(config);
    EXPECT_TRUE(redactor.ok()) << redactor.status().message();
    return MeasureQuality(**redactor, policy, corpus_);
  }

  static std::string Errors(const QualityReport& r) {
    std::string all;
    for (const std::string& e : r.errors) all += e + "\n";
    return all;
  }

  std::vector<LabeledText> corpus_;
};

TEST_F(LabeledCorpusQuality, AggressiveReachesTargetPrecisionAndRecall) {
  QualityReport r = Measure(RedactionPolicy::kAggressive);
  EXPECT_GE(r.overall.precision(), 0.98) << Errors(r);
  EXPECT_GE(r.overall.recall(), 0.98) << Errors(r);
}

TEST_F(LabeledCorpusQuality, AggressiveFlagsNoLookAlikeLine) {
  QualityReport r = Measure(RedactionPolicy::kAggressive);
  EXPECT_GT(r.lookalike_lines, 0);
  EXPECT_EQ(r.lookalike_lines_flagged, 0) << Errors(r);
}

TEST_F(LabeledCorpusQuality, StandardFindsEveryCoveredTypeWithoutFalsePositives) {
  QualityReport r = Measure(RedactionPolicy::kStandard);
  EXPECT_GE(r.overall.recall(), 0.98) << Errors(r);
  EXPECT_GE(r.overall.precision(), 0.98) << Errors(r);
  EXPECT_EQ(r.by_type.count("DATE_OF_BIRTH"), 0u) << "standard must not scan for dates of birth";
}

TEST_F(LabeledCorpusQuality, MinimalReportsOnlyItsThreeTypes) {
  QualityReport r = Measure(RedactionPolicy::kMinimal);
  for (const auto& [type, counts] : r.by_type) {
    EXPECT_TRUE(type == "SSN" || type == "CREDIT_CARD" || type == "PASSPORT") << type;
  }
  EXPECT_GE(r.overall.recall(), 0.98) << Errors(r);
}

}  // namespace
}  // namespace nethical::redact
