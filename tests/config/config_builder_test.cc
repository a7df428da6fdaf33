#include "engine/config/config_builder.h"

#include <gtest/gtest.h>
#include <unistd.h>  // environ

#include <cstdlib>
#include <vector>

#include "tests/config/test_files.h"

namespace nethical {
namespace {

using ::nethical::testing::FakeEnvironment;
using ::nethical::testing::WriteTempFile;

EngineConfig BuildOrFail(const ConfigBuilder& b) {
  StatusOr<EngineConfig> c = b.Build();
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? *c : EngineConfig{};
}

std::string BuildError(const ConfigBuilder& b) {
  StatusOr<EngineConfig> c = b.Build();
  EXPECT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  return c.status().message();
}

// The error of loading an env file named `name` holding `content`.
std::string EnvFileError(std::string_view name, std::string_view content) {
  ConfigBuilder b;
  Status s = b.LoadEnvFile(WriteTempFile(name, content));
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  return s.message();
}

// `message` with the temp directory removed from file names in it.
std::string WithoutDir(std::string message) {
  const std::string dir = ::nethical::testing::TempDir() + "/";
  for (size_t at = message.find(dir); at != std::string::npos; at = message.find(dir))
    message.erase(at, dir.size());
  return message;
}

// --- Precedence ------------------------------------------------------------

TEST(ConfigBuilder, BuildsDefaultsWhenNothingIsLoaded) {
  ConfigBuilder b;
  EXPECT_EQ(ConfigAsKeyValues(BuildOrFail(b)), ConfigAsKeyValues(EngineConfig{}));
}

TEST(ConfigBuilder, EnvFileOverridesDefault) {
  ConfigBuilder b;
  ASSERT_TRUE(b.LoadEnvFile(WriteTempFile("a.env", "NETHICAL_EPSILON=0.5\n")).ok());
  EXPECT_EQ(BuildOrFail(b).privacy.epsilon, 0.5);
}

TEST(ConfigBuilder, EnvironmentOverridesEnvFile) {
  ConfigBuilder b;
  ASSERT_TRUE(b.LoadEnvFile(WriteTempFile("a.env", "NETHICAL_EPSILON=0.5\n")).ok());
  ASSERT_TRUE(b.LoadEnvironment(FakeEnvironment({"NETHICAL_EPSILON=0.25"}).envp()).ok());
  EXPECT_EQ(BuildOrFail(b).privacy.epsilon, 0.25);
}

TEST(ConfigBuilder, FlagOverridesEnvironment) {
  ConfigBuilder b;
  ASSERT_TRUE(b.LoadEnvironment(FakeEnvironment({"NETHICAL_EPSILON=0.25"}).envp()).ok());
  ASSERT_TRUE(b.Set("NETHICAL_EPSILON", "2", "--epsilon").ok());
  EXPECT_EQ(BuildOrFail(b).privacy.epsilon, 2.0);
}

TEST(ConfigBuilder, PrecedenceDoesNotDependOnCallOrder) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_EPSILON", "2", "--epsilon").ok());
  ASSERT_TRUE(
      b.LoadEnvironment(FakeEnvironment({"NETHICAL_EPSILON=0.25", "NETHICAL_DP_BUDGET=7"}).envp()).ok());
  ASSERT_TRUE(
      b.LoadEnvFile(
           WriteTempFile("a.env", "NETHICAL_EPSILON=0.5\nNETHICAL_DP_BUDGET=3\nNETHICAL_DP_DELTA=0.001\n"))
          .ok());
  EngineConfig c = BuildOrFail(b);
  EXPECT_EQ(c.privacy.epsilon, 2.0);         // flag
  EXPECT_EQ(c.privacy.epsilon_budget, 7.0);  // environment
  EXPECT_EQ(c.privacy.delta, 0.001);         // env file
}

TEST(ConfigBuilder, ProgramDefaultOverridesEngineDefault) {
  ConfigBuilder b;
  ASSERT_TRUE(b.SetDefault("NETHICAL_STORAGE_DIR", "./nethical_perf", "generate_load default").ok());
  EXPECT_EQ(BuildOrFail(b).storage_dir, "./nethical_perf");
}

TEST(ConfigBuilder, EnvFileOverridesProgramDefaultEvenWhenEqualToEngineDefault) {
  ConfigBuilder b;
  ASSERT_TRUE(b.LoadEnvFile(WriteTempFile("a.env", "NETHICAL_STORAGE_DIR=./nethical_data\n")).ok());
  ASSERT_TRUE(b.SetDefault("NETHICAL_STORAGE_DIR", "./nethical_perf", "generate_load default").ok());
  EXPECT_EQ(BuildOrFail(b).storage_dir, "./nethical_data");
}

TEST(ConfigBuilder, ProgramDefaultIsNamedInCrossKeyErrors) {
  ConfigBuilder b;
  ASSERT_TRUE(b.SetDefault("NETHICAL_ML_WEIGHT", "0.5", "generate_load default").ok());
  EXPECT_EQ(BuildError(b),
            "NETHICAL_RULE_WEIGHT=0.7 (default) + NETHICAL_ML_WEIGHT=0.5 (generate_load default) = 1.2: "
            "the blend weights must sum to 1 +- 0.01");
}

TEST(ConfigBuilder, ProgramDefaultIsValidatedLikeAnyValue) {
  ConfigBuilder b;
  EXPECT_EQ(b.SetDefault("NETHICAL_EPSILON", "0", "generate_load default").message(),
            "generate_load default: NETHICAL_EPSILON=0: expected a number > 0");
}

TEST(ConfigBuilder, LaterSettingInOneLayerWins) {
  ConfigBuilder b;
  ASSERT_TRUE(b.LoadEnvFile(WriteTempFile("a.env", "NETHICAL_EPSILON=0.5\nNETHICAL_EPSILON=0.75\n")).ok());
  ASSERT_TRUE(b.LoadEnvFile(WriteTempFile("b.env", "NETHICAL_DP_BUDGET=4\n")).ok());
  ASSERT_TRUE(b.LoadEnvFile(WriteTempFile("c.env", "NETHICAL_DP_BUDGET=5\n")).ok());
  EngineConfig c = BuildOrFail(b);
  EXPECT_EQ(c.privacy.epsilon, 0.75);
  EXPECT_EQ(c.privacy.epsilon_budget, 5.0);
}

TEST(ConfigBuilder, EnvironmentReadsOnlyNethicalVariables) {
  ConfigBuilder b;
  ASSERT_TRUE(
      b.LoadEnvironment(
           FakeEnvironment({"PATH=/usr/bin", "EPSILON=nonsense", "NETHICAL_REGION_ID=eu-west-1"}).envp())
          .ok());
  EXPECT_EQ(BuildOrFail(b).region_id, "eu-west-1");
}

TEST(ConfigBuilder, ReadsTheProcessEnvironment) {
  ASSERT_EQ(setenv("NETHICAL_LOGICAL_DOMAIN", "from-environ", 1), 0);
  ConfigBuilder b;
  Status s = b.LoadEnvironment(environ);
  unsetenv("NETHICAL_LOGICAL_DOMAIN");
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(BuildOrFail(b).logical_domain, "from-environ");
}

TEST(ConfigBuilder, EnvironmentVariableWithoutEqualsIsAnEmptyValue) {
  ConfigBuilder b;
  ASSERT_TRUE(b.LoadEnvironment(FakeEnvironment({"NETHICAL_REGION_ID"}).envp()).ok());
  EXPECT_EQ(BuildOrFail(b).region_id, "");
}

TEST(ConfigBuilder, FailedLoadRecordsNothingFromThatFile) {
  ConfigBuilder b;
  Status s = b.LoadEnvFile(WriteTempFile("a.env", "NETHICAL_EPSILON=0.5\nNETHICAL_DP_BUDGET=oops\n"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(BuildOrFail(b).privacy.epsilon, 1.0);
}

TEST(ConfigBuilder, FailedSetRecordsNothing) {
  ConfigBuilder b;
  ASSERT_FALSE(b.Set("NETHICAL_EPSILON", "0", "--epsilon").ok());
  EXPECT_EQ(BuildOrFail(b).privacy.epsilon, 1.0);
}

TEST(ConfigBuilder, EnvFileMayStartWithUtf8ByteOrderMark) {
  ConfigBuilder b;
  ASSERT_TRUE(b.LoadEnvFile(WriteTempFile("bom.env", "\xEF\xBB\xBFNETHICAL_REGION_ID=bom\n")).ok());
  EXPECT_EQ(BuildOrFail(b).region_id, "bom");
}

TEST(ConfigBuilder, ValuesAreCaseInsensitiveForBooleansAndEnums) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_ENABLE_QUOTA", "YES", "--quota").ok());
  ASSERT_TRUE(b.Set("NETHICAL_QUOTA_MODE", "Compat", "--quota-mode").ok());
  EngineConfig c = BuildOrFail(b);
  EXPECT_TRUE(c.quota.enabled);
  EXPECT_EQ(c.quota.mode, QuotaMode::kCompat);
}

// --- Errors on one value: origin, key, value, what is allowed --------------

TEST(ConfigBuilderErrors, BadNumberNamesFileLineKeyValueAndRange) {
  EXPECT_EQ(WithoutDir(EnvFileError("conf.env", "# x\nNETHICAL_EPSILON=abc\n")),
            "conf.env:2: NETHICAL_EPSILON=abc: expected a number > 0");
}

TEST(ConfigBuilderErrors, BadBooleanListsAcceptedSpellings) {
  EXPECT_EQ(WithoutDir(EnvFileError("conf.env", "NETHICAL_ENABLE_QUOTA=maybe\n")),
            "conf.env:1: NETHICAL_ENABLE_QUOTA=maybe: expected a boolean: true/false, 1/0, yes/no or on/off");
}

TEST(ConfigBuilderErrors, BadEnumListsAllowedNames) {
  EXPECT_EQ(WithoutDir(EnvFileError("conf.env", "NETHICAL_QUOTA_MODE=leaky\n")),
            "conf.env:1: NETHICAL_QUOTA_MODE=leaky: expected one of token_bucket|compat");
}

TEST(ConfigBuilderErrors, ZeroEpsilonIsOutOfRange) {
  EXPECT_EQ(WithoutDir(EnvFileError("conf.env", "NETHICAL_EPSILON=0\n")),
            "conf.env:1: NETHICAL_EPSILON=0: expected a number > 0");
}

TEST(ConfigBuilderErrors, BatchSizeBelowOneIsOutOfRange) {
  EXPECT_EQ(WithoutDir(EnvFileError("conf.env", "NETHICAL_MERKLE_BATCH_SIZE=0\n")),
            "conf.env:1: NETHICAL_MERKLE_BATCH_SIZE=0: expected an integer >= 1");
}

TEST(ConfigBuilderErrors, FractionalIntegerIsRejected) {
  EXPECT_EQ(WithoutDir(EnvFileError("conf.env", "NETHICAL_MERKLE_BATCH_SIZE=1.5\n")),
            "conf.env:1: NETHICAL_MERKLE_BATCH_SIZE=1.5: expected an integer >= 1");
}

TEST(ConfigBuilderErrors, OpenIntervalNamesBothBounds) {
  EXPECT_EQ(WithoutDir(EnvFileError("conf.env", "NETHICAL_DP_DELTA=1\n")),
            "conf.env:1: NETHICAL_DP_DELTA=1: expected a number in (0, 1)");
}

TEST(ConfigBuilderErrors, EmptyStorageDirIsRejected) {
  EXPECT_EQ(WithoutDir(EnvFileError("conf.env", "NETHICAL_STORAGE_DIR=\n")),
            "conf.env:1: NETHICAL_STORAGE_DIR=: expected a non-empty value");
}

TEST(ConfigBuilderErrors, UnknownKeySuggestsNearestKey) {
  EXPECT_EQ(WithoutDir(EnvFileError("conf.env", "NETHICAL_EPSILO=1.0\n")),
            "conf.env:1: NETHICAL_EPSILO=1.0: unknown key; did you mean NETHICAL_EPSILON?");
}

TEST(ConfigBuilderErrors, UnknownKeyFarFromEveryKeyHasNoSuggestion) {
  EXPECT_EQ(WithoutDir(EnvFileError("conf.env", "NETHICAL_WIBBLE_WOBBLE=1\n")),
            "conf.env:1: NETHICAL_WIBBLE_WOBBLE=1: unknown key");
}

TEST(ConfigBuilderErrors, NonNethicalKeyInEnvFileIsRejected) {
  EXPECT_EQ(WithoutDir(EnvFileError("conf.env", "HOME=/root\n")),
            "conf.env:1: HOME=/root: not a NETHICAL_* key");
}

TEST(ConfigBuilderErrors, LowercaseKeySuggestsTheKeyItSpells) {
  EXPECT_EQ(WithoutDir(EnvFileError("conf.env", "nethical_epsilon=1\n")),
            "conf.env:1: nethical_epsilon=1: not a NETHICAL_* key; did you mean NETHICAL_EPSILON?");
}

TEST(ConfigBuilderErrors, MalformedLineNamesFileAndLine) {
  EXPECT_EQ(WithoutDir(EnvFileError("conf.env", "NETHICAL_EPSILON=1\ngarbage\n")),
            "conf.env:2: expected KEY=VALUE, got 'garbage'");
}

TEST(ConfigBuilderErrors, UnknownNethicalVariableInEnvironmentSuggests) {
  ConfigBuilder b;
  Status s = b.LoadEnvironment(FakeEnvironment({"NETHICAL_EPSILONN=1"}).envp());
  EXPECT_EQ(s.message(), "environment: NETHICAL_EPSILONN=1: unknown key; did you mean NETHICAL_EPSILON?");
}

TEST(ConfigBuilderErrors, BadEnvironmentValueNamesEnvironment) {
  ConfigBuilder b;
  Status s = b.LoadEnvironment(FakeEnvironment({"NETHICAL_ENABLE_MERKLE=2"}).envp());
  EXPECT_EQ(s.message(),
            "environment: NETHICAL_ENABLE_MERKLE=2: expected a boolean: true/false, 1/0, yes/no or on/off");
}

TEST(ConfigBuilderErrors, FlagErrorNamesTheFlag) {
  ConfigBuilder b;
  Status s = b.Set("NETHICAL_EPSILON", "-1", "--epsilon");
  EXPECT_EQ(s.message(), "--epsilon: NETHICAL_EPSILON=-1: expected a number > 0");
}

TEST(ConfigBuilderErrors, UnknownFlagKeySuggests) {
  ConfigBuilder b;
  Status s = b.Set("NETHICAL_ENABLE_SHADOW", "false", "--no-shadow");
  EXPECT_EQ(
      s.message(),
      "--no-shadow: NETHICAL_ENABLE_SHADOW=false: unknown key; did you mean NETHICAL_ENABLE_SHADOW_MODE?");
}

TEST(ConfigBuilderErrors, SecretValueIsNeverEchoed) {
  ConfigBuilder b;
  Status s = b.Set("NETHICAL_TOKEN_KEY", "hunter2", "--token-key");
  EXPECT_EQ(s.message(),
            "--token-key: NETHICAL_TOKEN_KEY=<redacted>: expected an even number of hex digits, at least 32");
}

TEST(ConfigBuilderErrors, MisspeltSecretKeyDoesNotEchoTheSecret) {
  ConfigBuilder b;
  Status s =
      b.LoadEnvironment(FakeEnvironment({"NETHICAL_TOKEN_KYE=00112233445566778899aabbccddeeff"}).envp());
  EXPECT_EQ(s.message(),
            "environment: NETHICAL_TOKEN_KYE=<redacted>: unknown key; did you mean NETHICAL_TOKEN_KEY?");
}

TEST(ConfigBuilderErrors, MissingEnvFileIsNotFound) {
  ConfigBuilder b;
  Status s = b.LoadEnvFile("/nonexistent/dir/none.env");
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(s.message(), "cannot read env file /nonexistent/dir/none.env: No such file or directory");
}

TEST(ConfigBuilderErrors, DirectoryAsEnvFileIsAnIoError) {
  ConfigBuilder b;
  Status s = b.LoadEnvFile(::nethical::testing::TempDir());
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_EQ(s.message(), "cannot read env file " + ::nethical::testing::TempDir() + ": Is a directory");
}

// --- Rules between keys, checked by Build() --------------------------------

TEST(ConfigBuilderRules, BlendWeightsMustSumToOne) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_RULE_WEIGHT", "0.8", "--rule-weight").ok());
  EXPECT_EQ(BuildError(b),
            "NETHICAL_RULE_WEIGHT=0.8 (--rule-weight) + NETHICAL_ML_WEIGHT=0.3 (default) = 1.1: "
            "the blend weights must sum to 1 +- 0.01");
}

TEST(ConfigBuilderRules, BlendWeightsWithinToleranceAreAccepted) {
  for (const char* rule : {"0.71", "0.69", "0.705"}) {
    ConfigBuilder b;
    ASSERT_TRUE(b.Set("NETHICAL_RULE_WEIGHT", rule, "--rule-weight").ok());
    EXPECT_TRUE(b.Build().ok()) << rule;
  }
}

TEST(ConfigBuilderRules, BlendWeightsJustOutsideToleranceAreRejected) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_RULE_WEIGHT", "0.7101", "--rule-weight").ok());
  EXPECT_FALSE(b.Build().ok());
}

TEST(ConfigBuilderRules, GrayZoneLowerMustBeBelowUpper) {
  ConfigBuilder b;
  ASSERT_TRUE(b.LoadEnvironment(FakeEnvironment({"NETHICAL_GRAY_ZONE_LOWER=0.6"}).envp()).ok());
  EXPECT_EQ(BuildError(b),
            "NETHICAL_GRAY_ZONE_LOWER=0.6 (environment) must be < NETHICAL_GRAY_ZONE_UPPER=0.6 (default): "
            "the gray zone must not be empty");
}

TEST(ConfigBuilderRules, RiskThresholdsMustIncrease) {
  ConfigBuilder b;
  ASSERT_TRUE(b.LoadEnvFile(WriteTempFile("risk.env", "\nNETHICAL_RISK_HIGH_THRESHOLD=0.8\n")).ok());
  EXPECT_EQ(WithoutDir(BuildError(b)),
            "NETHICAL_RISK_HIGH_THRESHOLD=0.8 (risk.env:2) must be < NETHICAL_RISK_ELEVATED_THRESHOLD=0.75 "
            "(default): "
            "risk tier thresholds must increase");
}

TEST(ConfigBuilderRules, NormalRiskThresholdMustBeBelowHigh) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_RISK_NORMAL_THRESHOLD", "0.5", "--normal").ok());
  EXPECT_EQ(
      BuildError(b),
      "NETHICAL_RISK_NORMAL_THRESHOLD=0.5 (--normal) must be < NETHICAL_RISK_HIGH_THRESHOLD=0.5 (default): "
      "risk tier thresholds must increase");
}

TEST(ConfigBuilderRules, RaisingAllThresholdsTogetherIsAccepted) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_RISK_HIGH_THRESHOLD", "0.8", "f").ok());
  ASSERT_TRUE(b.Set("NETHICAL_RISK_ELEVATED_THRESHOLD", "0.9", "f").ok());
  EngineConfig c = BuildOrFail(b);
  EXPECT_EQ(c.risk.high_threshold, 0.8);
  EXPECT_EQ(c.risk.elevated_threshold, 0.9);
}

TEST(ConfigBuilderRules, QuotaThrottleMustBeBelowBlock) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_QUOTA_THROTTLE_THRESHOLD", "1", "--throttle").ok());
  EXPECT_EQ(BuildError(b),
            "NETHICAL_QUOTA_THROTTLE_THRESHOLD=1 (--throttle) must be < NETHICAL_QUOTA_BLOCK_THRESHOLD=0.95 "
            "(default): "
            "quota use must reach throttling before blocking");
}

TEST(ConfigBuilderRules, TokenKeyAndKeyFileAreExclusive) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_TOKEN_KEY", std::string(32, 'a'), "--token-key").ok());
  ASSERT_TRUE(b.Set("NETHICAL_TOKEN_KEY_FILE", "/k", "--token-key-file").ok());
  EXPECT_EQ(BuildError(b),
            "NETHICAL_TOKEN_KEY=<set> (--token-key) and NETHICAL_TOKEN_KEY_FILE=/k (--token-key-file): "
            "set only one source of the token key");
}

TEST(ConfigBuilderRules, BlendingTheShadowScoreNeedsShadowMode) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_ENABLE_ML_BLENDING", "true", "--ml-blend").ok());
  ASSERT_TRUE(b.Set("NETHICAL_BLEND_SOURCE", "shadow", "--blend-source").ok());
  ASSERT_TRUE(b.Set("NETHICAL_ENABLE_SHADOW_MODE", "false", "--no-shadow").ok());
  EXPECT_EQ(BuildError(b),
            "NETHICAL_BLEND_SOURCE=shadow (--blend-source) needs the shadow model, but "
            "NETHICAL_ENABLE_SHADOW_MODE=false (--no-shadow)");
}

TEST(ConfigBuilderRules, LogisticShadowModelWithoutAFileUsesTheBuiltInWeights) {
  ConfigBuilder b;
  StatusOr<EngineConfig> c = b.Build();
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->shadow.model, ShadowModel::kLogistic);
  EXPECT_EQ(c->shadow.model_file, "");
}

TEST(ConfigBuilderRules, ShadowModelFileIsOnlyForTheLogisticModel) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_SHADOW_MODEL_FILE", "/m.json", "--shadow-model-file").ok());
  ASSERT_TRUE(b.Set("NETHICAL_SHADOW_MODEL", "heuristic", "--shadow-model").ok());
  EXPECT_EQ(
      BuildError(b),
      "NETHICAL_SHADOW_MODEL_FILE=/m.json (--shadow-model-file) is only read by the logistic model, but "
      "NETHICAL_SHADOW_MODEL=heuristic (--shadow-model)");
}

TEST(ConfigBuilderRules, ShadowModelRulesApplyOnlyWhenShadowModeIsOn) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_SHADOW_MODEL", "heuristic", "--shadow-model").ok());
  ASSERT_TRUE(b.Set("NETHICAL_SHADOW_MODEL_FILE", "/m.json", "--shadow-model-file").ok());
  ASSERT_TRUE(b.Set("NETHICAL_ENABLE_SHADOW_MODE", "false", "--no-shadow").ok());
  EXPECT_TRUE(b.Build().ok());
}

// --- Notices ---------------------------------------------------------------

TEST(ConfigBuilderNotices, NoneWithPrivacyStandard) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_PRIVACY_MODE", "standard", "--privacy-mode").ok());
  ASSERT_TRUE(b.Build().ok());
  EXPECT_TRUE(b.Notices().empty());
}

// The default (privacy mode none, audit log on) stores texts verbatim, PII
// included: said once at start.
TEST(ConfigBuilderNotices, PrivacyModeNoneWithAuditLogSaysTextsAreStoredVerbatim) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Build().ok());
  EXPECT_EQ(b.Notices(), (std::vector<std::string>{
                             "NETHICAL_PRIVACY_MODE=none: PII is detected but not redacted; the audit "
                             "log stores action texts verbatim (set standard or differential to "
                             "redact them)"}));
  ASSERT_TRUE(b.Set("NETHICAL_ENABLE_MERKLE", "false", "--no-audit").ok());
  EXPECT_TRUE(b.Notices().empty());
}

TEST(ConfigBuilderNotices, OnePerEnabledUnavailableFeature) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_PRIVACY_MODE", "standard", "--privacy-mode").ok());
  ASSERT_TRUE(b.Set("NETHICAL_ENABLE_OTEL", "true", "--otel").ok());
  ASSERT_TRUE(b.Set("NETHICAL_AUTO_ESCALATE_ON_BLOCK", "on", "--escalate").ok());
  ASSERT_TRUE(b.Build().ok());
  EXPECT_EQ(b.Notices(), (std::vector<std::string>{
                             "NETHICAL_ENABLE_OTEL=true: OpenTelemetry export is not available yet; "
                             "nothing is exported",
                             "NETHICAL_AUTO_ESCALATE_ON_BLOCK=true: auto-escalation is not available yet; "
                             "blocked actions are not escalated",
                         }));
}

TEST(ConfigBuilderNotices, DisabledFeatureGivesNoNotice) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_PRIVACY_MODE", "standard", "--privacy-mode").ok());
  ASSERT_TRUE(b.Set("NETHICAL_ENABLE_QUARANTINE", "false", "--no-quarantine").ok());
  ASSERT_TRUE(b.Build().ok());
  EXPECT_TRUE(b.Notices().empty());
}

TEST(ConfigBuilderNotices, SettingsOfAnUnavailableFeatureAloneGiveNoNotice) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_PRIVACY_MODE", "standard", "--privacy-mode").ok());
  ASSERT_TRUE(b.Set("NETHICAL_OTEL_EXPORTER", "otlp", "--otel-exporter").ok());
  ASSERT_TRUE(b.Build().ok());
  EXPECT_TRUE(b.Notices().empty());
}

}  // namespace
}  // namespace nethical
