#include "loadgen/engine_settings.h"

#include <cstdlib>
#include <fstream>

#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

const char* const kNoEnvironment[] = {nullptr};

LoadOptions Options(std::vector<std::string> args) {
  auto o = ParseLoadOptions(args);
  EXPECT_TRUE(o.ok()) << o.status().message();
  return o.ok() ? *o : LoadOptions{};
}

std::string WriteEnvFile(const std::string& name, const std::string& content) {
  const std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/" + name;
  std::ofstream(path) << content;
  return path;
}

TEST(EngineSettingsTest, UsesTheOriginalGeneratorsDefaults) {
  auto s = BuildEngineSettings(Options({}), kNoEnvironment);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->config.storage_dir, "./nethical_perf");
  EXPECT_EQ(s->config.quota.requests_per_second, 1000);
  EXPECT_TRUE(s->config.shadow.enabled);
  EXPECT_TRUE(s->config.audit.enabled);
  EXPECT_FALSE(s->config.blend.enabled);
  EXPECT_FALSE(s->config.anomaly.enabled);
  EXPECT_FALSE(s->config.quota.enabled);
  EXPECT_EQ(s->config.privacy.mode, PrivacyMode::kNone);
  EXPECT_EQ(s->config.privacy.redaction_policy, RedactionPolicy::kStandard);
}

TEST(EngineSettingsTest, EnvFileOverridesTheGeneratorsDefaults) {
  const std::string file =
      WriteEnvFile("a.env", "NETHICAL_STORAGE_DIR=/srv/x\nNETHICAL_REQUESTS_PER_SECOND=7\n");
  auto s = BuildEngineSettings(Options({"--env-file", file}), kNoEnvironment);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->config.storage_dir, "/srv/x");
  EXPECT_EQ(s->config.quota.requests_per_second, 7);
}

TEST(EngineSettingsTest, EnvFileValueEqualToTheEngineDefaultStillWins) {
  const std::string file =
      WriteEnvFile("b.env", "NETHICAL_STORAGE_DIR=./nethical_data\nNETHICAL_REQUESTS_PER_SECOND=10\n");
  auto s = BuildEngineSettings(Options({"--env-file", file}), kNoEnvironment);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->config.storage_dir, "./nethical_data");
  EXPECT_EQ(s->config.quota.requests_per_second, 10);
}

TEST(EngineSettingsTest, FlagsOverrideEnvironmentWhichOverridesEnvFile) {
  const std::string file = WriteEnvFile("b.env",
                                        "NETHICAL_REGION_ID=file\nNETHICAL_LOGICAL_DOMAIN=file\n"
                                        "NETHICAL_ENABLE_QUOTA=false\n");
  const char* const env[] = {"NETHICAL_REGION_ID=env", "NETHICAL_ENABLE_QUOTA=true", "PATH=/bin", nullptr};
  auto s = BuildEngineSettings(Options({"--env-file", file, "--region-id", "flag"}), env);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->config.region_id, "flag");
  EXPECT_EQ(s->config.logical_domain, "file");
  EXPECT_TRUE(s->config.quota.enabled);
  auto no_quota = BuildEngineSettings(Options({"--env-file", file, "--no-quota"}), env);
  ASSERT_TRUE(no_quota.ok());
  EXPECT_FALSE(no_quota->config.quota.enabled);
}

TEST(EngineSettingsTest, FlagsMapToTheirKeys) {
  auto s = BuildEngineSettings(Options({"--no-shadow", "--ml-blend", "--anomaly", "--no-merkle", "--quota",
                                        "--privacy-mode", "differential", "--redaction-policy=aggressive",
                                        "--requests-per-second", "250", "--storage-dir", "/tmp/s"}),
                               kNoEnvironment);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_FALSE(s->config.shadow.enabled);
  EXPECT_TRUE(s->config.blend.enabled);
  EXPECT_TRUE(s->config.anomaly.enabled);
  EXPECT_FALSE(s->config.audit.enabled);
  EXPECT_TRUE(s->config.quota.enabled);
  EXPECT_EQ(s->config.privacy.mode, PrivacyMode::kDifferential);
  EXPECT_EQ(s->config.privacy.redaction_policy, RedactionPolicy::kAggressive);
  EXPECT_EQ(s->config.quota.requests_per_second, 250);
  EXPECT_EQ(s->config.storage_dir, "/tmp/s");
}

TEST(EngineSettingsTest, InvalidFlagValueNamesFlagKeyAndValue) {
  auto s = BuildEngineSettings(Options({"--privacy-mode", "strict"}), kNoEnvironment);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("--privacy-mode"), std::string::npos) << s.status().message();
  EXPECT_NE(s.status().message().find("NETHICAL_PRIVACY_MODE=strict"), std::string::npos);
}

TEST(EngineSettingsTest, MissingEnvFileIsAnError) {
  auto s = BuildEngineSettings(Options({"--env-file", "/nonexistent.env"}), kNoEnvironment);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("/nonexistent.env"), std::string::npos);
}

TEST(EngineSettingsTest, TightBudgetConfigLoads) {
  auto s = BuildEngineSettings(Options({"--env-file", "tight_budget_config.env"}), kNoEnvironment);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->config.storage_dir, "/data/nethical");
  EXPECT_EQ(s->config.region_id, "us-east-1");
  EXPECT_TRUE(s->config.quota.enabled);
  EXPECT_EQ(s->config.quota.requests_per_second, 100);
  EXPECT_FALSE(s->notices.empty());  // OTel is switched on there but not available
  EXPECT_FALSE(s->key_values.empty());
}

}  // namespace
}  // namespace nethical::loadgen
