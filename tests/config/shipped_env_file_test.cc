// The tight_budget_config.env shipped at the repository root loads, yields the
// original's values, and its commented tuning keys are valid when uncommented.
#include <gtest/gtest.h>

#include <sstream>

#include "engine/config/config_builder.h"
#include "tests/config/test_files.h"

namespace nethical {
namespace {

const std::string& ShippedPath() {
  static const std::string path = testing::RunfilePath("tight_budget_config.env");
  return path;
}

EngineConfig LoadOrFail(const std::string& path, ConfigBuilder& b) {
  Status s = b.LoadEnvFile(path);
  EXPECT_TRUE(s.ok()) << s.message();
  StatusOr<EngineConfig> c = b.Build();
  EXPECT_TRUE(c.ok()) << c.status().message();
  return c.ok() ? *c : EngineConfig{};
}

TEST(ShippedEnvFile, LoadsWithTheOriginalsValues) {
  ConfigBuilder b;
  EngineConfig c = LoadOrFail(ShippedPath(), b);
  EXPECT_EQ(c.storage_dir, "/data/nethical");
  EXPECT_EQ(c.region_id, "us-east-1");
  EXPECT_EQ(c.logical_domain, "default");
  EXPECT_TRUE(c.quota.enabled);
  EXPECT_EQ(c.quota.requests_per_second, 100.0);
  EXPECT_EQ(c.quota.max_payload_bytes, 1'000'000);
  EXPECT_TRUE(c.unavailable.otel);
  EXPECT_EQ(c.unavailable.otel_exporter, "otlp");
  EXPECT_EQ(c.unavailable.otel_endpoint, "http://127.0.0.1:4318");
  EXPECT_EQ(c.unavailable.otel_service_name, "nethical");
  EXPECT_EQ(c.privacy.mode, PrivacyMode::kStandard);
  EXPECT_EQ(c.privacy.epsilon, 1.0);
  EXPECT_EQ(c.privacy.redaction_policy, RedactionPolicy::kStandard);
  EXPECT_TRUE(c.audit.enabled);
  EXPECT_FALSE(c.quarantine.enabled);
  EXPECT_TRUE(c.taxonomy.enabled);
  EXPECT_TRUE(c.sla.enabled);
  EXPECT_TRUE(c.shadow.enabled);
  EXPECT_FALSE(c.blend.enabled);
  EXPECT_FALSE(c.anomaly.enabled);
}

TEST(ShippedEnvFile, LeavesTuningKeysAtTheirDefaults) {
  ConfigBuilder b;
  EngineConfig c = LoadOrFail(ShippedPath(), b);
  EngineConfig defaults;
  EXPECT_EQ(c.risk.decay_rate, defaults.risk.decay_rate);
  EXPECT_EQ(c.risk.high_threshold, defaults.risk.high_threshold);
  EXPECT_EQ(c.blend.rule_weight, defaults.blend.rule_weight);
  EXPECT_EQ(c.anomaly.psi_threshold, defaults.anomaly.psi_threshold);
}

TEST(ShippedEnvFile, NoticesTheOneUnavailableFeatureItEnables) {
  ConfigBuilder b;
  LoadOrFail(ShippedPath(), b);
  EXPECT_EQ(b.Notices(),
            (std::vector<std::string>{
                "NETHICAL_ENABLE_OTEL=true: OpenTelemetry export is not available yet; nothing is exported",
            }));
}

TEST(ShippedEnvFile, CommentedTuningKeysAreValidWhenUncommented) {
  std::istringstream in(testing::ReadFileOrFail(ShippedPath()));
  std::string uncommented;
  int tuning_lines = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# NETHICAL_", 0) == 0) {
      line = line.substr(2);
      ++tuning_lines;
    }
    uncommented += line + "\n";
  }
  EXPECT_EQ(tuning_lines, 9);

  ConfigBuilder b;
  EngineConfig c = LoadOrFail(testing::WriteTempFile("uncommented.env", uncommented), b);
  EXPECT_EQ(c.risk.decay_rate, 0.95);
  EXPECT_EQ(c.risk.high_threshold, 0.7);
  EXPECT_EQ(c.blend.rule_weight, 0.7);
  EXPECT_EQ(c.blend.ml_weight, 0.3);
  EXPECT_EQ(c.anomaly.sequence_threshold, 0.7);
  EXPECT_EQ(c.anomaly.drift_threshold, 0.3);
  EXPECT_EQ(c.anomaly.psi_threshold, 0.2);
  EXPECT_FALSE(c.unavailable.auto_escalate_on_block);
  EXPECT_FALSE(c.unavailable.auto_escalate_on_low_confidence);
}

}  // namespace
}  // namespace nethical
