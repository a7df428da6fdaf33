#include "engine/shared_state/redis_url.h"

#include "engine/config/config_validation.h"
#include "gtest/gtest.h"

namespace nethical::shared_state {
namespace {

TEST(RedisUrlTest, HostPortAndDatabase) {
  StatusOr<RedisAddress> a = ParseRedisUrl("redis://10.0.0.5:6379/2");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "10.0.0.5");
  EXPECT_EQ(a->port, 6379);
  EXPECT_EQ(a->db, 2);
}

TEST(RedisUrlTest, DatabaseDefaultsToZero) {
  StatusOr<RedisAddress> a = ParseRedisUrl("redis://redis.internal:7000");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "redis.internal");
  EXPECT_EQ(a->db, 0);
}

TEST(RedisUrlTest, BracketedIpv6Host) {
  StatusOr<RedisAddress> a = ParseRedisUrl("redis://[::1]:6379");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->host, "::1");
}

TEST(RedisUrlTest, RejectsWhatIsNotTheForm) {
  for (const char* bad :
       {"", "redis://", "redis://host", "redis://host:", "redis://host:0", "redis://host:65536",
        "redis://host:6379/16", "redis://host:6379/", "http://host:6379", "redis://:6379",
        "redis://user:pw@host:6379", "redis://host:6379?x=1", "redis://[::1:6379", "redis://ho st:6379"})
    EXPECT_FALSE(ParseRedisUrl(bad).ok()) << bad;
}

TEST(RedisUrlTest, ConfigRefusesABadUrlNamingTheKey) {
  QuotaConfig c;
  c.shared_state = "redis://host";
  EXPECT_EQ(Validate(c).message(),
            "NETHICAL_SHARED_STATE=redis://host: expected redis://HOST:PORT[/DB] (PORT 1..65535, DB 0..15)");
}

TEST(RedisUrlTest, ConfigRefusesSharedStateInCompatMode) {
  QuotaConfig c;
  c.shared_state = "redis://127.0.0.1:6379";
  c.mode = QuotaMode::kCompat;
  EXPECT_EQ(Validate(c).message(),
            "NETHICAL_SHARED_STATE=redis://127.0.0.1:6379 shares token buckets only, but "
            "NETHICAL_QUOTA_MODE=compat");
}

TEST(RedisUrlTest, ConfigRefusesSharedRiskWithoutAServer) {
  EngineConfig c;
  c.risk.shared = true;
  EXPECT_EQ(
      Validate(c).message(),
      "NETHICAL_SHARED_RISK=true needs the server: set NETHICAL_SHARED_STATE= to redis://HOST:PORT[/DB] "
      "(PORT 1..65535, DB 0..15)");
}

TEST(RedisUrlTest, ConfigRefusesSharedQuarantineWithoutAServer) {
  EngineConfig c;
  c.quarantine.shared = true;
  EXPECT_EQ(Validate(c).message(),
            "NETHICAL_SHARED_QUARANTINE=true needs the server: set NETHICAL_SHARED_STATE= to "
            "redis://HOST:PORT[/DB] (PORT 1..65535, DB 0..15)");
}

TEST(RedisUrlTest, ConfigRefusesSharedQuarantineWithTheStageOff) {
  EngineConfig c;
  c.quarantine.shared = true;
  c.quarantine.enabled = false;
  c.quota.shared_state = "redis://127.0.0.1:6379";
  EXPECT_EQ(Validate(c).message(),
            "NETHICAL_SHARED_QUARANTINE=true has no effect without NETHICAL_ENABLE_QUARANTINE, but "
            "NETHICAL_ENABLE_QUARANTINE=false");
}

TEST(RedisUrlTest, TlsIsRefusedSayingThisBuildsHiredisHasNone) {
  QuotaConfig c;
  c.shared_state = "rediss://10.0.0.5:6380";
  EXPECT_EQ(
      Validate(c).message(),
      "NETHICAL_SHARED_STATE=rediss://10.0.0.5:6380: rediss:// (TLS) is not supported: Debian's hiredis 0.14 "
      "has no TLS (hiredis_ssl); use redis:// on a network you trust, or a TLS tunnel (stunnel, spiped) to a "
      "local redis:// address");
}

TEST(RedisUrlTest, CredentialsInTheUrlAreRefusedNamingTheirKeys) {
  StatusOr<RedisAddress> a = ParseRedisUrl("redis://loader:pw@10.0.0.5:6379");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(),
            "expected redis://HOST:PORT[/DB] (PORT 1..65535, DB 0..15), without credentials: set "
            "NETHICAL_SHARED_STATE_USER and NETHICAL_SHARED_STATE_PASSWORD");
}

TEST(RedisUrlTest, ConfigRefusesAUserWithoutAPasswordNeverShowingOne) {
  QuotaConfig c;
  c.shared_state_user = "loader";
  EXPECT_EQ(Validate(c).message(),
            "NETHICAL_SHARED_STATE_USER=loader needs NETHICAL_SHARED_STATE_PASSWORD=: AUTH takes the user's "
            "password");
  c.shared_state_password = "pw";
  EXPECT_TRUE(Validate(c).ok());
}

}  // namespace
}  // namespace nethical::shared_state
