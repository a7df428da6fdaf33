// Microbenchmarks of the correlation engine (engine/correlation): Observe()
// per action with 100, 10k, 100k and 1M actions in the window (1,000
// agents, an even rate over the 600 s window, distinct ~90-byte prose
// payloads, one action in 50 flagged, one in 20 with a target). The cost per
// action should not grow with the window; the original rescans the window on
// every call. Also the payload entropy alone.
// Run: bazel run -c opt //bench:correlation_bench -- --benchmark_format=json
#include <benchmark/benchmark.h>

#include <cstdio>
#include <string>
#include <vector>

#include "bench/bench_texts.h"
#include "engine/base/byte_entropy.h"
#include "engine/correlation/correlation_engine.h"

namespace nethical::correlation {
namespace {

constexpr int kAgents = 1000;
constexpr int64_t kWindowNanos = int64_t{600} * 1'000'000'000;

struct Stream {
  std::vector<std::string> agents;
  std::vector<std::string> targets;
  std::string payload = "query: please summarise the customer orders for last week in region north #00000000";
  uint64_t n = 0;

  Stream() {
    for (int i = 0; i < kAgents; ++i) agents.push_back("agent-" + std::to_string(100000 + i));
    for (int i = 0; i < 3; ++i) targets.push_back("table-" + std::to_string(i));
  }
  Observation Next(int64_t now) {
    std::snprintf(payload.data() + payload.size() - 8, 9, "%08llx", static_cast<unsigned long long>(n));
    const uint64_t i = n++;
    return {agents[(i * 7919) % kAgents], payload, i % 20 == 0 ? std::string_view(targets[i % 3]) : "",
            i % 50 == 0, now};
  }
};

void BM_CorrelationObserve(benchmark::State& state) {
  const int64_t in_window = state.range(0);
  const int64_t step = kWindowNanos / in_window;
  CorrelationEngine engine{Config{}};
  Stream stream;
  int64_t now = 1'000'000'000;
  for (int64_t i = 0; i < in_window; ++i, now += step) engine.Observe(stream.Next(now));
  uint64_t matches = 0;
  for (auto _ : state) {
    matches += engine.Observe(stream.Next(now)).size();
    now += step;
  }
  const auto stats = engine.GetStats();
  state.counters["tracked_agents"] = static_cast<double>(stats.tracked_agents);
  state.counters["matches_per_action"] =
      static_cast<double>(matches) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_CorrelationObserve)
    ->ArgName("actions_in_window")
    ->Arg(100)
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000);

// range(0): bytes; range(1): 0 one repeated byte (the worst case for a
// single histogram: every increment waits for the previous one), 1 the
// generator's prose (generate_load's mixed texts average about 850 bytes).
void BM_ByteEntropy(benchmark::State& state) {
  const auto bytes = static_cast<size_t>(state.range(0));
  const std::string payload = state.range(1) == 0 ? std::string(bytes, 'x') : bench::CleanText(bytes, 7);
  for (auto _ : state) benchmark::DoNotOptimize(ByteEntropy(payload));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
  state.SetLabel(state.range(1) == 0 ? "one byte repeated" : "prose");
}
BENCHMARK(BM_ByteEntropy)->ArgsProduct({{90, 850, 4096}, {0, 1}});

}  // namespace
}  // namespace nethical::correlation
