// QuotaEnforcer under concurrent callers. Run under TSan:
//   bazel test --config=tsan //tests/quota/...
//
// Time is a FakeClock moved by a driver thread. After each step the driver
// waits until the workers have made enough calls to empty every bucket at
// the new time, so the callers saturate and the admitted total is exact.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"
#include "engine/quota/quota_enforcer.h"
#include "tests/testing/fake_clock.h"

namespace nethical::quota {
namespace {

using std::chrono::milliseconds;

constexpr int kThreads = 4;

QuotaConfig Config(double rate, double burst) {
  QuotaConfig c;
  c.enabled = true;
  c.requests_per_second = rate;
  c.burst_size = burst;
  return c;
}

struct RunResult {
  int64_t admitted = 0;
  int64_t calls = 0;
};

// Runs kThreads workers calling `check(thread, call)` while time advances by
// `step` `steps` times. Returns the admitted total.
RunResult RunSaturated(FakeClock& clock, milliseconds step, int steps, int calls_per_step,
                       const std::function<QuotaOutcome(int, int64_t)>& check) {
  std::atomic<bool> stop{false};
  std::atomic<int64_t> admitted{0};
  std::atomic<int64_t> calls{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < kThreads; ++t) {
    workers.emplace_back([&, t] {
      for (int64_t n = 0; !stop.load(std::memory_order_acquire); ++n) {
        if (check(t, n).decision != QuotaDecision::kBlock) admitted.fetch_add(1);
        calls.fetch_add(1, std::memory_order_release);
      }
    });
  }
  auto wait_calls = [&] {
    const int64_t target = calls.load(std::memory_order_acquire) + calls_per_step;
    while (calls.load(std::memory_order_acquire) < target) std::this_thread::yield();
  };
  wait_calls();
  for (int i = 0; i < steps; ++i) {
    clock.Advance(step);
    wait_calls();
  }
  stop.store(true, std::memory_order_release);
  for (std::thread& w : workers) w.join();
  return {admitted.load(), calls.load()};
}

TEST(ConcurrentQuota, ThreadsOnOneAgentAreAdmittedExactlyRateTimesTPlusBurst) {
  FakeClock clock;
  QuotaEnforcer q(Config(100, 20), clock);
  // 2 s in 20 ms steps: two tokens per step.
  const RunResult r =
      RunSaturated(clock, milliseconds(20), 100, 100, [&](int, int64_t) { return q.Check("agent", "", ""); });
  EXPECT_LE(r.admitted, 100 * 2 + 20);
  EXPECT_GE(r.admitted, 100 * 2 + 20 - 1);
}

TEST(ConcurrentQuota, DistinctAgentsInOneCohortNeverExceedTheCohortBucket) {
  FakeClock clock;
  QuotaEnforcer q(Config(50, 10), clock);
  const RunResult r = RunSaturated(clock, milliseconds(40), 50, 100, [&](int t, int64_t n) {
    const std::string agent = "agent_" + std::to_string(t) + "_" + std::to_string(n % 97);
    return q.Check(agent, "load-test", "eu");
  });
  EXPECT_LE(r.admitted, 50 * 2 + 10);
  EXPECT_GE(r.admitted, 50 * 2 + 10 - 1);
}

TEST(ConcurrentQuota, GlobalBucketIsNeverExceededAcrossThreads) {
  FakeClock clock;
  QuotaConfig c = Config(1000, 20);
  c.global_requests_per_second = 200;
  QuotaEnforcer q(c, clock);
  const RunResult r = RunSaturated(clock, milliseconds(20), 50, 100, [&](int t, int64_t n) {
    return q.Check("agent_" + std::to_string(t * 1000 + n % 500), "", "");
  });
  EXPECT_LE(r.admitted, 200 * 1 + 20);
  EXPECT_GE(r.admitted, 200 * 1 + 20 - 1);
}

TEST(ConcurrentQuota, EvictionUnderConcurrentTrafficKeepsTheBound) {
  FakeClock clock;
  QuotaConfig c = Config(100, 20);
  c.idle_eviction_seconds = 0;  // sweep as often as allowed: once per second per pass
  QuotaEnforcer q(c, clock);
  // One hot agent shared by all threads, plus a stream of one-shot agents
  // that the sweeps remove while the hot agent is being checked.
  std::atomic<int64_t> hot_admitted{0};
  const RunResult r = RunSaturated(clock, milliseconds(100), 50, 200, [&](int t, int64_t n) {
    if (n % 2) return q.Check("agent_" + std::to_string(t) + "_" + std::to_string(n), "", "");
    QuotaOutcome o = q.Check("hot", "", "");
    if (o.decision != QuotaDecision::kBlock) hot_admitted.fetch_add(1);
    return o;
  });
  EXPECT_GT(r.calls, 0);
  EXPECT_LE(hot_admitted.load(), 100 * 5 + 20);
  EXPECT_GE(hot_admitted.load(), 100 * 5 + 20 - 1);
  EXPECT_LT(q.LiveEntities(), static_cast<size_t>(r.calls));
}

TEST(ConcurrentQuota, CompatSharedCohortAdmitsAtMost19PerSecondAcrossThreads) {
  FakeClock clock;
  QuotaConfig c = Config(10, 20);
  c.mode = QuotaMode::kCompat;
  QuotaEnforcer q(c, clock);
  // Steps of 1001 ms: each step the 1 s window has emptied, the 60 s one not.
  const RunResult r = RunSaturated(clock, milliseconds(1001), 3, 200, [&](int t, int64_t n) {
    return q.Check("agent_" + std::to_string(t) + "_" + std::to_string(n % 50), "c", "");
  });
  EXPECT_EQ(r.admitted, 4 * 19);
}

}  // namespace
}  // namespace nethical::quota
