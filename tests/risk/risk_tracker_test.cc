#include "engine/risk/risk_tracker.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "tests/testing/fake_clock.h"

namespace nethical::risk {
namespace {

std::unique_ptr<RiskTracker> Make(int64_t max_agents = 1000, double idle_seconds = 3600) {
  RiskTracker::Options o;
  o.max_agents = max_agents;
  o.idle_seconds = idle_seconds;
  return std::make_unique<RiskTracker>(o);
}

TEST(RiskTracker, KeepsStatePerAgent) {
  auto t = Make();
  t->Update("bad", {.violation_score = 1.0}, 0);
  RiskResult bad = t->Update("bad", {.violation_score = 1.0}, 1);
  RiskResult good = t->Update("good", {}, 2);
  EXPECT_GT(bad.score, 0.5);
  EXPECT_DOUBLE_EQ(good.score, 0.0);
  EXPECT_EQ(t->AgentCount(), 2u);
}

TEST(RiskTracker, EvictsAgentsIdleLongerThanLimit) {
  auto t = Make(1000, /*idle_seconds=*/60);
  FakeClock clock;
  // Enough agents that every shard holds some.
  for (int i = 0; i < 500; ++i) t->Update("agent-" + std::to_string(i), {}, clock.NowNanos());
  clock.Advance(std::chrono::seconds(61));
  // Touch each shard once more: each evicts its idle agents.
  for (int i = 0; i < 500; ++i) t->Update("fresh-" + std::to_string(i), {}, clock.NowNanos());
  EXPECT_EQ(t->AgentCount(), 500u);
}

TEST(RiskTracker, ForgetsEvictedAgentsRisk) {
  auto t = Make(1000, /*idle_seconds=*/60);
  FakeClock clock;
  t->Update("a", {.violation_score = 1.0}, clock.NowNanos());
  clock.Advance(std::chrono::seconds(61));
  // 2000 fresh agents touch every shard, so each evicts its idle entries.
  for (int i = 0; i < 2000; ++i) t->Update("x" + std::to_string(i), {}, clock.NowNanos());
  EXPECT_DOUBLE_EQ(t->Update("a", {}, clock.NowNanos()).score, 0.0);
}

TEST(RiskTracker, AnAgentIdleLongerThanTheLimitStartsOverBeforeItsShardIsSwept) {
  auto t = Make(1000, /*idle_seconds=*/60);  // a shard sweeps at most every 7.5 s
  const size_t shard = RiskTracker::AgentMap::ShardOf(RiskTracker::AgentMap::HashOf(std::string_view("a")));
  std::string neighbour;
  for (int i = 0; neighbour.empty(); ++i) {
    std::string id = "n" + std::to_string(i);
    if (RiskTracker::AgentMap::ShardOf(RiskTracker::AgentMap::HashOf(std::string_view(id))) == shard)
      neighbour = id;
  }
  FakeClock clock;
  t->Update("a", {.violation_score = 1.0}, clock.NowNanos());
  EXPECT_GT(t->Update("a", {.violation_score = 1.0}, clock.NowNanos()).score, 0.5);
  clock.Advance(std::chrono::seconds(59));
  t->Update(neighbour, {}, clock.NowNanos());  // the shard's sweep: nothing idle yet
  clock.Advance(std::chrono::seconds(2));      // "a" idle 61 s; next sweep not due
  EXPECT_EQ(t->AgentCount(), 2u);
  EXPECT_DOUBLE_EQ(t->Update("a", {}, clock.NowNanos()).score, 0.0);
}

TEST(RiskTracker, BoundsAgentsPerShard) {
  auto t = Make(/*max_agents=*/RiskTracker::kShards * 2);
  for (int i = 0; i < 10'000; ++i) t->Update("agent-" + std::to_string(i), {}, i);
  EXPECT_LE(t->AgentCount(), static_cast<size_t>(RiskTracker::kShards * 2));
}

TEST(RiskTracker, ConcurrentAgentsMatchSequentialResults) {
  // Each thread owns its agents, so per-agent order is fixed; results must
  // equal a single-threaded run.
  constexpr int kThreads = 4, kAgentsPerThread = 50, kSteps = 200;
  auto input = [](int agent, int step) {
    return RiskInput{.violation_score = (agent * 7 + step) % 5 == 0 ? 0.75 : 0.0};
  };
  auto run = [&](RiskTracker* t, int thread, std::vector<double>* out) {
    for (int step = 0; step < kSteps; ++step)
      for (int a = 0; a < kAgentsPerThread; ++a) {
        int agent = thread * kAgentsPerThread + a;
        out->push_back(t->Update("agent-" + std::to_string(agent), input(agent, step), step).score);
      }
  };
  auto sequential = Make(), concurrent = Make();
  std::vector<std::vector<double>> expected(kThreads), actual(kThreads);
  for (int i = 0; i < kThreads; ++i) run(sequential.get(), i, &expected[i]);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) threads.emplace_back(run, concurrent.get(), i, &actual[i]);
  for (auto& th : threads) th.join();
  EXPECT_EQ(actual, expected);
}

}  // namespace
}  // namespace nethical::risk
