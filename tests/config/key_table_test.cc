// Keeps the key table honest: every key the EngineConfig header names exists,
// every key round-trips through Set -> Build -> ConfigAsKeyValues, and the
// generated texts (--help, reports) agree with the struct's defaults.
#include "engine/config/key_table.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <regex>
#include <set>

#include "engine/config/config_builder.h"
#include "tests/config/test_files.h"

namespace nethical {
namespace {

std::set<std::string> TableKeys() {
  std::set<std::string> keys;
  for (const KeyInfo& k : AllConfigKeys()) keys.insert(std::string(k.key));
  return keys;
}

std::string ValueOf(const EngineConfig& c, std::string_view key) {
  for (const auto& [k, v] : ConfigAsKeyValues(c)) {
    if (k == key) return v;
  }
  ADD_FAILURE() << "no key " << key << " in ConfigAsKeyValues";
  return "";
}

TEST(KeyTable, HasEveryKeyNamedInEngineConfigHeaderAndNoOther) {
  std::string header = testing::ReadFileOrFail(testing::RunfilePath("engine/config/engine_config.h"));
  std::set<std::string> named;
  std::regex key_pattern("NETHICAL_[A-Z0-9_]*[A-Z0-9]");
  for (auto it = std::sregex_iterator(header.begin(), header.end(), key_pattern);
       it != std::sregex_iterator(); ++it) {
    named.insert(it->str());
  }
  ASSERT_GT(named.size(), 50u) << "the header's key comments were not found";
  EXPECT_EQ(TableKeys(), named);
}

TEST(KeyTable, KeysAreUniqueAndPrefixed) {
  std::set<std::string> seen;
  for (const KeyInfo& k : AllConfigKeys()) {
    EXPECT_TRUE(seen.insert(std::string(k.key)).second) << "duplicate " << k.key;
    EXPECT_EQ(k.key.substr(0, 9), "NETHICAL_") << k.key;
  }
}

TEST(KeyTable, EveryKeyHasOneLineHelpAndAllowedValues) {
  for (const KeyInfo& k : AllConfigKeys()) {
    EXPECT_FALSE(k.help.empty()) << k.key;
    EXPECT_EQ(k.help.find('\n'), std::string_view::npos) << k.key;
    EXPECT_FALSE(k.allowed.empty()) << k.key;
    EXPECT_FALSE(k.kind.empty()) << k.key;
  }
}

TEST(KeyTable, DocumentedDefaultsAreTheStructDefaults) {
  auto values = ConfigAsKeyValues(EngineConfig{});
  const std::vector<KeyInfo>& keys = AllConfigKeys();
  ASSERT_EQ(values.size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ(values[i].first, keys[i].key);
    EXPECT_EQ(values[i].second, keys[i].default_value) << keys[i].key;
  }
}

TEST(KeyTable, EveryDefaultIsAcceptedByItsOwnKey) {
  ConfigBuilder b;
  for (const KeyInfo& k : AllConfigKeys()) {
    if (k.kind == "secret") continue;  // "" (unset) is the default; there is nothing to set
    EXPECT_TRUE(b.Set(k.key, k.default_value, "test").ok()) << k.key << "=" << k.default_value;
  }
  StatusOr<EngineConfig> c = b.Build();
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(ConfigAsKeyValues(*c), ConfigAsKeyValues(EngineConfig{}));
}

// A non-default value for every key, written as ConfigAsKeyValues reports it,
// plus the other keys that must change with it to satisfy the cross-key rules.
struct Sample {
  std::string value;
  std::string reported;  // what ConfigAsKeyValues shows
  std::map<std::string, std::string> companions = {};
};

const std::map<std::string, Sample>& Samples() {
  static const auto* samples = new std::map<std::string, Sample>{
      {"NETHICAL_STORAGE_DIR", {"/srv/n", "/srv/n"}},
      {"NETHICAL_REGION_ID", {"eu-west-1", "eu-west-1"}},
      {"NETHICAL_LOGICAL_DOMAIN", {"payments", "payments"}},
      {"NETHICAL_MAX_AGENTS", {"5000", "5000"}},
      {"NETHICAL_AGENT_IDLE_SECONDS", {"120.5", "120.5"}},
      {"NETHICAL_ENABLE_QUOTA", {"on", "true"}},
      {"NETHICAL_QUOTA_MODE", {"compat", "compat"}},
      {"NETHICAL_REQUESTS_PER_SECOND", {"250.5", "250.5"}},
      {"NETHICAL_QUOTA_BURST_SIZE", {"40", "40"}},
      {"NETHICAL_QUOTA_GLOBAL_RPS", {"1000", "1000"}},
      {"NETHICAL_MAX_PAYLOAD_BYTES", {"2048", "2048"}},
      {"NETHICAL_QUOTA_THROTTLE_THRESHOLD", {"0.7", "0.7"}},
      {"NETHICAL_QUOTA_BLOCK_THRESHOLD", {"0.9", "0.9"}},
      {"NETHICAL_QUOTA_COHORT_ISOLATION", {"off", "false"}},
      {"NETHICAL_QUOTA_TENANT_ISOLATION", {"0", "false"}},
      {"NETHICAL_QUOTA_IDLE_EVICTION_SECONDS", {"60", "60"}},
      {"NETHICAL_SHARED_STATE",
       {"redis://10.0.0.5:6379/2", "redis://10.0.0.5:6379/2", {{"NETHICAL_QUOTA_MODE", "token_bucket"}}}},
      {"NETHICAL_SHARED_STATE_FAILURE", {"closed", "closed"}},
      {"NETHICAL_SHARED_STATE_TIMEOUT_MS", {"200", "200"}},
      {"NETHICAL_SHARED_STATE_USER", {"loader", "loader", {{"NETHICAL_SHARED_STATE_PASSWORD", "pw"}}}},
      {"NETHICAL_SHARED_STATE_PASSWORD", {"s3cret!", "<set>"}},
      {"NETHICAL_SHARED_STATE_LEASE", {"16", "16"}},
      {"NETHICAL_PRIVACY_MODE", {"differential", "differential"}},
      {"NETHICAL_EPSILON", {"0.5", "0.5"}},
      {"NETHICAL_DP_DELTA", {"1e-06", "1e-06"}},
      {"NETHICAL_DP_BUDGET", {"5", "5"}},
      {"NETHICAL_DP_DELTA_BUDGET", {"0.01", "0.01"}},
      {"NETHICAL_REDACTION_POLICY", {"aggressive", "aggressive"}},
      {"NETHICAL_REDACTION_MODE", {"token", "token"}},
      {"NETHICAL_REDACTION_MIN_CONFIDENCE", {"0.8", "0.8"}},
      {"NETHICAL_TOKEN_KEY_FILE", {"/etc/nethical/token.key", "/etc/nethical/token.key"}},
      {"NETHICAL_TOKEN_KEY", {"00112233445566778899aabbccddeeff", "<set>"}},
      {"NETHICAL_ENABLE_DETECTORS", {"false", "false"}},
      {"NETHICAL_JUDGMENT_CACHE", {"no", "false"}},
      {"NETHICAL_JUDGMENT_CACHE_SIZE", {"500", "500"}},
      {"NETHICAL_JUDGMENT_CACHE_TTL_SECONDS", {"60", "60"}},
      {"NETHICAL_DETECT_SIZE_GUARD_BYTES", {"1000", "1000"}},
      {"NETHICAL_RISK_HALF_LIFE_HOURS", {"12", "12"}},
      {"NETHICAL_RISK_DECAY_RATE", {"0.95", "0.95"}},
      {"NETHICAL_RISK_NORMAL_THRESHOLD", {"0.2", "0.2"}},
      {"NETHICAL_RISK_HIGH_THRESHOLD", {"0.7", "0.7"}},
      {"NETHICAL_RISK_ELEVATED_THRESHOLD", {"0.8", "0.8"}},
      {"NETHICAL_SHARED_RISK", {"yes", "true", {{"NETHICAL_SHARED_STATE", "redis://10.0.0.5:6379"}}}},
      {"NETHICAL_ENABLE_SHADOW_MODE", {"FALSE", "false"}},
      {"NETHICAL_SHADOW_MODEL", {"heuristic", "heuristic"}},
      {"NETHICAL_SHADOW_MODEL_FILE", {"/m.json", "/m.json", {{"NETHICAL_SHADOW_MODEL", "logistic"}}}},
      {"NETHICAL_SHADOW_SCORE_THRESHOLD", {"0.2", "0.2"}},
      {"NETHICAL_SHADOW_LOG", {"false", "false"}},
      {"NETHICAL_SHADOW_LOG_MAX_BYTES", {"1024", "1024"}},
      {"NETHICAL_ENABLE_ML_BLENDING", {"true", "true"}},
      {"NETHICAL_GRAY_ZONE_LOWER", {"0.3", "0.3"}},
      {"NETHICAL_GRAY_ZONE_UPPER", {"0.7", "0.7"}},
      {"NETHICAL_RULE_WEIGHT", {"0.6", "0.6", {{"NETHICAL_ML_WEIGHT", "0.4"}}}},
      {"NETHICAL_ML_WEIGHT", {"0.5", "0.5", {{"NETHICAL_RULE_WEIGHT", "0.5"}}}},
      {"NETHICAL_BLEND_SOURCE", {"shadow", "shadow"}},
      {"NETHICAL_BLEND_LOG", {"off", "false"}},
      {"NETHICAL_BLEND_LOG_MAX_BYTES", {"2048", "2048"}},
      {"NETHICAL_ENABLE_ANOMALY_DETECTION", {"yes", "true"}},
      {"NETHICAL_ANOMALY_SEQUENCE_THRESHOLD", {"0.8", "0.8"}},
      {"NETHICAL_ANOMALY_DRIFT_THRESHOLD", {"0.4", "0.4"}},
      {"NETHICAL_PSI_THRESHOLD", {"0.25", "0.25"}},
      {"NETHICAL_ANOMALY_FREQUENCY_THRESHOLD", {"50", "50"}},
      {"NETHICAL_ANOMALY_FREQUENCY_WINDOW_SECONDS", {"30", "30"}},
      {"NETHICAL_ANOMALY_FREQUENCY_RATIO", {"2.5", "2.5"}},
      {"NETHICAL_ANOMALY_FREQUENCY_BASELINE_SECONDS", {"900", "900"}},
      {"NETHICAL_ANOMALY_WARMUP_ACTIONS", {"5", "5"}},
      {"NETHICAL_ANOMALY_DRIFT_WARMUP_ACTIONS", {"3000", "3000"}},
      {"NETHICAL_ANOMALY_COOLDOWN_SECONDS", {"0", "0"}},
      {"NETHICAL_ANOMALY_DRIFT_BASELINE_SIZE", {"200", "200"}},
      {"NETHICAL_ANOMALY_DRIFT_BASELINE_FILE", {"/b.json", "/b.json"}},
      {"NETHICAL_ANOMALY_ENFORCE", {"true", "true"}},
      {"NETHICAL_ANOMALY_LOG", {"0", "false"}},
      {"NETHICAL_ANOMALY_LOG_MAX_BYTES", {"4096", "4096"}},
      {"NETHICAL_ENABLE_MERKLE", {"false", "false"}},
      {"NETHICAL_MERKLE_BATCH_SIZE", {"10", "10"}},
      {"NETHICAL_MERKLE_FLUSH_MS", {"100", "100"}},
      {"NETHICAL_AUDIT_DURABILITY", {"always", "always"}},
      {"NETHICAL_AUDIT_SEGMENT_BYTES", {"4096", "4096"}},
      {"NETHICAL_AUDIT_SYNC_INTERVAL_MS", {"0", "0"}},
      {"NETHICAL_ENABLE_OTEL", {"true", "true"}},
      {"NETHICAL_OTEL_EXPORTER", {"console", "console"}},
      {"NETHICAL_OTEL_EXPORTER_OTLP_ENDPOINT", {"http://c:4318", "http://c:4318"}},
      {"NETHICAL_OTEL_SERVICE_NAME", {"svc", "svc"}},
      {"NETHICAL_ENABLE_QUARANTINE", {"false", "false"}},
      {"NETHICAL_QUARANTINE_ENFORCE", {"true", "true"}},
      {"NETHICAL_QUARANTINE_ON_CRITICAL_ANOMALY",
       {"true", "true", {{"NETHICAL_ENABLE_ANOMALY_DETECTION", "true"}}}},
      {"NETHICAL_QUARANTINE_ON_TERMINATE", {"true", "true"}},
      {"NETHICAL_SHARED_QUARANTINE", {"on", "true", {{"NETHICAL_SHARED_STATE", "redis://10.0.0.5:6379"}}}},
      {"NETHICAL_QUARANTINE_DURATION_SECONDS", {"3600", "3600"}},
      {"NETHICAL_QUARANTINE_MAX_DURATION_SECONDS", {"86400", "86400"}},
      {"NETHICAL_QUARANTINE_MAX_ENTRIES", {"500", "500"}},
      {"NETHICAL_ENABLE_ETHICAL_TAXONOMY", {"false", "false"}},
      {"NETHICAL_TAXONOMY_PATH", {"/t.json", "/t.json", {{"NETHICAL_ENABLE_ETHICAL_TAXONOMY", "false"}}}},
      {"NETHICAL_ENABLE_SLA_MONITORING", {"false", "false"}},
      {"NETHICAL_SLA_P95_MS", {"200", "200"}},
      {"NETHICAL_SLA_P99_MS", {"600", "600"}},
      {"NETHICAL_SLA_MEAN_MS", {"50", "50"}},
      {"NETHICAL_SLA_WARNING_FRACTION", {"0.8", "0.8"}},
      {"NETHICAL_SLA_WINDOW_SECONDS", {"60", "60"}},
      {"NETHICAL_SLA_BREACH_COUNT", {"3", "3"}},
      {"NETHICAL_ENABLE_CORRELATION", {"true", "true"}},
      {"NETHICAL_CORRELATION_MAX_AGENTS", {"1000", "1000"}},
      {"NETHICAL_CORRELATION_MAX_PAYLOAD_CLUSTERS", {"1000", "1000"}},
      {"NETHICAL_CORRELATION_MAX_TARGETS", {"1000", "1000"}},
      {"NETHICAL_CORRELATION_ESCALATION_WINDOW_SECONDS", {"600", "600"}},
      {"NETHICAL_CORRELATION_ESCALATION_MIN_AGENTS", {"4", "4"}},
      {"NETHICAL_CORRELATION_ESCALATION_MIN_PROBES", {"3", "3"}},
      {"NETHICAL_CORRELATION_ESCALATION_RATIO", {"0.8", "0.8"}},
      {"NETHICAL_CORRELATION_ENTROPY_WINDOW_SECONDS", {"300", "300"}},
      {"NETHICAL_CORRELATION_ENTROPY_MIN_SAMPLES", {"8", "8"}},
      {"NETHICAL_CORRELATION_ENTROPY_DELTA", {"0.5", "0.5"}},
      {"NETHICAL_CORRELATION_ENTROPY_MIN_MEAN", {"1.5", "1.5"}},
      {"NETHICAL_CORRELATION_ENTROPY_MAX_MEAN", {"6.5", "6.5"}},
      {"NETHICAL_CORRELATION_COORDINATED_WINDOW_SECONDS", {"120", "120"}},
      {"NETHICAL_CORRELATION_COORDINATED_TOLERANCE_SECONDS", {"10", "10"}},
      {"NETHICAL_CORRELATION_COORDINATED_MIN_AGENTS", {"3", "3"}},
      {"NETHICAL_CORRELATION_RECON_WINDOW_SECONDS", {"600", "600"}},
      {"NETHICAL_CORRELATION_RECON_MIN_AGENTS", {"5", "5"}},
      {"NETHICAL_CORRELATION_RECON_MIN_TARGETS", {"10", "10"}},
      {"NETHICAL_CORRELATION_CLUSTER_WINDOW_SECONDS", {"300", "300"}},
      {"NETHICAL_CORRELATION_CLUSTER_MIN_AGENTS", {"6", "6"}},
      {"NETHICAL_CORRELATION_CLUSTER_SIMILARITY", {"0.5", "0.5"}},
      {"NETHICAL_DATA_RESIDENCY_POLICY", {"EU_GDPR", "EU_GDPR", {{"NETHICAL_REGION_ID", "eu-west-1"}}}},
      {"NETHICAL_ALLOWED_REGIONS",
       {"eu-central-1",
        "eu-central-1",
        {{"NETHICAL_REGION_ID", "eu-west-1"}, {"NETHICAL_DATA_RESIDENCY_POLICY", "EU_GDPR"}}}},
      {"NETHICAL_DATA_RESIDENCY_ENFORCE",
       {"true",
        "true",
        {{"NETHICAL_REGION_ID", "eu-west-1"}, {"NETHICAL_DATA_RESIDENCY_POLICY", "EU_GDPR"}}}},
      {"NETHICAL_AUTO_ESCALATE_ON_BLOCK", {"true", "true"}},
      {"NETHICAL_AUTO_ESCALATE_ON_LOW_CONFIDENCE", {"true", "true"}},
  };
  return *samples;
}

TEST(KeyTable, SamplesCoverEveryKey) {
  std::set<std::string> sampled;
  for (const auto& [key, sample] : Samples()) sampled.insert(key);
  EXPECT_EQ(sampled, TableKeys());
}

TEST(KeyTable, EveryKeyRoundTripsThroughSetBuildAndConfigAsKeyValues) {
  const std::map<std::string, std::string> defaults = [] {
    auto pairs = ConfigAsKeyValues(EngineConfig{});
    return std::map<std::string, std::string>(pairs.begin(), pairs.end());
  }();
  for (const auto& [key, sample] : Samples()) {
    ConfigBuilder b;
    ASSERT_TRUE(b.Set(key, sample.value, "--flag").ok()) << key;
    for (const auto& [other, value] : sample.companions)
      ASSERT_TRUE(b.Set(other, value, "--flag").ok()) << other;
    StatusOr<EngineConfig> c = b.Build();
    ASSERT_TRUE(c.ok()) << key << ": " << c.status().message();
    const auto pairs = ConfigAsKeyValues(*c);
    const std::map<std::string, std::string> values(pairs.begin(), pairs.end());
    EXPECT_EQ(values.at(key), sample.reported) << key;
    EXPECT_NE(values.at(key), defaults.at(key)) << key << ": the sample must differ from the default";
    // Only this key (and its companions) changed.
    for (const auto& [k, v] : values) {
      if (k == key || sample.companions.count(k)) continue;
      EXPECT_EQ(v, defaults.at(k)) << key << " also changed " << k;
    }
  }
}

TEST(KeyTable, EveryEnumNameRoundTrips) {
  for (const KeyInfo& k : AllConfigKeys()) {
    if (k.kind != "enum") continue;
    std::string allowed(k.allowed);
    size_t start = 0;
    while (start <= allowed.size()) {
      size_t bar = allowed.find('|', start);
      std::string name = allowed.substr(start, bar == std::string::npos ? std::string::npos : bar - start);
      ConfigBuilder b;
      // With shadow mode off, no enum name needs a companion setting
      // (the logistic model's weights file).
      ASSERT_TRUE(b.SetDefault("NETHICAL_ENABLE_SHADOW_MODE", "false", "test").ok());
      ASSERT_TRUE(b.Set(k.key, name, "test").ok()) << k.key << "=" << name;
      StatusOr<EngineConfig> c = b.Build();
      ASSERT_TRUE(c.ok()) << c.status().message();
      EXPECT_EQ(ValueOf(*c, k.key), name);
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
  }
}

TEST(KeyTable, AcceptsEveryBooleanSpellingInAnyCase) {
  const KeySpec& spec = *FindKeySpec("NETHICAL_ENABLE_QUOTA");
  for (const char* yes : {"true", "TRUE", "True", "1", "yes", "YES", "on", "On"}) {
    EngineConfig c;
    ASSERT_TRUE(ApplyValue(spec, yes, c).ok()) << yes;
    EXPECT_TRUE(c.quota.enabled) << yes;
  }
  for (const char* no : {"false", "FALSE", "0", "no", "No", "off", "OFF"}) {
    EngineConfig c;
    c.quota.enabled = true;
    ASSERT_TRUE(ApplyValue(spec, no, c).ok()) << no;
    EXPECT_FALSE(c.quota.enabled) << no;
  }
  for (const char* bad : {"", "t", "2", "enable", " true", "yess"}) {
    EngineConfig c;
    EXPECT_FALSE(ApplyValue(spec, bad, c).ok()) << "'" << bad << "'";
  }
}

TEST(KeyTable, RejectsNumbersThatAreNotWhollyFiniteNumbers) {
  const KeySpec& spec = *FindKeySpec("NETHICAL_REQUESTS_PER_SECOND");
  for (const char* bad : {"", "abc", "1.0x", "1,5", " 1", "1 ", "nan", "inf", "infinity", "1e999", "0x10"}) {
    EngineConfig c;
    Status s = ApplyValue(spec, bad, c);
    EXPECT_FALSE(s.ok()) << "'" << bad << "'";
    EXPECT_EQ(c.quota.requests_per_second, EngineConfig{}.quota.requests_per_second);
  }
  EngineConfig c;
  ASSERT_TRUE(ApplyValue(spec, "2.5e2", c).ok());
  EXPECT_EQ(c.quota.requests_per_second, 250.0);
}

TEST(KeyTable, RejectsIntegerOverflow) {
  EngineConfig c;
  EXPECT_FALSE(ApplyValue(*FindKeySpec("NETHICAL_MAX_AGENTS"), "99999999999999999999", c).ok());
}

TEST(KeyTable, RangeEndsAreHonoured) {
  EngineConfig c;
  const KeySpec& decay = *FindKeySpec("NETHICAL_RISK_DECAY_RATE");  // [0, 1)
  EXPECT_TRUE(ApplyValue(decay, "0", c).ok());
  EXPECT_TRUE(ApplyValue(decay, "0.999", c).ok());
  EXPECT_EQ(ApplyValue(decay, "1", c).message(), "expected a number in [0, 1)");
  EXPECT_FALSE(ApplyValue(decay, "-0.1", c).ok());
  const KeySpec& global_rps = *FindKeySpec("NETHICAL_QUOTA_GLOBAL_RPS");  // >= 0
  EXPECT_TRUE(ApplyValue(global_rps, "0", c).ok());
  EXPECT_EQ(ApplyValue(global_rps, "-1", c).message(), "expected a number >= 0");
}

TEST(KeyTable, RegionIdMustBeUsableAsADirectoryName) {
  const KeySpec& spec = *FindKeySpec("NETHICAL_REGION_ID");
  for (const char* good : {"", "us-east-1", "eu_west.2", "A"}) {
    EngineConfig c;
    EXPECT_TRUE(ApplyValue(spec, good, c).ok()) << good;
  }
  for (const std::string& bad : std::vector<std::string>{".", "..", "us/east", "a b", std::string(65, 'x')}) {
    EngineConfig c;
    EXPECT_EQ(ApplyValue(spec, bad, c).message(),
              "expected empty, or 1-64 characters from [A-Za-z0-9._-], not '.' or '..'")
        << bad;
  }
}

TEST(KeyTable, DurationsAreBoundedToTenYears) {
  EngineConfig c;
  const KeySpec& window = *FindKeySpec("NETHICAL_ANOMALY_FREQUENCY_WINDOW_SECONDS");
  EXPECT_TRUE(ApplyValue(window, "315360000", c).ok());
  EXPECT_EQ(ApplyValue(window, "315360001", c).message(), "expected a number in (0, 315360000]");
}

TEST(KeyTable, EnumValueWithoutANameIsReportedAsItsNumber) {
  EngineConfig c;
  c.audit.durability = static_cast<Durability>(7);
  EXPECT_EQ(ValueOf(c, "NETHICAL_AUDIT_DURABILITY"), "7");
}

TEST(KeyTable, ConfigAsKeyValuesNeverShowsTheSecret) {
  EngineConfig c;
  c.privacy.token_key_hex = "00112233445566778899aabbccddeeff";
  EXPECT_EQ(ValueOf(c, "NETHICAL_TOKEN_KEY"), "<set>");
  EXPECT_EQ(ValueOf(EngineConfig{}, "NETHICAL_TOKEN_KEY"), "");
}

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutionsIgnoringCase) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("Nethical", "NETHICAL"), 0u);
  EXPECT_EQ(EditDistance("flaw", "lawn"), 2u);
}

TEST(NearestKey, SuggestsKeyForOneCharacterTypos) {
  EXPECT_EQ(NearestKey("NETHICAL_EPSILN"), "NETHICAL_EPSILON");
  EXPECT_EQ(NearestKey("NETHICAL_EPSILONN"), "NETHICAL_EPSILON");
  EXPECT_EQ(NearestKey("NETHICAL_EPSILPN"), "NETHICAL_EPSILON");
  EXPECT_EQ(NearestKey("nethical_epsilon"), "NETHICAL_EPSILON");
}

TEST(NearestKey, SuggestsPrefixedKeyForNameWithoutPrefix) {
  EXPECT_EQ(NearestKey("EPSILON"), "NETHICAL_EPSILON");
  EXPECT_EQ(NearestKey("REGION_ID"), "NETHICAL_REGION_ID");
}

TEST(NearestKey, SuggestsFullKeyForMissingSuffix) {
  EXPECT_EQ(NearestKey("NETHICAL_ENABLE_SHADOW"), "NETHICAL_ENABLE_SHADOW_MODE");
  EXPECT_EQ(NearestKey("NETHICAL_MERKLE_BATCH"), "NETHICAL_MERKLE_BATCH_SIZE");
}

TEST(NearestKey, SuggestsNothingForUnrelatedNames) {
  EXPECT_EQ(NearestKey("NETHICAL_WIBBLE_WOBBLE"), "");
  EXPECT_EQ(NearestKey("PATH"), "");
  EXPECT_EQ(NearestKey("HOME"), "");
  EXPECT_EQ(NearestKey("NETHICAL_PROFILING"), "");
}

// Property (randomized, fixed seed): for a one-edit typo of a key, a
// suggestion is made and it is at least as close to the typo as the key.
TEST(NearestKey, SuggestionForAOneEditTypoIsAtLeastAsCloseAsTheKey) {
  std::mt19937 rng(20261129);
  const std::string letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ_";
  for (const KeyInfo& k : AllConfigKeys()) {
    std::string key(k.key);
    for (int round = 0; round < 3; ++round) {
      // An edit after the NETHICAL_ prefix: delete, substitute or insert.
      size_t at = std::uniform_int_distribution<size_t>(9, key.size() - 1)(rng);
      char letter = letters[std::uniform_int_distribution<size_t>(0, letters.size() - 1)(rng)];
      std::string typo = key;
      switch (round) {
        case 0:
          typo.erase(at, 1);
          break;
        case 1:
          typo[at] = letter;
          break;
        default:
          typo.insert(at, 1, letter);
          break;
      }
      std::string_view suggestion = NearestKey(typo);
      ASSERT_FALSE(suggestion.empty()) << typo;
      EXPECT_LE(EditDistance(typo, suggestion), EditDistance(typo, key)) << typo << " -> " << suggestion;
    }
  }
}

}  // namespace
}  // namespace nethical
