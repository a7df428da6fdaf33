// Hostile or huge configuration input is refused with one short line, after
// bounded work: env files are bounded in size and line length, values in
// length, durations so that their nanosecond conversions cannot overflow,
// and every echoed key or value goes through ShownValue.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/config/config_builder.h"
#include "engine/config/env_file.h"
#include "engine/config/key_table.h"
#include "tests/config/test_files.h"

namespace nethical {
namespace {

using ::nethical::testing::FakeEnvironment;
using ::nethical::testing::WriteTempFile;

const std::string kEscape = "\x1b[2J";
const std::string kHugeValue(size_t{1} << 20, 'v');  // 1 MB

// A message safe to print: one line, short, no terminal control byte.
void ExpectSafeOneLine(const std::string& message) {
  EXPECT_EQ(message.find('\n'), std::string::npos) << message.substr(0, 400);
  EXPECT_LT(message.size(), 400u) << message.substr(0, 400);
  EXPECT_EQ(message.find('\x1b'), std::string::npos) << message.substr(0, 400);
  EXPECT_FALSE(message.empty());
}

Status LoadEnvFileHolding(std::string_view name, std::string_view content) {
  ConfigBuilder b;
  return b.LoadEnvFile(WriteTempFile(name, content));
}

// --- Env file size and line length ------------------------------------------

TEST(EnvFileLimits, NeverEndingFileIsRefusedNamingFileAndLimit) {
  ConfigBuilder b;
  Status s = b.LoadEnvFile("/dev/zero");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "env file /dev/zero is longer than 1048576 bytes, the most an env file may hold");
}

TEST(EnvFileLimits, FileOfExactlyTheLimitIsRead) {
  std::string content = "NETHICAL_EPSILON=0.5\n";
  while (content.size() + 100 < kMaxEnvFileBytes) content += "#" + std::string(98, 'c') + "\n";
  content += "#" + std::string(kMaxEnvFileBytes - content.size() - 2, 'c') + "\n";
  ASSERT_EQ(content.size(), kMaxEnvFileBytes);
  EXPECT_TRUE(LoadEnvFileHolding("limit.env", content).ok());
}

TEST(EnvFileLimits, FileOneByteOverTheLimitIsRefused) {
  std::string content(kMaxEnvFileBytes + 1, '\n');
  Status s = LoadEnvFileHolding("over.env", content);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("is longer than 1048576 bytes"), std::string::npos) << s.message();
  ExpectSafeOneLine(s.message());
}

TEST(EnvFileLimits, LineLongerThanTheLimitIsRefusedNamingItsNumber) {
  std::string content = "# ok\nNETHICAL_REGION_ID=" + std::string(kMaxEnvFileLineBytes, 'x') + "\n";
  StatusOr<std::vector<EnvFileEntry>> entries = ParseEnvFile(content, "conf.env");
  ASSERT_FALSE(entries.ok());
  EXPECT_EQ(entries.status().message(),
            "conf.env:2: line is longer than 65536 bytes, the most an env file line may hold");
}

TEST(EnvFileLimits, LineOfExactlyTheLimitIsParsed) {
  std::string line = "A=" + std::string(kMaxEnvFileLineBytes - 2, 'x');
  StatusOr<std::vector<EnvFileEntry>> entries = ParseEnvFile(line, "conf.env");
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  EXPECT_EQ((*entries)[0].value.size(), kMaxEnvFileLineBytes - 2);
}

// --- Value length, in every layer -------------------------------------------

TEST(ValueLimits, ValueOfExactlyTheLimitIsAccepted) {
  ConfigBuilder b;
  EXPECT_TRUE(
      b.Set("NETHICAL_LOGICAL_DOMAIN", std::string(kMaxConfigValueBytes, 'd'), "--logical-domain").ok());
}

TEST(ValueLimits, LongerValueFromAFlagIsRefusedShownTruncated) {
  ConfigBuilder b;
  Status s = b.Set("NETHICAL_LOGICAL_DOMAIN", kHugeValue, "--logical-domain");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("--logical-domain: NETHICAL_LOGICAL_DOMAIN=vvvv"), std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("...(1048576 bytes): value is longer than 4096 bytes"), std::string::npos)
      << s.message();
  ExpectSafeOneLine(s.message());
}

TEST(ValueLimits, LongerValueFromTheEnvironmentIsRefused) {
  FakeEnvironment env({"NETHICAL_OTEL_SERVICE_NAME=" + std::string(50 << 10, 's')});
  ConfigBuilder b;
  Status s = b.LoadEnvironment(env.envp());
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("environment: NETHICAL_OTEL_SERVICE_NAME="), std::string::npos) << s.message();
  ExpectSafeOneLine(s.message());
}

TEST(ValueLimits, LongerValueFromAnEnvFileIsRefused) {
  Status s = LoadEnvFileHolding("long_value.env", "NETHICAL_STORAGE_DIR=" + std::string(5000, 'p') + "\n");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("value is longer than 4096 bytes"), std::string::npos) << s.message();
  ExpectSafeOneLine(s.message());
}

// --- Hostile values and keys are shown escaped and truncated -----------------

TEST(HostileInput, BadValueFromAFlagIsShownEscaped) {
  for (const std::string& value : {"1" + kEscape, kEscape + kHugeValue}) {
    ConfigBuilder b;
    Status s = b.Set("NETHICAL_EPSILON", value, "--epsilon");
    ASSERT_FALSE(s.ok());
    ExpectSafeOneLine(s.message());
  }
  ConfigBuilder b;
  EXPECT_EQ(b.Set("NETHICAL_EPSILON", "1" + kEscape, "--epsilon").message(),
            "--epsilon: NETHICAL_EPSILON=1\\x1b[2J: expected a number > 0");
}

TEST(HostileInput, UnknownKeyFromTheEnvironmentIsShownEscaped) {
  for (const std::string& key : {"NETHICAL_" + kEscape, "NETHICAL_" + kHugeValue + kEscape}) {
    FakeEnvironment env({key + "=" + kEscape + "x"});
    ConfigBuilder b;
    Status s = b.LoadEnvironment(env.envp());
    ASSERT_FALSE(s.ok());
    ExpectSafeOneLine(s.message());
  }
}

TEST(HostileInput, BadValueInAnEnvFileIsShownEscaped) {
  Status s = LoadEnvFileHolding("hostile_value.env", "NETHICAL_EPSILON=" + kEscape + "\n");
  ASSERT_FALSE(s.ok());
  ExpectSafeOneLine(s.message());
  EXPECT_NE(s.message().find("NETHICAL_EPSILON=\\x1b[2J: expected a number > 0"), std::string::npos)
      << s.message();
}

TEST(HostileInput, UnknownKeyInAnEnvFileIsShownEscaped) {
  for (const std::string& key : {"HOME" + std::string(3000, 'K'), "NETHICAL_X" + std::string(60000, 'K')}) {
    Status s = LoadEnvFileHolding("hostile_key.env", key + "=" + kEscape + "\n");
    ASSERT_FALSE(s.ok());
    ExpectSafeOneLine(s.message());
  }
}

TEST(HostileInput, MalformedEnvFileLineIsShownEscaped) {
  for (const std::string& line : {kEscape + "garbage", std::string(60000, 'g') + kEscape}) {
    StatusOr<std::vector<EnvFileEntry>> entries = ParseEnvFile(line + "\n", "conf.env");
    ASSERT_FALSE(entries.ok());
    ExpectSafeOneLine(entries.status().message());
  }
  StatusOr<std::vector<EnvFileEntry>> entries = ParseEnvFile(kEscape + "=1\n", "conf.env");
  ASSERT_FALSE(entries.ok());
  ExpectSafeOneLine(entries.status().message());
}

TEST(HostileInput, CrossKeyRuleErrorShowsFileValuesEscaped) {
  ConfigBuilder b;
  ASSERT_TRUE(b.Set("NETHICAL_SHADOW_MODEL_FILE", "/m" + kEscape, "--shadow-model-file").ok());
  ASSERT_TRUE(b.Set("NETHICAL_SHADOW_MODEL", "heuristic", "--shadow-model").ok());
  StatusOr<EngineConfig> c = b.Build();
  ASSERT_FALSE(c.ok());
  ExpectSafeOneLine(c.status().message());
}

// --- Durations ---------------------------------------------------------------

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
// A clock reading a stage may add a duration to: 100 years of nanoseconds.
constexpr int64_t kCenturyNanos = int64_t{100} * 365 * 86400 * 1'000'000'000;

// The upper end of a numeric key's range.
double MaxOf(std::string_view key) {
  const KeySpec& spec = *FindKeySpec(key);
  if (const auto* f = std::get_if<IntField>(&spec.field)) return f->range.max;
  return std::get<DoubleField>(spec.field).range.max;
}

// `value` units of `nanos_per_unit` each, added to a century-old clock
// reading, as the stages compute deadlines; false on int64 overflow.
bool DeadlineFits(double value, int64_t nanos_per_unit) {
  double nanos = value * static_cast<double>(nanos_per_unit);
  if (!(nanos < 9.2e18)) return false;
  int64_t deadline;
  return !__builtin_add_overflow(static_cast<int64_t>(nanos), kCenturyNanos, &deadline);
}

TEST(DurationLimits, EveryDurationKeyHasAFiniteUpperBound) {
  int durations = 0;
  for (const KeySpec& spec : KeyTable()) {
    std::string_view key = spec.key;
    for (std::string_view unit : {"_MS", "_SECONDS", "_HOURS", "_DAYS"}) {
      if (key.size() > unit.size() && key.substr(key.size() - unit.size()) == unit) {
        ++durations;
        EXPECT_TRUE(std::isfinite(MaxOf(key))) << key;
      }
    }
  }
  EXPECT_GE(durations, 7);
}

TEST(DurationLimits, MaximumMillisecondsConvertToNanosecondsWithoutOverflow) {
  const std::string key = "NETHICAL_MERKLE_FLUSH_MS";
  const int64_t max = static_cast<int64_t>(MaxOf(key));
  ConfigBuilder b;
  ASSERT_TRUE(b.Set(key, std::to_string(max), "--merkle-flush-ms").ok());
  StatusOr<EngineConfig> c = b.Build();
  ASSERT_TRUE(c.ok()) << c.status().message();
  int64_t nanos, deadline;
  // As the audit log computes it: flush_ms * 1'000'000 + a clock reading.
  ASSERT_FALSE(__builtin_mul_overflow(c->audit.flush_ms, int64_t{1'000'000}, &nanos));
  EXPECT_FALSE(__builtin_add_overflow(nanos, kCenturyNanos, &deadline));
  EXPECT_LT(max, kInt64Max / 1'000'000);
}

TEST(DurationLimits, MillisecondsAboveTheMaximumAreRefused) {
  const std::string key = "NETHICAL_MERKLE_FLUSH_MS";
  ConfigBuilder b;
  Status s = b.Set(key, std::to_string(static_cast<int64_t>(MaxOf(key)) + 1), "--merkle-flush-ms");
  EXPECT_EQ(
      s.message(),
      "--merkle-flush-ms: NETHICAL_MERKLE_FLUSH_MS=315360000001: expected an integer in [1, 315360000000]");
  // The value that made 60 tree heads per 1000 records.
  EXPECT_FALSE(b.Set(key, "9300000000000", "--merkle-flush-ms").ok());
}

TEST(DurationLimits, MaximumSecondsConvertToNanosecondsWithoutOverflow) {
  for (const KeySpec& spec : KeyTable()) {
    std::string_view key = spec.key;
    if (key.size() < 8 || key.substr(key.size() - 8) != "_SECONDS") continue;
    const double max = MaxOf(key);
    char text[64];
    std::snprintf(text, sizeof(text), "%.0f", max);
    ConfigBuilder b;
    ASSERT_TRUE(b.Set(key, text, "test").ok()) << key << "=" << text;
    if (key == "NETHICAL_ANOMALY_FREQUENCY_WINDOW_SECONDS") {
      // The baseline window must be longer than four short windows, so the
      // longest short window builds only with a baseline no key allows.
      EXPECT_FALSE(b.Build().ok()) << key;
    } else if (key == "NETHICAL_QUARANTINE_DURATION_SECONDS") {
      // A quarantine may not outlast the longest one allowed.
      ASSERT_TRUE(b.Set("NETHICAL_QUARANTINE_MAX_DURATION_SECONDS", text, "test").ok());
      ASSERT_TRUE(b.Build().ok()) << key;
    } else {
      ASSERT_TRUE(b.Build().ok()) << key;
    }
    EXPECT_TRUE(DeadlineFits(max, 1'000'000'000)) << key;
  }
}

TEST(DurationLimits, SecondsAboveTheMaximumAreRefused) {
  for (const KeySpec& spec : KeyTable()) {
    std::string_view key = spec.key;
    if (key.size() < 8 || key.substr(key.size() - 8) != "_SECONDS") continue;
    char text[64];
    std::snprintf(text, sizeof(text), "%.0f", MaxOf(key) + 1);
    ConfigBuilder b;
    Status s = b.Set(key, text, "test");
    ASSERT_FALSE(s.ok()) << key << "=" << text;
    EXPECT_TRUE(s.message().find("expected a number in") != std::string::npos ||
                s.message().find("expected an integer in") != std::string::npos)
        << s.message();
    ExpectSafeOneLine(s.message());
  }
}

TEST(DurationLimits, MaximumHoursConvertToNanosecondsWithoutOverflow) {
  const std::string key = "NETHICAL_RISK_HALF_LIFE_HOURS";
  ConfigBuilder b;
  ASSERT_TRUE(b.Set(key, "87600", "--risk-half-life-hours").ok());
  ASSERT_TRUE(b.Build().ok());
  EXPECT_EQ(MaxOf(key), 87600);
  EXPECT_TRUE(DeadlineFits(MaxOf(key), int64_t{3600} * 1'000'000'000));
}

TEST(DurationLimits, HoursAboveTheMaximumAreRefused) {
  ConfigBuilder b;
  EXPECT_EQ(b.Set("NETHICAL_RISK_HALF_LIFE_HOURS", "87601", "--risk-half-life-hours").message(),
            "--risk-half-life-hours: NETHICAL_RISK_HALF_LIFE_HOURS=87601: expected a number in (0, 87600]");
}

TEST(DurationLimits, QuotaIdleEvictionIsBoundedToWhatTheQuotaStageAccepts) {
  ConfigBuilder b;
  EXPECT_TRUE(b.Set("NETHICAL_QUOTA_IDLE_EVICTION_SECONDS", "100000000", "test").ok());
  EXPECT_EQ(b.Set("NETHICAL_QUOTA_IDLE_EVICTION_SECONDS", "100000001", "test").message(),
            "test: NETHICAL_QUOTA_IDLE_EVICTION_SECONDS=100000001: expected a number in (0, 100000000]");
}

}  // namespace
}  // namespace nethical
