// The shared quota state in Redis: each test starts its own redis-server on
// an ephemeral loopback port (the RedisTest fixture) and stops it.
#include "engine/quota/redis_quota.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/base/clock.h"
#include "engine/config/config_validation.h"
#include "engine/quota/quota_enforcer.h"
#include "engine/shared_state/redis_connection.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/redis_test.h"

namespace nethical::quota {
namespace {

using testing::RedisServer;

class RedisQuotaTest : public testing::RedisTest {};

QuotaConfig SharedConfig(RedisServer& redis, double rps, double burst) {
  QuotaConfig c;
  c.enabled = true;
  c.requests_per_second = rps;
  c.burst_size = burst;
  c.shared_state = redis.url();
  c.shared_state_timeout_ms = 1000;
  EXPECT_TRUE(Validate(c).ok()) << Validate(c).message();
  return c;
}

bool Admitted(const QuotaOutcome& q) { return q.decision != QuotaDecision::kBlock; }

TEST_F(RedisQuotaTest, TwoEnginesSpendOneBucketPerAgent) {
  SteadyClock clock;
  // 0.001/s: no measurable refill while the test runs.
  const QuotaConfig config = SharedConfig(redis(), 0.001, 10);
  QuotaEnforcer a(config, clock), b(config, clock);
  int admitted = 0;
  for (int i = 0; i < 10; ++i) {
    admitted += Admitted(a.Check("agent_1", "", ""));
    admitted += Admitted(b.Check("agent_1", "", ""));
  }
  EXPECT_EQ(admitted, 10);
  const QuotaOutcome refused = b.Check("agent_1", "", "");
  EXPECT_EQ(refused.decision, QuotaDecision::kBlock);
  EXPECT_EQ(refused.reason, "agent agent_1 exceeded quota: 0.001 req/s burst exhausted");
  EXPECT_EQ(a.SharedState()->checks + b.SharedState()->checks, 21u);
  EXPECT_EQ(a.SharedState()->errors, 0u);
}

TEST_F(RedisQuotaTest, ThrottlesFromTheThresholdAsTheLocalBucketDoes) {
  SteadyClock clock;
  QuotaConfig config = SharedConfig(redis(), 0.001, 10);
  config.throttle_threshold = 0.8;
  QuotaEnforcer q(config, clock);
  std::vector<QuotaDecision> decisions;
  for (int i = 0; i < 10; ++i) decisions.push_back(q.Check("a", "", "").decision);
  // Utilisation after the n-th token is n/10: the 8th..10th are at or above 0.8.
  for (int i = 0; i < 7; ++i) EXPECT_EQ(decisions[i], QuotaDecision::kAllow) << i;
  for (int i = 7; i < 10; ++i) EXPECT_EQ(decisions[i], QuotaDecision::kThrottle) << i;
}

TEST_F(RedisQuotaTest, ARequestRefusedByItsTenantSpendsNothingElse) {
  SteadyClock clock;
  const QuotaConfig config = SharedConfig(redis(), 0.001, 3);
  QuotaEnforcer q(config, clock);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Admitted(q.Check("agent_" + std::to_string(i), "", "eu")));
  const QuotaOutcome refused = q.Check("fresh_agent", "", "eu");
  EXPECT_EQ(refused.decision, QuotaDecision::kBlock);
  EXPECT_EQ(refused.reason, "tenant eu exceeded quota: 0.001 req/s burst exhausted");
  StatusOr<shared_state::RedisReply> fresh = Command({"EXISTS", "nethical:quota:agent:fresh_agent"});
  StatusOr<shared_state::RedisReply> tenant = Command({"EXISTS", "nethical:quota:tenant:eu"});
  ASSERT_TRUE(fresh.ok() && tenant.ok());
  EXPECT_EQ(fresh->integer, 0);  // never charged
  EXPECT_EQ(tenant->integer, 1);
  // The bucket keys expire once full again: a TTL is set.
  StatusOr<shared_state::RedisReply> ttl = Command({"PTTL", "nethical:quota:tenant:eu"});
  ASSERT_TRUE(ttl.ok());
  EXPECT_GT(ttl->integer, 0);
}

TEST_F(RedisQuotaTest, GlobalBucketIsSharedAcrossAgentsAndNamedWhenEmpty) {
  SteadyClock clock;
  QuotaConfig config = SharedConfig(redis(), 1000, 2);
  config.global_requests_per_second = 0.001;
  QuotaEnforcer a(config, clock), b(config, clock);
  EXPECT_TRUE(Admitted(a.Check("x", "", "")));
  EXPECT_TRUE(Admitted(b.Check("y", "", "")));
  const QuotaOutcome refused = a.Check("z", "", "");
  EXPECT_EQ(refused.decision, QuotaDecision::kBlock);
  EXPECT_EQ(refused.reason, "global exceeded quota: 0.001 req/s burst exhausted");
}

// The measure: two engines (each its own connections, as two
// processes would have) offering 1.5 L/s each against one tenant limit of
// L/s admit L*t + burst over t >= 5 s, within 5 %. Real time: the buckets
// run on the Redis server's clock.
TEST_F(RedisQuotaTest, TwoEnginesSharingOneTenantLimitAdmitLTimesT) {
  SteadyClock clock;
  constexpr double kLimit = 100;  // per second, per tenant (and per agent: never reached below)
  constexpr double kBurst = 5;
  QuotaConfig config = SharedConfig(redis(), kLimit, kBurst);
  config.cohort_isolation = false;
  QuotaEnforcer engines[2] = {QuotaEnforcer(config, clock), QuotaEnforcer(config, clock)};
  std::atomic<uint64_t> admitted{0};
  const auto start = std::chrono::steady_clock::now();
  const auto end = start + std::chrono::milliseconds(5000);
  auto offer = [&](int e) {
    const auto period = std::chrono::microseconds(static_cast<int>(1e6 / (1.5 * kLimit)));
    auto next = start;
    for (int n = 0; next < end; ++n, next += period) {
      std::this_thread::sleep_until(next);
      const std::string agent = "agent_" + std::to_string(e) + "_" + std::to_string(n % 50);
      if (Admitted(engines[e].Check(agent, "", "us-east-1"))) admitted.fetch_add(1);
    }
  };
  std::thread t0(offer, 0), t1(offer, 1);
  t0.join();
  t1.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double expected = kLimit * seconds + kBurst;
  EXPECT_NEAR(admitted.load(), expected, 0.05 * kLimit * seconds)
      << "admitted " << admitted.load() << " over " << seconds << " s";
  EXPECT_EQ(engines[0].SharedState()->errors + engines[1].SharedState()->errors, 0u);
}

TEST_F(RedisQuotaTest, LostServerFailsOpenCountedThenReconnectsAfterBackoff) {
  FakeClock clock;  // drives the backoff
  QuotaConfig config = SharedConfig(redis(), 0.001, 100);
  config.shared_state_failure = SharedStateFailure::kOpen;
  QuotaEnforcer q(config, clock);
  ASSERT_TRUE(Admitted(q.Check("a", "", "")));
  EXPECT_EQ(q.SharedState()->connects, 1u);

  redis().Kill();
  for (int i = 0; i < 5; ++i) {
    const QuotaOutcome open = q.Check("a", "", "");
    EXPECT_EQ(open.decision, QuotaDecision::kAllow);
    EXPECT_EQ(open.backpressure, 0.0);
  }
  SharedStateCounts c = *q.SharedState();
  EXPECT_EQ(c.checks, 1u);
  EXPECT_EQ(c.errors, 5u);
  EXPECT_EQ(c.fail_open_admits, 5u);
  EXPECT_EQ(c.fail_closed_blocks, 0u);
  EXPECT_EQ(c.connects, 1u);  // in backoff: no new connection attempted

  ASSERT_TRUE(redis().Restart().ok());
  EXPECT_EQ(q.Check("a", "", "").decision, QuotaDecision::kAllow);
  EXPECT_EQ(q.SharedState()->checks, 1u);  // still in backoff: the policy, not Redis
  clock.SetNanos(clock.NowNanos() + shared_state::RedisClient::kMaxBackoffNs);
  ASSERT_TRUE(Admitted(q.Check("a", "", "")));
  c = *q.SharedState();
  EXPECT_EQ(c.checks, 2u);
  EXPECT_EQ(c.connects, 2u);
  EXPECT_EQ(c.script_loads, 2u);  // the new server did not know the script (NOSCRIPT, loaded again)
}

TEST_F(RedisQuotaTest, LostServerFailsClosedWithAReason) {
  FakeClock clock;
  QuotaConfig config = SharedConfig(redis(), 1000, 100);
  config.shared_state_failure = SharedStateFailure::kClosed;
  QuotaEnforcer q(config, clock);
  ASSERT_TRUE(Admitted(q.Check("a", "", "")));
  redis().Kill();
  const QuotaOutcome closed = q.Check("a", "", "");
  EXPECT_EQ(closed.decision, QuotaDecision::kBlock);
  EXPECT_EQ(closed.reason.rfind("shared quota unavailable: redis://127.0.0.1:", 0), 0u) << closed.reason;
  EXPECT_EQ(q.SharedState()->fail_closed_blocks, 1u);
  EXPECT_EQ(q.SharedState()->fail_open_admits, 0u);
}

TEST_F(RedisQuotaTest, LeasedTokensNeverExceedTheSharedBucket) {
  SteadyClock clock;
  QuotaConfig config = SharedConfig(redis(), 0.001, 10);
  config.shared_state_lease = 4;
  QuotaEnforcer a(config, clock), b(config, clock);
  int admitted = 0;
  for (int i = 0; i < 10; ++i) {
    admitted += Admitted(a.Check("agent_1", "", ""));
    admitted += Admitted(b.Check("agent_1", "", ""));
  }
  EXPECT_EQ(admitted, 10);  // the burst, exactly: leased tokens are charged before they are spent
  EXPECT_GT(a.SharedState()->local_checks + b.SharedState()->local_checks, 0u);
  EXPECT_EQ(a.Check("agent_1", "", "").reason, "agent agent_1 exceeded quota: 0.001 req/s burst exhausted");
}

TEST_F(RedisQuotaTest, LeasingSpendsSpareTokensWithoutRoundTrips) {
  FakeClock clock;  // the lease lifetime runs on it
  QuotaConfig config = SharedConfig(redis(), 1000, 1000);
  config.shared_state_lease = 16;
  QuotaEnforcer q(config, clock);
  for (int i = 0; i < 160; ++i) ASSERT_TRUE(Admitted(q.Check("a", "", "eu")));
  EXPECT_EQ(q.SharedState()->checks, 10u);
  EXPECT_EQ(q.SharedState()->local_checks, 150u);
  // Spare tokens lapse: after the lease lifetime the next check asks Redis.
  ASSERT_TRUE(Admitted(q.Check("a", "", "eu")));  // a round trip: 15 spare again
  clock.SetNanos(clock.NowNanos() + RedisQuota::kLeaseLifetimeNs);
  ASSERT_TRUE(Admitted(q.Check("a", "", "eu")));
  EXPECT_EQ(q.SharedState()->checks, 12u);
}

TEST_F(RedisQuotaTest, ARefusedRequestKeepsItsReservedLeasedTokens) {
  SteadyClock clock;
  QuotaConfig config = SharedConfig(redis(), 0.001, 4);
  QuotaEnforcer other(config, clock);  // no leasing: empties agent y's bucket
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(Admitted(other.Check("y", "", "")));
  config.shared_state_lease = 4;
  QuotaEnforcer q(config, clock);
  ASSERT_TRUE(Admitted(q.Check("x", "", "eu")));  // 3 spare tokens of x and of eu held here
  // y's request reserves a spare eu token, Redis refuses y: the token is given back.
  const QuotaOutcome refused = q.Check("y", "", "eu");
  EXPECT_EQ(refused.reason, "agent y exceeded quota: 0.001 req/s burst exhausted");
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(Admitted(q.Check("x", "", "eu"))) << i;
  EXPECT_EQ(q.SharedState()->local_checks, 3u);
  EXPECT_EQ(q.Check("x", "", "eu").decision, QuotaDecision::kBlock);
}

TEST_F(RedisQuotaTest, UnreachableServerAtStartAppliesThePolicy) {
  FakeClock clock;
  QuotaConfig config;
  config.enabled = true;
  config.shared_state = "redis://127.0.0.1:1";  // nothing listens on port 1
  config.shared_state_failure = SharedStateFailure::kClosed;
  QuotaEnforcer q(config, clock);
  EXPECT_EQ(q.Check("a", "", "").decision, QuotaDecision::kBlock);
  EXPECT_EQ(q.SharedState()->errors, 1u);
  EXPECT_EQ(q.SharedState()->connects, 0u);
}

// Round trips: the script goes with the first check of a connection
// (pipelined), so a check costs one, and so does recovering from a server
// that lost the script.
TEST_F(RedisQuotaTest, EveryCheckIsOneRoundTripTheScriptLoadIncluded) {
  FakeClock clock;
  QuotaEnforcer q(SharedConfig(redis(), 1000, 1000), clock);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Admitted(q.Check("a", "", "")));
  EXPECT_EQ(q.SharedState()->round_trips, 5u);
  EXPECT_EQ(q.SharedState()->script_loads, 1u);
  ASSERT_TRUE(
      Command({"SCRIPT", "FLUSH"}).ok());  // the server loses it: NOSCRIPT, then load and check at once
  ASSERT_TRUE(Admitted(q.Check("a", "", "")));
  EXPECT_EQ(q.SharedState()->round_trips, 7u);
  EXPECT_EQ(q.SharedState()->script_loads, 2u);
  EXPECT_EQ(q.SharedState()->checks, 6u);
}

TEST_F(RedisQuotaTest, AReconnectionCostsOneRoundTripForScriptAndCheck) {
  FakeClock clock;
  QuotaEnforcer q(SharedConfig(redis(), 1000, 1000), clock);
  ASSERT_TRUE(Admitted(q.Check("a", "", "")));
  ASSERT_TRUE(redis().Restart().ok());
  q.Check("a", "", "");  // the old connection breaks: the policy, backoff
  clock.SetNanos(clock.NowNanos() + shared_state::RedisClient::kMaxBackoffNs);
  ASSERT_TRUE(Admitted(q.Check("a", "", "")));
  const SharedStateCounts c = *q.SharedState();
  EXPECT_EQ(c.connects, 2u);
  EXPECT_EQ(c.round_trips, 3u);  // check, broken attempt, load + check on the new connection
  EXPECT_EQ(c.checks, 2u);
}

}  // namespace
}  // namespace nethical::quota
