// QuotaEnforcer::Check, default (token-bucket) mode: the per-request cost of
// the quota stage and how it scales across threads.
//
//   BM_Check/steady_clock        one thread, one agent, no cohort/tenant; the
//                                real clock (SteadyClock, ~23 ns of the total)
//   BM_Check/fake_clock          the same with a FakeClock (an atomic load), to
//                                show the enforcer's own cost
//   BM_CheckAgentCohortTenant    three entities (two or three shard locks)
//   BM_CheckDistinctAgents       one agent per thread: Threads(1) vs Threads(2)
//   BM_CheckOneAgent             every thread on the same agent (one shard lock)
//   BM_Check100kEntities         100,000 agents in pseudo-random order
//   BM_100kIdsHarnessOnly        that benchmark's id fetching alone
//   BM_CheckCompat               compat mode (sliding-window log), one agent
//   BM_SteadyClockRead           SteadyClock::NowNanos alone: the share of
//                                BM_Check/steady_clock that is the clock
//
// Rates are set so high that every request is admitted: the measured path is
// the ALLOW path. Threaded figures use real time, so items_per_second is the
// aggregate throughput of all threads.
//
// Run: bazel run -c opt //bench:quota_bench -- --benchmark_format=json
#include <cstdint>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "engine/base/clock.h"
#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"
#include "engine/quota/quota_enforcer.h"
#include "tests/testing/fake_clock.h"

namespace {

using nethical::FakeClock;
using nethical::QuotaConfig;
using nethical::QuotaMode;
using nethical::SteadyClock;
using nethical::quota::QuotaEnforcer;

QuotaConfig AdmitEverything(QuotaMode mode) {
  QuotaConfig c;
  c.enabled = true;
  c.mode = mode;
  c.requests_per_second = 1e12;
  c.burst_size = 1e9;
  return c;
}

const SteadyClock& Steady() {
  static const SteadyClock clock;
  return clock;
}

// Shared by all threads of a benchmark: the enforcer every caller of the
// engine would share.
QuotaEnforcer& SteadyEnforcer() {
  static QuotaEnforcer q(AdmitEverything(QuotaMode::kTokenBucket), Steady());
  return q;
}

void CheckLoop(benchmark::State& state, QuotaEnforcer& q, const std::string& agent, const std::string& cohort,
               const std::string& tenant) {
  for (auto _ : state) {
    nethical::QuotaOutcome o = q.Check(agent, cohort, tenant);
    benchmark::DoNotOptimize(o);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_Check_SteadyClock(benchmark::State& state) {
  CheckLoop(state, SteadyEnforcer(), "agent_0001", "", "");
}
BENCHMARK(BM_Check_SteadyClock)->Name("BM_Check/steady_clock");

void BM_Check_FakeClock(benchmark::State& state) {
  static FakeClock clock;
  static QuotaEnforcer q(AdmitEverything(QuotaMode::kTokenBucket), clock);
  CheckLoop(state, q, "agent_0001", "", "");
}
BENCHMARK(BM_Check_FakeClock)->Name("BM_Check/fake_clock");

void BM_CheckAgentCohortTenant(benchmark::State& state) {
  CheckLoop(state, SteadyEnforcer(), "agent_0002", "load-test", "eu-west-1");
}
BENCHMARK(BM_CheckAgentCohortTenant);

void BM_CheckDistinctAgents(benchmark::State& state) {
  CheckLoop(state, SteadyEnforcer(), "agent_1" + std::to_string(state.thread_index()), "", "");
}
BENCHMARK(BM_CheckDistinctAgents)->Threads(1)->Threads(2)->UseRealTime();

void BM_CheckOneAgent(benchmark::State& state) { CheckLoop(state, SteadyEnforcer(), "agent_hot", "", ""); }
BENCHMARK(BM_CheckOneAgent)->Threads(1)->Threads(2)->UseRealTime();

// 100,000 agent ids (like "agent-100123-prod", docs/perf-floors.md §3) and a
// fixed pseudo-random visiting order, so the working set, not the
// prefetcher, decides the cost.
struct ManyAgents {
  static constexpr size_t kAgents = 100'000;
  static constexpr size_t kOrder = 1 << 20;
  std::vector<std::string> ids;
  std::vector<uint32_t> order;

  ManyAgents() : order(kOrder) {
    ids.reserve(kAgents);
    for (size_t i = 0; i < kAgents; ++i) ids.push_back("agent-" + std::to_string(100000 + i) + "-prod");
    uint64_t x = 88172645463325252ULL;  // xorshift64
    for (uint32_t& i : order) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      i = static_cast<uint32_t>(x % kAgents);
    }
  }
};

const ManyAgents& Agents100k() {
  static const ManyAgents agents;
  return agents;
}

template <typename ClockT>
void BM_Check100kEntities(benchmark::State& state) {
  const ManyAgents& agents = Agents100k();
  static ClockT clock;
  static QuotaEnforcer q(AdmitEverything(QuotaMode::kTokenBucket), clock);
  for (const std::string& a : agents.ids) q.Check(a, "", "");
  state.counters["live_entities"] = static_cast<double>(q.LiveEntities());

  size_t i = 0;
  for (auto _ : state) {
    nethical::QuotaOutcome o = q.Check(agents.ids[agents.order[i]], "", "");
    benchmark::DoNotOptimize(o);
    i = (i + 1) & (ManyAgents::kOrder - 1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_TEMPLATE(BM_Check100kEntities, SteadyClock)->Name("BM_Check100kEntities/steady_clock");
BENCHMARK_TEMPLATE(BM_Check100kEntities, FakeClock)->Name("BM_Check100kEntities/fake_clock");

// The harness of BM_Check100kEntities alone: fetching the next id and
// touching its bytes (two of the cache misses in that benchmark are here).
void BM_100kIdsHarnessOnly(benchmark::State& state) {
  const ManyAgents& agents = Agents100k();
  size_t i = 0;
  for (auto _ : state) {
    const std::string& id = agents.ids[agents.order[i]];
    benchmark::DoNotOptimize(id.data()[id.size() - 1]);
    i = (i + 1) & (ManyAgents::kOrder - 1);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_100kIdsHarnessOnly);

void BM_CheckCompat(benchmark::State& state) {
  // The rate and burst terms stay far below the block threshold, and the
  // log fills to its 1000 entries: the binary searches run at full depth.
  static QuotaEnforcer q(AdmitEverything(QuotaMode::kCompat), Steady());
  CheckLoop(state, q, "agent_0001", "", "");
}
BENCHMARK(BM_CheckCompat);

void BM_SteadyClockRead(benchmark::State& state) {
  const nethical::Clock& clock = Steady();
  for (auto _ : state) benchmark::DoNotOptimize(clock.NowNanos());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SteadyClockRead);

}  // namespace
