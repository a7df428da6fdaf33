// The whole Engine::Evaluate with the stages present on this branch
// (input screen -> detectors -> judge -> risk), judgment cache on and off,
// on 1 and 2 threads (aggregate throughput: items_per_second, real time).
//   bazel run -c opt //bench:pipeline_bench -- --benchmark_format=json
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "bench/bench_texts.h"
#include "engine/base/clock.h"
#include "engine/engine.h"

namespace nethical::bench {
namespace {

constexpr int kActions = 4096;
constexpr int kAgents = 1000;

// A 256-byte action stream for one thread: 90% clean, 10% violating; 64
// distinct texts so a cache-on run hits, as the original's 5-10 texts did.
// Each thread has its own 1000 agents (ids prefixed by the thread), as when a
// load generator gives each agent to one worker; the threads still share
// the engine's shards, its judgment cache and RE2's DFA.
std::vector<Action> Stream(int thread) {
  std::vector<std::string> clean, violating;
  for (int t = 0; t < 64; ++t) {
    clean.push_back(CleanText(256, t));
    violating.push_back(ViolatingText(256, t));
  }
  std::vector<Action> actions(kActions);
  for (int i = 0; i < kActions; ++i) {
    Action& a = actions[i];
    a.agent_id = "t" + std::to_string(thread) + "-agent-" + std::to_string((i * 7919) % kAgents);
    a.action_id = "act-" + std::to_string(i);
    a.text = (i % 10 == 0) ? violating[i % 64] : clean[i % 64];
  }
  return actions;
}

// range(0): judgment cache on (1) or off (0).
void BM_Pipeline(benchmark::State& state) {
  static SteadyClock clock;
  static std::unique_ptr<Engine> engine;
  if (state.thread_index() == 0) {
    EngineConfig config;
    config.detect.judgment_cache = state.range(0) != 0;
    engine = Engine::Create(config, clock).value();
  }
  std::vector<Action> actions = Stream(state.thread_index());
  // Google Benchmark starts the timed loop of all threads together, after
  // every thread's setup above.
  size_t i = 0;
  for (auto _ : state) {
    Verdict v = engine->Evaluate(actions[i++ % kActions]);
    benchmark::DoNotOptimize(v.decision);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * 256));
  state.SetLabel(state.range(0) ? "cache on" : "cache off");
}
BENCHMARK(BM_Pipeline)->Arg(0)->Arg(1)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace
}  // namespace nethical::bench

BENCHMARK_MAIN();
