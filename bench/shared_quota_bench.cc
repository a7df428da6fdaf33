// The shared quota (Redis, engine/quota/redis_quota.h) against the local one
// in the same run: what a round trip per check costs. Starts its own
// redis-server on an ephemeral loopback port (as the tests do) and stops it.
//
//   BM_LocalCheck        QuotaEnforcer in process (token buckets), one agent
//   BM_SharedCheck       the same check through Redis: one EVALSHA per check
//                        over loopback; Threads(1) and Threads(2) (one pooled
//                        connection per concurrent caller)
//   BM_SharedCheckLeased/16  with NETHICAL_SHARED_STATE_LEASE=16: one round
//                        trip per 16 checks of a bucket, the rest local
//   BM_LocalRiskUpdate   RiskTracker (in process), 100 agents
//   BM_SharedRiskUpdate  RedisRisk (NETHICAL_SHARED_RISK): one EVALSHA per
//                        update; Threads(2): two engines (as two processes)
//                        on the same 100 agents, each replaying the other's
//
// Counters: round_trips/op (RedisClient::round_trips over the iterations,
// connection setup included) and connections (one per concurrent worker).
// Every request is admitted (rates far above the offered load): the
// measured path is the ALLOW path. Report the ratio shared / local from one
// run, beside the load average.
//
// Run: bazel run -c opt //bench:shared_quota_bench -- --benchmark_format=json
#include <memory>
#include <string>

#include "benchmark/benchmark.h"
#include "engine/base/clock.h"
#include "engine/config/engine_config.h"
#include "engine/quota/quota_enforcer.h"
#include "engine/risk/redis_risk.h"
#include "engine/risk/risk_tracker.h"
#include "tests/testing/redis_server.h"

namespace {

using nethical::QuotaConfig;
using nethical::SteadyClock;
using nethical::quota::QuotaEnforcer;
using nethical::testing::RedisServer;

QuotaConfig AdmitEverything() {
  QuotaConfig c;
  c.enabled = true;
  c.requests_per_second = 1e9;
  c.burst_size = 1e9;
  c.shared_state_timeout_ms = 1000;
  return c;
}

const SteadyClock& Steady() {
  static const SteadyClock clock;
  return clock;
}

RedisServer* Redis() {
  static std::unique_ptr<RedisServer> server = [] {
    auto s = RedisServer::Start();
    return s.ok() ? std::move(*s) : nullptr;
  }();
  return server.get();
}

// The server, or the benchmark is skipped saying why.
bool RedisOrSkip(benchmark::State& state) {
  if (Redis() != nullptr) return true;
  state.SkipWithError("redis-server could not be started (bash ci/setup)");
  return false;
}

// Counters of a shared benchmark, totals since its engine was made (all
// repetitions and thread counts of that benchmark so far).
void Report(benchmark::State& state, const nethical::SharedStateCounts& c) {
  const double ops = static_cast<double>(c.checks + c.local_checks + c.errors);
  state.counters["errors"] = static_cast<double>(c.errors);
  state.counters["connections"] = static_cast<double>(c.connects);
  state.counters["round_trips/op"] = ops > 0 ? static_cast<double>(c.round_trips) / ops : 0;
}

void BM_LocalCheck(benchmark::State& state) {
  static QuotaEnforcer q(AdmitEverything(), Steady());
  const std::string agent = "agent_" + std::to_string(state.thread_index());
  for (auto _ : state) benchmark::DoNotOptimize(q.Check(agent, "", ""));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LocalCheck)->UseRealTime()->Threads(1)->Threads(2);

void BM_SharedCheck(benchmark::State& state) {
  if (!RedisOrSkip(state)) return;
  static QuotaEnforcer q = [] {
    QuotaConfig c = AdmitEverything();
    c.shared_state = Redis()->url();
    return QuotaEnforcer(c, Steady());
  }();
  const std::string agent = "agent_" + std::to_string(state.thread_index());
  for (auto _ : state) benchmark::DoNotOptimize(q.Check(agent, "", ""));
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) Report(state, *q.SharedState());
}
BENCHMARK(BM_SharedCheck)->UseRealTime()->Threads(1)->Threads(2);

void BM_SharedCheckLeased(benchmark::State& state) {
  if (!RedisOrSkip(state)) return;
  static QuotaEnforcer q = [&] {
    QuotaConfig c = AdmitEverything();
    c.shared_state = Redis()->url();
    c.shared_state_lease = state.range(0);
    return QuotaEnforcer(c, Steady());
  }();
  const std::string agent = "leased_" + std::to_string(state.thread_index());
  for (auto _ : state) benchmark::DoNotOptimize(q.Check(agent, "", ""));
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) Report(state, *q.SharedState());
}
BENCHMARK(BM_SharedCheckLeased)->Arg(16)->UseRealTime()->Threads(1)->Threads(2);

const nethical::risk::RiskInput kViolation{.violation_score = 0.5};

void BM_LocalRiskUpdate(benchmark::State& state) {
  static nethical::risk::RiskTracker tracker(nethical::risk::RiskTracker::Options{});
  uint64_t n = state.thread_index();
  for (auto _ : state)
    benchmark::DoNotOptimize(
        tracker.Update("agent_" + std::to_string(n++ % 100), kViolation, Steady().NowNanos()));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LocalRiskUpdate)->UseRealTime()->Threads(1)->Threads(2);

void BM_SharedRiskUpdate(benchmark::State& state) {
  if (!RedisOrSkip(state)) return;
  // Two engines, as two processes would have: thread i uses engine i.
  static nethical::risk::RedisRisk* engines[2] = {nullptr, nullptr};
  static const bool made = [] {
    nethical::risk::RedisRisk::Options o;
    o.shared_state = AdmitEverything();
    o.shared_state.shared_state = Redis()->url();
    for (auto*& e : engines) e = new nethical::risk::RedisRisk(o, Steady());
    return true;
  }();
  benchmark::DoNotOptimize(made);
  nethical::risk::RedisRisk& engine = *engines[state.thread_index() % 2];
  uint64_t n = state.thread_index();
  for (auto _ : state)
    benchmark::DoNotOptimize(engine.Update("agent_" + std::to_string(n++ % 100), kViolation, 0));
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    nethical::SharedStateCounts sum = *engines[0]->SharedState();
    const nethical::SharedStateCounts other = *engines[1]->SharedState();
    sum.checks += other.checks, sum.errors += other.errors, sum.connects += other.connects;
    sum.round_trips += other.round_trips;
    Report(state, sum);
    state.counters["replayed/op"] =
        sum.checks > 0
            ? static_cast<double>(engines[0]->SharedState()->replayed + other.replayed) / sum.checks
            : 0;
  }
}
BENCHMARK(BM_SharedRiskUpdate)->UseRealTime()->Threads(1)->Threads(2);

}  // namespace

BENCHMARK_MAIN();
