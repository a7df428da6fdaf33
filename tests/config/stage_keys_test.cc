// The keys of the quarantine, taxonomy, SLA, correlation and residency
// stages (docs/stages.md): the rules between them, each refused with one line
// naming the keys involved.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/config/config_builder.h"

namespace nethical {
namespace {

// Builds from flags; the error message, or "" when the build succeeds.
std::string BuildError(const std::vector<std::pair<std::string, std::string>>& keys) {
  ConfigBuilder b;
  for (const auto& [key, value] : keys) {
    Status s = b.Set(key, value, "--test");
    if (!s.ok()) return s.message();
  }
  StatusOr<EngineConfig> c = b.Build();
  return c.ok() ? "" : c.status().message();
}

void ExpectRefusedNaming(const std::vector<std::pair<std::string, std::string>>& keys,
                         const std::vector<std::string>& named) {
  const std::string error = BuildError(keys);
  ASSERT_FALSE(error.empty());
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  for (const std::string& n : named) EXPECT_NE(error.find(n), std::string::npos) << n << " in: " << error;
}

TEST(StageKeys, DefaultsBuild) { EXPECT_EQ(BuildError({}), ""); }

TEST(StageKeys, QuarantineEnforceNeedsTheQuarantine) {
  ExpectRefusedNaming({{"NETHICAL_ENABLE_QUARANTINE", "false"}, {"NETHICAL_QUARANTINE_ENFORCE", "true"}},
                      {"NETHICAL_QUARANTINE_ENFORCE=true", "NETHICAL_ENABLE_QUARANTINE=false"});
}

TEST(StageKeys, QuarantineOnCriticalAnomalyNeedsAnomalyDetection) {
  ExpectRefusedNaming(
      {{"NETHICAL_QUARANTINE_ON_CRITICAL_ANOMALY", "true"}},
      {"NETHICAL_QUARANTINE_ON_CRITICAL_ANOMALY=true", "NETHICAL_ENABLE_ANOMALY_DETECTION=false"});
}

TEST(StageKeys, QuarantineLongerThanTheMaximumIsRefused) {
  ExpectRefusedNaming({{"NETHICAL_QUARANTINE_DURATION_SECONDS", "700000"}},
                      {"NETHICAL_QUARANTINE_MAX_DURATION_SECONDS"});
}

TEST(StageKeys, SlaP99BelowP95IsRefused) {
  ExpectRefusedNaming({{"NETHICAL_SLA_P95_MS", "300"}, {"NETHICAL_SLA_P99_MS", "250"}},
                      {"NETHICAL_SLA_P99_MS", "NETHICAL_SLA_P95_MS"});
}

TEST(StageKeys, EntropyMaxMeanBelowMinMeanIsRefused) {
  ExpectRefusedNaming(
      {{"NETHICAL_CORRELATION_ENTROPY_MIN_MEAN", "5"}, {"NETHICAL_CORRELATION_ENTROPY_MAX_MEAN", "4"}},
      {"NETHICAL_CORRELATION_ENTROPY_MAX_MEAN", "NETHICAL_CORRELATION_ENTROPY_MIN_MEAN"});
}

TEST(StageKeys, UnknownResidencyPolicyIsRefused) {
  ExpectRefusedNaming({{"NETHICAL_REGION_ID", "eu-west-1"}, {"NETHICAL_DATA_RESIDENCY_POLICY", "EU"}},
                      {"NETHICAL_DATA_RESIDENCY_POLICY=EU", "EU_GDPR"});
}

TEST(StageKeys, ResidencyPolicyNeedsTheEngineRegion) {
  ExpectRefusedNaming({{"NETHICAL_DATA_RESIDENCY_POLICY", "US_CCPA"}}, {"NETHICAL_REGION_ID"});
}

TEST(StageKeys, ResidencyEnforceNeedsAPolicy) {
  ExpectRefusedNaming({{"NETHICAL_DATA_RESIDENCY_ENFORCE", "true"}},
                      {"NETHICAL_DATA_RESIDENCY_ENFORCE=true", "NETHICAL_DATA_RESIDENCY_POLICY"});
}

TEST(StageKeys, AllowedRegionsNeedAPolicy) {
  ExpectRefusedNaming({{"NETHICAL_ALLOWED_REGIONS", "eu-central-1"}}, {"NETHICAL_ALLOWED_REGIONS"});
}

TEST(StageKeys, MalformedAllowedRegionIsRefused) {
  ExpectRefusedNaming({{"NETHICAL_REGION_ID", "eu-west-1"},
                       {"NETHICAL_DATA_RESIDENCY_POLICY", "EU_GDPR"},
                       {"NETHICAL_ALLOWED_REGIONS", "eu-central-1, EU/North"}},
                      {"NETHICAL_ALLOWED_REGIONS", "EU/North"});
}

TEST(StageKeys, MissingTaxonomyFileIsRefusedUnlessTheTaxonomyIsOff) {
  ExpectRefusedNaming({{"NETHICAL_TAXONOMY_PATH", "/nonexistent/taxonomy.json"}}, {"NETHICAL_TAXONOMY_PATH"});
  EXPECT_EQ(BuildError({{"NETHICAL_TAXONOMY_PATH", "/nonexistent/taxonomy.json"},
                        {"NETHICAL_ENABLE_ETHICAL_TAXONOMY", "false"}}),
            "");
}

TEST(StageKeys, MalformedTaxonomyFileIsRefusedNamingTheKeyAndThePlace) {
  const std::string path = std::string(testing::TempDir()) + "/malformed_taxonomy.json";
  std::ofstream(path) << "{\n  oops\n}";
  EXPECT_EQ(BuildError({{"NETHICAL_TAXONOMY_PATH", path}})
                .rfind("NETHICAL_TAXONOMY_PATH=" + path + " (--test): invalid JSON at line 2, column 3", 0),
            0u);
}

}  // namespace
}  // namespace nethical
