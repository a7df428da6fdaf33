// Microbenchmarks of the quarantine check (engine/quarantine): the fast
// path with nothing quarantined, and with 10k entries held (a miss and a hit).
// Run: bazel run -c opt //bench:quarantine_bench -- --benchmark_format=json
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "engine/quarantine/quarantine_manager.h"
#include "tests/testing/fake_clock.h"

namespace nethical::quarantine {
namespace {

std::vector<std::string> Ids(int n, const char* prefix) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back(prefix + std::to_string(100000 + i) + "-prod");
  return ids;
}

void BM_QuarantineCheckEmpty(benchmark::State& state) {
  FakeClock clock;
  QuarantineManager manager(Config{}, clock);
  const auto agents = Ids(1024, "agent-");
  size_t i = 0, hits = 0;
  for (auto _ : state) hits += manager.IsQuarantined(agents[i++ & 1023], "cohort-a", clock.NowNanos());
  benchmark::DoNotOptimize(hits);
}
BENCHMARK(BM_QuarantineCheckEmpty);

// 10k agents and 8 cohorts quarantined; the checked agents and cohort are not.
void BM_QuarantineCheckMiss(benchmark::State& state) {
  FakeClock clock;
  QuarantineManager manager(Config{}, clock);
  for (const auto& id : Ids(10000, "held-")) (void)manager.Quarantine(QuarantineScope::kAgent, id, "r");
  for (const auto& id : Ids(8, "cohort-held-")) (void)manager.Quarantine(QuarantineScope::kCohort, id, "r");
  const auto agents = Ids(1024, "agent-");
  size_t i = 0, hits = 0;
  for (auto _ : state) hits += manager.IsQuarantined(agents[i++ & 1023], "cohort-a", clock.NowNanos());
  benchmark::DoNotOptimize(hits);
  state.counters["held"] = static_cast<double>(manager.Held());
}
BENCHMARK(BM_QuarantineCheckMiss);

// The checked agent is one of the 10k quarantined (one probe answers).
void BM_QuarantineCheckHit(benchmark::State& state) {
  FakeClock clock;
  QuarantineManager manager(Config{}, clock);
  const auto held = Ids(10000, "held-");
  for (const auto& id : held) (void)manager.Quarantine(QuarantineScope::kAgent, id, "r");
  size_t i = 0, hits = 0;
  for (auto _ : state) hits += manager.IsQuarantined(held[i++ % 10000], "cohort-a", clock.NowNanos());
  benchmark::DoNotOptimize(hits);
}
BENCHMARK(BM_QuarantineCheckHit);

// Both threads check at once (shard locks contend only on the same shard).
void BM_QuarantineCheckMissThreads(benchmark::State& state) {
  static FakeClock clock;
  static QuarantineManager* manager = [] {
    auto* m = new QuarantineManager(Config{}, clock);
    for (const auto& id : Ids(10000, "held-")) (void)m->Quarantine(QuarantineScope::kAgent, id, "r");
    return m;
  }();
  const auto agents = Ids(1024, state.thread_index() == 0 ? "agent-a-" : "agent-b-");
  size_t i = 0, hits = 0;
  for (auto _ : state) hits += manager->IsQuarantined(agents[i++ & 1023], "cohort-a", clock.NowNanos());
  benchmark::DoNotOptimize(hits);
}
BENCHMARK(BM_QuarantineCheckMissThreads)->Threads(2);

}  // namespace
}  // namespace nethical::quarantine
