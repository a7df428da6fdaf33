// QuotaEnforcer in its default mode (QuotaMode::kTokenBucket), driven by a
// FakeClock.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <utility>

#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"
#include "engine/quota/quota_enforcer.h"
#include "tests/testing/fake_clock.h"

namespace nethical::quota {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

QuotaConfig Config(double rate, double burst) {
  QuotaConfig c;
  c.enabled = true;
  c.mode = QuotaMode::kTokenBucket;
  c.requests_per_second = rate;
  c.burst_size = burst;
  return c;
}

bool Admitted(const QuotaOutcome& o) { return o.decision != QuotaDecision::kBlock; }

// Calls Check until the first BLOCK; returns how many were admitted.
int Drain(QuotaEnforcer& q, std::string_view agent, std::string_view cohort = "",
          std::string_view tenant = "") {
  int admitted = 0;
  while (Admitted(q.Check(agent, cohort, tenant))) {
    if (++admitted > 1'000'000) break;
  }
  return admitted;
}

struct SaturationCase {
  double rate;
  double burst;
  int step_ms;
  int seconds;
};

class SaturatingCaller : public testing::TestWithParam<SaturationCase> {};

TEST_P(SaturatingCaller, IsAdmittedBetweenRateTimesTPlusBurstMinusOneAndRateTimesTPlusBurst) {
  const SaturationCase p = GetParam();
  FakeClock clock;
  QuotaEnforcer q(Config(p.rate, p.burst), clock);
  int admitted = Drain(q, "agent_0001");
  const int steps = p.seconds * 1000 / p.step_ms;
  for (int i = 1; i <= steps; ++i) {
    clock.Advance(milliseconds(p.step_ms));
    admitted += Drain(q, "agent_0001");
    const double t = i * p.step_ms / 1000.0;
    ASSERT_LE(admitted, p.rate * t + p.burst + 1e-9) << "at t=" << t << " s";
  }
  const double bound = p.rate * p.seconds + p.burst;
  EXPECT_GE(admitted, bound - 1);
  EXPECT_LE(admitted, bound);
}

INSTANTIATE_TEST_SUITE_P(RatesAndBursts, SaturatingCaller,
                         testing::Values(SaturationCase{10, 20, 10, 10}, SaturationCase{3, 5, 7, 14},
                                         SaturationCase{7.5, 1, 1, 4}, SaturationCase{1000, 50, 1, 2},
                                         SaturationCase{0.5, 2, 100, 20}, SaturationCase{13, 20, 33, 33}));

TEST(TokenBucketQuota, AdmitsBurstAtOnceThenBlocks) {
  FakeClock clock;
  QuotaEnforcer q(Config(10, 20), clock);
  EXPECT_EQ(Drain(q, "a"), 20);
}

TEST(TokenBucketQuota, RefillsAtTheConfiguredRate) {
  FakeClock clock;
  QuotaEnforcer q(Config(10, 20), clock);
  Drain(q, "a");
  clock.Advance(seconds(1));
  EXPECT_EQ(Drain(q, "a"), 10);
  clock.Advance(milliseconds(250));
  EXPECT_EQ(Drain(q, "a"), 2);
}

TEST(TokenBucketQuota, RefillStopsAtBurst) {
  FakeClock clock;
  QuotaEnforcer q(Config(10, 20), clock);
  Drain(q, "a");
  clock.Advance(seconds(100));
  EXPECT_EQ(Drain(q, "a"), 20);
}

TEST(TokenBucketQuota, ThrottlesFromTheThresholdUpAndBlocksWhenEmpty) {
  FakeClock clock;
  QuotaEnforcer q(Config(10, 20), clock);  // throttle_threshold 0.8 = 16 of 20 tokens
  for (int i = 1; i <= 20; ++i) {
    const QuotaOutcome o = q.Check("a", "", "");
    EXPECT_DOUBLE_EQ(o.backpressure, i / 20.0) << "request " << i;
    EXPECT_EQ(o.decision, i < 16 ? QuotaDecision::kAllow : QuotaDecision::kThrottle) << "request " << i;
    EXPECT_TRUE(o.reason.empty());
  }
  const QuotaOutcome blocked = q.Check("a", "", "");
  EXPECT_EQ(blocked.decision, QuotaDecision::kBlock);
  EXPECT_EQ(blocked.backpressure, 1.0);
}

TEST(TokenBucketQuota, ThrottleThresholdIsConfigurable) {
  FakeClock clock;
  QuotaConfig c = Config(10, 10);
  c.throttle_threshold = 0.5;
  QuotaEnforcer q(c, clock);
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(q.Check("a", "", "").decision, QuotaDecision::kAllow);
  EXPECT_EQ(q.Check("a", "", "").decision, QuotaDecision::kThrottle);
}

TEST(TokenBucketQuota, BlockReasonNamesTheAgent) {
  FakeClock clock;
  QuotaEnforcer q(Config(20, 20), clock);
  Drain(q, "agent_0001");
  EXPECT_EQ(q.Check("agent_0001", "", "").reason,
            "agent agent_0001 exceeded quota: 20.0 req/s burst exhausted");
}

TEST(TokenBucketQuota, SharedCohortBlocksDistinctAgentsWithCohortReason) {
  FakeClock clock;
  QuotaEnforcer q(Config(10, 5), clock);
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(Admitted(q.Check("agent_" + std::to_string(i), "load-test", "")));
  }
  const QuotaOutcome o = q.Check("agent_9", "load-test", "");
  EXPECT_EQ(o.decision, QuotaDecision::kBlock);
  EXPECT_EQ(o.reason, "cohort load-test exceeded quota: 10.0 req/s burst exhausted");
}

TEST(TokenBucketQuota, TenantIsTheRegionAndLimitsAllItsAgents) {
  FakeClock clock;
  QuotaEnforcer q(Config(10, 3), clock);
  for (int i = 0; i < 3; ++i) q.Check("agent_" + std::to_string(i), "", "eu-west");
  const QuotaOutcome o = q.Check("agent_7", "", "eu-west");
  EXPECT_EQ(o.reason, "tenant eu-west exceeded quota: 10.0 req/s burst exhausted");
  EXPECT_TRUE(Admitted(q.Check("agent_7", "", "us-east")));
}

TEST(TokenBucketQuota, AgentCohortAndTenantWithTheSameIdDoNotShareABucket) {
  FakeClock clock;
  QuotaEnforcer q(Config(10, 2), clock);
  Drain(q, "eu");  // the agent "eu" is empty
  EXPECT_TRUE(Admitted(q.Check("x", "eu", "")));
  EXPECT_TRUE(Admitted(q.Check("y", "", "eu")));
  EXPECT_EQ(q.LiveEntities(), 5u);  // agents eu, x, y; cohort eu; tenant eu
}

TEST(TokenBucketQuota, RequestBlockedByCohortSpendsNoAgentToken) {
  FakeClock clock;
  QuotaEnforcer q(Config(10, 2), clock);
  q.Check("x", "c", "");
  q.Check("y", "c", "");  // cohort c is now empty
  for (int i = 0; i < 5; ++i) ASSERT_FALSE(Admitted(q.Check("a", "c", "")));
  EXPECT_EQ(Drain(q, "a"), 2);  // agent a still has its whole burst
}

TEST(TokenBucketQuota, RequestBlockedByTenantSpendsNoAgentOrCohortToken) {
  FakeClock clock;
  QuotaEnforcer q(Config(10, 2), clock);
  q.Check("x", "", "t");
  q.Check("y", "", "t");  // tenant t is now empty
  ASSERT_FALSE(Admitted(q.Check("a", "c", "t")));
  EXPECT_EQ(Drain(q, "a", "c"), 2);
}

TEST(TokenBucketQuota, BackpressureIsTheHighestUtilisationAmongEntities) {
  FakeClock clock;
  QuotaEnforcer q(Config(10, 10), clock);
  for (int i = 0; i < 4; ++i) q.Check("agent_" + std::to_string(i), "c", "");
  const QuotaOutcome o = q.Check("fresh", "c", "");  // agent 1/10, cohort 5/10
  EXPECT_DOUBLE_EQ(o.backpressure, 0.5);
}

TEST(TokenBucketQuota, GlobalBucketLimitsAllAgentsTogether) {
  FakeClock clock;
  QuotaConfig c = Config(10, 3);
  c.global_requests_per_second = 5;
  QuotaEnforcer q(c, clock);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(Admitted(q.Check("agent_" + std::to_string(i), "", "")));
  const QuotaOutcome o = q.Check("agent_3", "", "");
  EXPECT_EQ(o.decision, QuotaDecision::kBlock);
  EXPECT_EQ(o.reason, "global exceeded quota: 5.0 req/s burst exhausted");
  clock.Advance(seconds(1));
  int admitted = 0;
  for (int i = 10; i < 20; ++i) admitted += Admitted(q.Check("agent_" + std::to_string(i), "", ""));
  EXPECT_EQ(admitted, 3);  // refilled at 5/s, capped at the burst of 3
}

TEST(TokenBucketQuota, RequestBlockedByGlobalBucketSpendsNoAgentToken) {
  FakeClock clock;
  QuotaConfig c = Config(0.1, 2);  // an agent refills one token per 10 s
  c.global_requests_per_second = 1;
  QuotaEnforcer q(c, clock);
  q.Check("x", "", "");
  q.Check("y", "", "");  // the global bucket is empty
  ASSERT_FALSE(Admitted(q.Check("a", "", "")));
  clock.Advance(seconds(2));  // the global bucket is full again; a spent token would not be
  EXPECT_EQ(Drain(q, "a"), 2);
}

TEST(TokenBucketQuota, NoGlobalBucketWhenGlobalRateIsZero) {
  FakeClock clock;
  QuotaEnforcer q(Config(10, 1), clock);
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(Admitted(q.Check("agent_" + std::to_string(i), "", "")));
}

TEST(TokenBucketQuota, CohortIsNotLimitedWhenCohortIsolationIsOff) {
  FakeClock clock;
  QuotaConfig c = Config(10, 1);
  c.cohort_isolation = false;
  QuotaEnforcer q(c, clock);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(Admitted(q.Check("agent_" + std::to_string(i), "c", "")));
  EXPECT_EQ(q.LiveEntities(), 10u);
}

TEST(TokenBucketQuota, TenantIsNotLimitedWhenTenantIsolationIsOff) {
  FakeClock clock;
  QuotaConfig c = Config(10, 1);
  c.tenant_isolation = false;
  QuotaEnforcer q(c, clock);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(Admitted(q.Check("agent_" + std::to_string(i), "", "t")));
}

// ---- eviction -------------------------------------------------------------

TEST(TokenBucketQuota, EvictsEntitiesIdleForTheEvictionTime) {
  FakeClock clock;
  QuotaConfig c = Config(10, 20);
  c.idle_eviction_seconds = 10;
  QuotaEnforcer q(c, clock);
  for (int i = 0; i < 1000; ++i) q.Check("agent_" + std::to_string(i), "c", "t");
  EXPECT_EQ(q.LiveEntities(), 1002u);
  clock.Advance(seconds(20));
  q.Check("fresh", "", "");
  EXPECT_EQ(q.LiveEntities(), 1u);
}

TEST(TokenBucketQuota, KeepsEntitiesUsedWithinTheEvictionTime) {
  FakeClock clock;
  QuotaConfig c = Config(10, 20);
  c.idle_eviction_seconds = 10;
  QuotaEnforcer q(c, clock);
  for (int i = 0; i < 100; ++i) q.Check("agent_" + std::to_string(i), "", "");
  clock.Advance(seconds(5));
  q.Check("fresh", "", "");
  EXPECT_EQ(q.LiveEntities(), 101u);
}

TEST(TokenBucketQuota, KeepsAnIdleEntityUntilItsBucketIsFullAgain) {
  FakeClock clock;
  QuotaConfig c = Config(0.01, 1);  // one token per 100 s
  c.idle_eviction_seconds = 1;
  QuotaEnforcer q(c, clock);
  ASSERT_TRUE(Admitted(q.Check("slow", "", "")));
  clock.Advance(seconds(50));
  q.Check("other", "", "");
  EXPECT_EQ(q.LiveEntities(), 2u);
  EXPECT_FALSE(Admitted(q.Check("slow", "", "")));  // still owes 50 s: not forgotten
  clock.Advance(seconds(60));                       // full since 10 s, idle for more than 1 s
  q.Check("other", "", "");
  EXPECT_EQ(q.LiveEntities(), 1u);
}

TEST(TokenBucketQuota, LiveEntitiesStayBoundedUnderAStreamOfNewAgents) {
  FakeClock clock;
  QuotaConfig c = Config(10, 20);
  c.idle_eviction_seconds = 10;
  QuotaEnforcer q(c, clock);
  // 100 new agents per second for 2 minutes; each is live for at most
  // idle (10 s) + refill (0.1 s) + one sweep period (5 s).
  int next = 0;
  for (int tick = 0; tick < 1200; ++tick) {
    for (int i = 0; i < 10; ++i) q.Check("agent_" + std::to_string(next++), "", "");
    clock.Advance(milliseconds(100));
    ASSERT_LE(q.LiveEntities(), 100u * (10 + 5 + 1)) << "tick " << tick;
  }
  EXPECT_GE(q.LiveEntities(), 100u * 10);
}

// Decisions with eviction on (idle 1 s) and in effect off (1e8 s) are the
// same: an evicted bucket was full, as a new one is.
TEST(TokenBucketQuota, EvictionNeverChangesADecision) {
  FakeClock clock;
  QuotaConfig evicting = Config(4, 3);
  evicting.idle_eviction_seconds = 1;
  evicting.global_requests_per_second = 40;
  QuotaConfig keeping = evicting;
  keeping.idle_eviction_seconds = 1e8;
  QuotaEnforcer a(evicting, clock);
  QuotaEnforcer b(keeping, clock);
  std::mt19937 rng(20261129);
  for (int i = 0; i < 20000; ++i) {
    const std::string agent = "agent_" + std::to_string(rng() % 50);
    const std::string cohort = rng() % 2 ? "c" + std::to_string(rng() % 5) : "";
    const QuotaOutcome x = a.Check(agent, cohort, "");
    const QuotaOutcome y = b.Check(agent, cohort, "");
    ASSERT_EQ(x.decision, y.decision) << "request " << i;
    ASSERT_EQ(x.reason, y.reason) << "request " << i;
    ASSERT_EQ(x.backpressure, y.backpressure) << "request " << i;
    clock.Advance(milliseconds(rng() % 4 == 0 ? 1500 : rng() % 50));
  }
  EXPECT_LT(a.LiveEntities(), b.LiveEntities());
}

// ---- against a reference model --------------------------------------------

// The textbook token bucket: credit (ns of refill) per bucket, refilled on
// each visit, one interval spent per admitted request, all-or-nothing over
// the entities of a request. Integer arithmetic, so it is exact.
class ReferenceTokenQuota {
 public:
  ReferenceTokenQuota(int64_t interval_ns, int64_t burst, int64_t global_interval_ns)
      : interval_(interval_ns),
        capacity_(burst * interval_ns),
        global_interval_(global_interval_ns),
        global_capacity_(burst * global_interval_ns) {}

  QuotaOutcome Check(const std::string& agent, const std::string& cohort, const std::string& tenant,
                     int64_t now) {
    struct Entity {
      const char* kind;
      std::string id;
      Bucket* bucket;
    };
    std::vector<Entity> entities = {{"agent", agent, &Get("agent", agent, now)}};
    if (!cohort.empty()) entities.push_back({"cohort", cohort, &Get("cohort", cohort, now)});
    if (!tenant.empty()) entities.push_back({"tenant", tenant, &Get("tenant", tenant, now)});

    QuotaOutcome out;
    std::string refused;
    for (const Entity& e : entities) {
      Refill(*e.bucket, capacity_, now);
      const bool ok = e.bucket->credit >= interval_;
      out.backpressure = std::max(
          out.backpressure, ok ? double(capacity_ - e.bucket->credit + interval_) / double(capacity_) : 1.0);
      if (!ok && refused.empty()) refused = std::string(e.kind) + " " + e.id;
    }
    bool global_ok = true;
    if (global_interval_ > 0) {
      Refill(global_, global_capacity_, now);
      global_ok = global_.credit >= global_interval_;
      out.backpressure = std::max(
          out.backpressure,
          global_ok ? double(global_capacity_ - global_.credit + global_interval_) / double(global_capacity_)
                    : 1.0);
    }
    out.decision = QuotaDecision::kBlock;
    if (!refused.empty()) {
      out.reason = refused + " exceeded quota: " + RateText(interval_) + " req/s burst exhausted";
    } else if (!global_ok) {
      out.reason = "global exceeded quota: " + RateText(global_interval_) + " req/s burst exhausted";
    } else {
      for (const Entity& e : entities) e.bucket->credit -= interval_;
      if (global_interval_ > 0) global_.credit -= global_interval_;
      out.decision = out.backpressure >= 0.8 ? QuotaDecision::kThrottle : QuotaDecision::kAllow;
    }
    return out;
  }

 private:
  struct Bucket {
    int64_t credit = 0;
    int64_t last = 0;
  };

  static std::string RateText(int64_t interval_ns) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", 1e9 / double(interval_ns));
    return buf;
  }
  static void Refill(Bucket& b, int64_t capacity, int64_t now) {
    b.credit = std::min(capacity, b.credit + (now - b.last));
    b.last = now;
  }
  Bucket& Get(const std::string& kind, const std::string& id, int64_t now) {
    auto [it, inserted] = buckets_.try_emplace({kind, id});
    if (inserted) it->second = Bucket{capacity_, now};
    return it->second;
  }

  const int64_t interval_, capacity_, global_interval_, global_capacity_;
  std::map<std::pair<std::string, std::string>, Bucket> buckets_;
  Bucket global_{global_capacity_, 0};
};

TEST(TokenBucketQuota, MatchesTheReferenceTokenBucketOnRandomTraffic) {
  std::mt19937 rng(42);
  for (int round = 0; round < 8; ++round) {
    const double rate = round % 2 ? 4 : 10;  // intervals 250 ms, 100 ms
    const double burst = 1 + round % 5;
    const double global_rate = round % 3 == 0 ? 20 : 0;  // 50 ms
    QuotaConfig c = Config(rate, burst);
    c.global_requests_per_second = global_rate;
    c.idle_eviction_seconds = 2;
    FakeClock clock(0);
    QuotaEnforcer q(c, clock);
    ReferenceTokenQuota ref(int64_t(1e9 / rate), int64_t(burst),
                            global_rate > 0 ? int64_t(1e9 / global_rate) : 0);
    for (int i = 0; i < 5000; ++i) {
      const std::string agent = "a" + std::to_string(rng() % 6);
      const std::string cohort = rng() % 3 ? "c" + std::to_string(rng() % 3) : "";
      const std::string tenant = rng() % 3 ? "t" + std::to_string(rng() % 2) : "";
      const QuotaOutcome got = q.Check(agent, cohort, tenant);
      const QuotaOutcome want = ref.Check(agent, cohort, tenant, clock.NowNanos());
      ASSERT_EQ(QuotaDecisionName(got.decision), QuotaDecisionName(want.decision))
          << "round " << round << " request " << i;
      ASSERT_EQ(got.reason, want.reason) << "round " << round << " request " << i;
      ASSERT_NEAR(got.backpressure, want.backpressure, 1e-12) << "round " << round << " request " << i;
      clock.Advance(milliseconds(rng() % 20 == 0 ? 3000 : rng() % 60));
    }
  }
}

}  // namespace
}  // namespace nethical::quota
