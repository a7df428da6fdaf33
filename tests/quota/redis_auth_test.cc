// AUTH against a redis-server that requires it: the default user's password
// (requirepass) and an ACL user. The server is the test's own (RedisTest).
#include <string>
#include <vector>

#include "engine/base/clock.h"
#include "engine/config/config_validation.h"
#include "engine/quota/quota_enforcer.h"
#include "engine/risk/redis_risk.h"
#include "engine/shared_state/redis_connection.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/redis_test.h"

namespace nethical::shared_state {
namespace {

class RedisAuthTest : public testing::RedisTest {
 protected:
  std::vector<std::string> ServerArgs() const override {
    return {"--requirepass", "s3cret", "--user", "loader", "on", ">loader-pw", "~nethical:*", "+@all"};
  }
  QuotaConfig Quota(const std::string& user, const std::string& password) {
    QuotaConfig c;
    c.enabled = true;
    c.shared_state = redis().url();
    c.shared_state_timeout_ms = 1000;
    c.shared_state_user = user;
    c.shared_state_password = password;
    c.shared_state_failure = SharedStateFailure::kClosed;
    EXPECT_TRUE(Validate(c).ok()) << Validate(c).message();
    return c;
  }
};

TEST_F(RedisAuthTest, TheQuotaAuthenticatesWithTheServersPassword) {
  FakeClock clock;
  quota::QuotaEnforcer q(Quota("", "s3cret"), clock);
  EXPECT_EQ(q.Check("a", "", "").decision, QuotaDecision::kAllow);
  EXPECT_EQ(q.SharedState()->checks, 1u);
  EXPECT_EQ(q.SharedState()->errors, 0u);
}

TEST_F(RedisAuthTest, TheRiskAuthenticatesAsAnAclUser) {
  FakeClock clock;
  risk::RedisRisk::Options o;
  o.shared_state = Quota("loader", "loader-pw");
  risk::RedisRisk r(o, clock);
  r.Update("a", {.violation_score = 0.5}, clock.NowNanos());
  EXPECT_EQ(r.SharedState()->checks, 1u);
  EXPECT_EQ(r.SharedState()->errors, 0u);
  StatusOr<RedisReply> whoami = Command({"ACL", "WHOAMI"}, {"loader", "loader-pw"});
  ASSERT_TRUE(whoami.ok()) << whoami.status().message();
  EXPECT_EQ(whoami->text, "loader");
}

TEST_F(RedisAuthTest, WithoutThePasswordTheServerRefusesAndThePolicyApplies) {
  FakeClock clock;
  quota::QuotaEnforcer q(Quota("", ""), clock);
  const QuotaOutcome closed = q.Check("a", "", "");
  EXPECT_EQ(closed.decision, QuotaDecision::kBlock);
  EXPECT_NE(closed.reason.find("NOAUTH"), std::string::npos) << closed.reason;
  EXPECT_EQ(q.SharedState()->fail_closed_blocks, 1u);
}

TEST_F(RedisAuthTest, AWrongPasswordIsRefusedNamingTheUserNotThePassword) {
  StatusOr<RedisReply> r = Command({"PING"}, {"loader", "not-the-password"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(r.status().message().rfind(redis().url() + "/0: AUTH as loader refused: WRONGPASS", 0), 0u)
      << r.status().message();
  EXPECT_EQ(r.status().message().find("not-the-password"), std::string::npos);
}

TEST_F(RedisAuthTest, AuthAndDatabaseSelectionAreOneRoundTrip) {
  FakeClock clock;
  QuotaConfig config = Quota("", "s3cret");
  config.shared_state = redis().url() + "/3";
  quota::QuotaEnforcer q(config, clock);
  ASSERT_EQ(q.Check("a", "", "").decision, QuotaDecision::kAllow);
  EXPECT_EQ(q.SharedState()->round_trips, 2u);  // AUTH + SELECT, then SCRIPT LOAD + EVALSHA
  StatusOr<RedisReply> keys = Command({"DBSIZE"}, {"", "s3cret"});
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(keys->integer, 0);  // the bucket went to database 3, not 0
}

}  // namespace
}  // namespace nethical::shared_state
