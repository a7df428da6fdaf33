// Per-agent risk shared through Redis: each test starts its own redis-server
// on an ephemeral loopback port (the RedisTest fixture) and stops it. Time is
// a FakeClock's wall clock (the state's time base).
#include "engine/risk/redis_risk.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "engine/risk/agent_risk_codec.h"
#include "engine/shared_state/redis_client.h"
#include "gtest/gtest.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/redis_test.h"

namespace nethical::risk {
namespace {

class RedisRiskTest : public testing::RedisTest {
 protected:
  RedisRisk::Options Options(SharedStateFailure failure = SharedStateFailure::kOpen) {
    RedisRisk::Options o;
    o.shared_state.shared_state = redis().url();
    o.shared_state.shared_state_timeout_ms = 1000;
    o.shared_state.shared_state_failure = failure;
    o.idle_seconds = 600;
    return o;
  }
  // The agent's state as Redis holds it: the snapshot, then the log's
  // updates applied in order (what any engine that saw nothing computes).
  AgentRisk State(const std::string& agent) {
    AgentRisk s;
    StatusOr<shared_state::RedisReply> snapshot = Command({"GET", RedisRiskKey(agent)});
    StatusOr<shared_state::RedisReply> log = Command({"LRANGE", RedisRiskLogKey(agent), "0", "-1"});
    EXPECT_TRUE(snapshot.ok() && snapshot->type == shared_state::RedisReply::Type::kString);
    EXPECT_TRUE(log.ok());
    if (!snapshot.ok() || !log.ok()) return s;
    const std::string& text = snapshot->text;  // "<era> <version> <state>"
    const std::string state = text.substr(text.find(' ', text.find(' ') + 1) + 1);
    if (!state.empty()) {
      EXPECT_TRUE(DecodeAgentRisk(state, &s)) << text;
    }
    RiskModel model(RiskConfig{});
    for (const shared_state::RedisReply& u : log->elements) {  // "<seq> <time_ns> <input>"
      const size_t a = u.text.find(' '), b = u.text.find(' ', a + 1);
      const int64_t at = std::stoll(u.text.substr(a + 1, b - a - 1));
      RiskInput in;
      EXPECT_TRUE(DecodeRiskInput(u.text.substr(b + 1), &in)) << u.text;
      model.Update(&s, in, std::max(at, s.last_update_ns));
    }
    return s;
  }
};

const RiskInput kInputs[] = {{.violation_score = 0.75},
                             {},
                             {.violation_score = 1.0, .is_privileged = true},
                             {.pii_risk = 0.6},
                             {.violation_score = 0.25, .is_automated = true, .backpressure = 0.9},
                             {}};

// Two engines take turns on one agent; each result is bit for bit what one
// RiskModel applying the same actions at the same times computes.
TEST_F(RedisRiskTest, AnAgentsRiskIsTheSameWhicheverEngineEvaluatesIt) {
  FakeClock clock;
  RedisRisk a(Options(), clock), b(Options(), clock);
  RiskModel model(RiskConfig{});
  AgentRisk reference;
  for (int i = 0; i < 24; ++i) {
    const RiskInput& in = kInputs[i % 6];
    RedisRisk& engine = (i % 3 == 0) ? b : a;
    const RiskResult shared = engine.Update("agent_1", in, clock.NowNanos());
    const RiskResult local = model.Update(&reference, in, clock.WallNanos());
    ASSERT_EQ(shared.score, local.score) << i;
    EXPECT_EQ(shared.tier, local.tier) << i;
    EXPECT_EQ(shared.violation_frequency, local.violation_frequency) << i;
    EXPECT_EQ(shared.violation_recency, local.violation_recency) << i;
    clock.Advance(std::chrono::minutes(7));
  }
  EXPECT_EQ(EncodeAgentRisk(State("agent_1")), EncodeAgentRisk(reference));
}

TEST_F(RedisRiskTest, EveryUpdateIsOneRoundTripAndNothingIsReplayedWhileOneEngineUpdates) {
  FakeClock clock;
  RedisRisk a(Options(), clock);
  for (int i = 0; i < 10; ++i) a.Update("agent_1", kInputs[i % 6], clock.NowNanos());
  const SharedStateCounts c = *a.SharedState();
  EXPECT_EQ(c.checks, 10u);
  EXPECT_EQ(c.replayed, 0u);
  EXPECT_EQ(c.connects, 1u);
  EXPECT_EQ(c.script_loads, 1u);
}

TEST_F(RedisRiskTest, AnEngineReplaysTheUpdatesOfOthersItHasNotSeen) {
  FakeClock clock;
  RedisRisk a(Options(), clock), b(Options(), clock);
  a.Update("agent_1", kInputs[0], clock.NowNanos());
  a.Update("agent_1", kInputs[0],
           clock.NowNanos());  // a has seen versions 1, 2; the server's snapshot is at 1
  b.Update("agent_1", kInputs[2], clock.NowNanos());  // b: the snapshot and update 2, then its own 3
  a.Update("agent_1", kInputs[1], clock.NowNanos());  // a: update 3, then its own 4
  EXPECT_EQ(a.SharedState()->replayed, 1u);
  EXPECT_EQ(b.SharedState()->replayed, 1u);
  EXPECT_EQ(a.SharedState()->checks + b.SharedState()->checks, 4u);
  EXPECT_EQ(State("agent_1").actions, 4u);
  EXPECT_EQ(State("agent_1").violating_actions, 3u);
}

TEST_F(RedisRiskTest, AnAgentsKeyExpiresAfterTheAgentIdleTime) {
  FakeClock clock;
  RedisRisk a(Options(), clock);  // idle_seconds 600
  a.Update("agent_1", {}, clock.NowNanos());
  StatusOr<shared_state::RedisReply> ttl = Command({"PTTL", RedisRiskKey("agent_1")});
  ASSERT_TRUE(ttl.ok());
  EXPECT_GT(ttl->integer, 590'000);
  EXPECT_LE(ttl->integer, 600'000);
}

// Threads of two engines update a few agents at once: every update is in the
// state, none lost to a concurrent one (run under TSan too).
TEST_F(RedisRiskTest, ConcurrentUpdatesOfTwoEnginesLoseNothing) {
  FakeClock clock;
  RedisRisk engines[2] = {RedisRisk(Options(), clock), RedisRisk(Options(), clock)};
  constexpr int kThreads = 4, kUpdates = 150, kAgents = 3;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kUpdates; ++i)
        engines[t % 2].Update("agent_" + std::to_string(i % kAgents), kInputs[(i + t) % 6], clock.NowNanos());
    });
  for (std::thread& t : threads) t.join();
  uint64_t actions = 0, violating = 0;
  for (int a = 0; a < kAgents; ++a) {
    const AgentRisk s = State("agent_" + std::to_string(a));
    actions += s.actions;
    violating += s.violating_actions;
  }
  // kInputs violate in 3 of every 6 (0, 2, 4), and 150 is a multiple of 6.
  EXPECT_EQ(actions, uint64_t{kThreads * kUpdates});
  EXPECT_EQ(violating, uint64_t{kThreads * kUpdates / 2});
  const SharedStateCounts a = *engines[0].SharedState(), b = *engines[1].SharedState();
  EXPECT_EQ(a.checks + b.checks, uint64_t{kThreads * kUpdates});
  EXPECT_EQ(a.errors + b.errors, 0u);
}

TEST_F(RedisRiskTest, LostServerOpenComputesLocallyFromTheLastSeenStateAndCounts) {
  FakeClock clock;
  RedisRisk a(Options(SharedStateFailure::kOpen), clock);
  RiskModel model(RiskConfig{});
  AgentRisk reference;
  a.Update("agent_1", kInputs[0], clock.NowNanos());
  model.Update(&reference, kInputs[0], clock.WallNanos());
  redis().Kill();
  const RiskResult open = a.Update("agent_1", kInputs[2], clock.NowNanos());
  EXPECT_EQ(open.score, model.Update(&reference, kInputs[2], clock.WallNanos()).score);
  const SharedStateCounts c = *a.SharedState();
  EXPECT_EQ(c.checks, 1u);
  EXPECT_EQ(c.errors, 1u);
  EXPECT_EQ(c.fail_open_admits, 1u);
  EXPECT_EQ(c.fail_closed_blocks, 0u);
}

TEST_F(RedisRiskTest, LostServerClosedReportsTheHighestRisk) {
  FakeClock clock;
  RedisRisk a(Options(SharedStateFailure::kClosed), clock);
  a.Update("agent_1", {}, clock.NowNanos());
  redis().Kill();
  const RiskResult closed = a.Update("agent_1", {}, clock.NowNanos());
  EXPECT_EQ(closed.score, 1.0);
  EXPECT_EQ(closed.tier, RiskTier::kElevated);
  EXPECT_EQ(a.SharedState()->fail_closed_blocks, 1u);
}

TEST_F(RedisRiskTest, AfterTheBackoffTheServerIsAskedAgain) {
  FakeClock clock;
  RedisRisk a(Options(), clock);
  a.Update("agent_1", kInputs[0], clock.NowNanos());
  ASSERT_TRUE(redis().Restart().ok());                // empty: the agent is new there
  a.Update("agent_1", kInputs[0], clock.NowNanos());  // the old connection breaks: open, backoff starts
  clock.Advance(std::chrono::nanoseconds(shared_state::RedisClient::kMaxBackoffNs));
  a.Update("agent_1", kInputs[0], clock.NowNanos());
  const SharedStateCounts c = *a.SharedState();
  EXPECT_EQ(c.errors, 1u);
  EXPECT_EQ(c.checks, 2u);
  EXPECT_EQ(c.connects, 2u);
  EXPECT_EQ(c.script_loads, 2u);
  EXPECT_EQ(State("agent_1").actions, 1u);  // the new server's state starts from the update it stored
}

}  // namespace
}  // namespace nethical::risk
