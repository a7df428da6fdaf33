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
//
// Every request is admitted (rates far above the offered load): the
// measured path is the ALLOW path. Report the ratio shared / local from one
// run, beside the load average. (Pipelining is not built: a check is
// synchronous; leasing is the batching variant.)
//
// Run: bazel run -c opt //bench:shared_quota_bench -- --benchmark_format=json
#include <memory>
#include <string>

#include "benchmark/benchmark.h"
#include "engine/base/clock.h"
#include "engine/config/engine_config.h"
#include "engine/quota/quota_enforcer.h"
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

void BM_LocalCheck(benchmark::State& state) {
  static QuotaEnforcer q(AdmitEverything(), Steady());
  const std::string agent = "agent_" + std::to_string(state.thread_index());
  for (auto _ : state) benchmark::DoNotOptimize(q.Check(agent, "", ""));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LocalCheck)->UseRealTime()->Threads(1)->Threads(2);

void BM_SharedCheck(benchmark::State& state) {
  if (Redis() == nullptr) {
    state.SkipWithError("redis-server could not be started (bash ci/setup)");
    return;
  }
  static QuotaEnforcer q = [] {
    QuotaConfig c = AdmitEverything();
    c.shared_state = Redis()->url();
    return QuotaEnforcer(c, Steady());
  }();
  const std::string agent = "agent_" + std::to_string(state.thread_index());
  for (auto _ : state) benchmark::DoNotOptimize(q.Check(agent, "", ""));
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) state.counters["errors"] = static_cast<double>(q.SharedState()->errors);
}
BENCHMARK(BM_SharedCheck)->UseRealTime()->Threads(1)->Threads(2);

void BM_SharedCheckLeased(benchmark::State& state) {
  if (Redis() == nullptr) {
    state.SkipWithError("redis-server could not be started (bash ci/setup)");
    return;
  }
  static QuotaEnforcer q = [&] {
    QuotaConfig c = AdmitEverything();
    c.shared_state = Redis()->url();
    c.shared_state_lease = state.range(0);
    return QuotaEnforcer(c, Steady());
  }();
  const std::string agent = "leased_" + std::to_string(state.thread_index());
  for (auto _ : state) benchmark::DoNotOptimize(q.Check(agent, "", ""));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SharedCheckLeased)->Arg(16)->UseRealTime()->Threads(1)->Threads(2);

}  // namespace

BENCHMARK_MAIN();
