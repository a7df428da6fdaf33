// Microbenchmarks of the anomaly stage: Record() per action with warm state
// for 10k agents, the drift window comparison, and the per-agent memory.
// Run: bazel run -c opt //bench:anomaly_bench -- --benchmark_format=json
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "engine/anomaly/anomaly_detector.h"
#include "engine/anomaly/drift_metrics.h"
#include "engine/anomaly/trigram_model.h"
#include "engine/base/clock.h"

namespace nethical::anomaly {
namespace {

std::vector<std::string> AgentIds(int n, const char* prefix) {
  std::vector<std::string> ids;
  ids.reserve(n);
  for (int i = 0; i < n; ++i) ids.push_back(prefix + std::to_string(100000 + i) + "-prod");
  return ids;
}

ActionType TypeOf(uint64_t i) { return static_cast<ActionType>((i * 2654435761u >> 7) % 3); }

std::unique_ptr<AnomalyDetector> Detector(const Clock& clock) {
  AnomalyConfig config;
  config.enabled = true;
  return std::move(AnomalyDetector::Create(config, clock).value());
}

// Bytes glibc malloc has handed out (chunk overhead included).
int64_t HeapInUse() { return static_cast<int64_t>(mallinfo2().uordblks); }

// Resident set size in bytes, from /proc/self/statm.
int64_t ResidentBytes() {
  long pages = 0, resident = 0;
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
  std::fclose(f);
  return static_cast<int64_t>(resident) * sysconf(_SC_PAGESIZE);
}

void BM_AnomalyRecordWarm(benchmark::State& state) {
  const int agents = static_cast<int>(state.range(0));
  SteadyClock clock;
  auto detector = Detector(clock);
  const auto ids = AgentIds(agents, "agent-");
  for (int round = 0; round < 12; ++round)
    for (int a = 0; a < agents; ++a) detector->Record(ids[a], "prod", TypeOf(a + round), 0.3);
  uint64_t i = 0;
  int64_t alerts = 0;
  for (auto _ : state) {
    const auto alert = detector->Record(ids[i % agents], "prod", TypeOf(i), (i % 97) / 97.0);
    alerts += alert.has_value();
    ++i;
  }
  state.counters["live_agents"] = static_cast<double>(detector->LiveAgents());
  state.counters["alerts_per_action"] = static_cast<double>(alerts) / static_cast<double>(i);
}
BENCHMARK(BM_AnomalyRecordWarm)->Arg(1000)->Arg(10000)->Arg(100000);

// Memory per live agent for 200k new agents: the computed figure, the
// measured malloc heap delta, and the RSS delta (only meaningful in the
// first repetition: later ones reuse pages the previous one freed).
void BM_AnomalyMemoryPerAgent(benchmark::State& state) {
  constexpr int kAgents = 200000;
  const auto ids = AgentIds(kAgents, "agent-");
  double rss_per_agent = 0;
  double heap_per_agent = 0;
  for (auto _ : state) {
    SteadyClock clock;
    auto detector = Detector(clock);
    const int64_t rss_before = ResidentBytes();
    const int64_t heap_before = HeapInUse();
    for (int a = 0; a < kAgents; ++a) detector->Record(ids[a], "prod", ActionType::kQuery, 0.3);
    heap_per_agent = static_cast<double>(HeapInUse() - heap_before) / kAgents;
    rss_per_agent = static_cast<double>(ResidentBytes() - rss_before) / kAgents;
    benchmark::DoNotOptimize(detector->LiveAgents());
  }
  state.counters["heap_bytes_per_agent"] = heap_per_agent;
  AnomalyConfig config;
  state.counters["computed_bytes_per_agent"] =
      static_cast<double>(AnomalyDetector::BytesPerAgent(config, ids[0].size()));
  state.counters["rss_bytes_per_agent"] = rss_per_agent;
}
BENCHMARK(BM_AnomalyMemoryPerAgent)->Iterations(1)->Unit(benchmark::kMillisecond);

// The comparison run when a cohort's window closes (smoothing, PSI, KL, JS).
void BM_DriftWindowCompare(benchmark::State& state) {
  const RiskHistogram baseline = {10, 20, 30, 20, 10, 5, 3, 1, 1, 0};
  RiskHistogram current = {5, 10, 20, 25, 20, 10, 5, 3, 1, 1};
  for (auto _ : state) {
    benchmark::DoNotOptimize(current);
    benchmark::DoNotOptimize(CompareRiskHistograms(baseline, current, 0.2, 0.3));
  }
}
BENCHMARK(BM_DriftWindowCompare);

// One risk score and type into a cohort's histograms, including the
// amortised risk comparison every 1000 samples and type block every 200.
void BM_DriftAddSample(benchmark::State& state) {
  CohortDrift cohort("prod", DriftSettings{1000, 0.2, 0.3, 0}, std::nullopt);
  uint64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        cohort.AddSample((i % 89) / 89.0, static_cast<ActionType>(i % kActionTypeCount), 0));
    ++i;
  }
}
BENCHMARK(BM_DriftAddSample);

void BM_TrigramObserveAndScore(benchmark::State& state) {
  TrigramModel model;
  uint64_t i = 0;
  for (auto _ : state) {
    const int id = static_cast<int>((i++ * 2654435761u >> 9) % 27);
    benchmark::DoNotOptimize(model.Surprisal(id));
    model.Observe(id);
  }
}
BENCHMARK(BM_TrigramObserveAndScore);

}  // namespace
}  // namespace nethical::anomaly
