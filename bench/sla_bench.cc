// Microbenchmarks of the SLA monitor (engine/sla): Record() per evaluation
// (one thread and two), and Report() over a full 300 s window.
// Run: bazel run -c opt //bench:sla_bench -- --benchmark_format=json
#include <benchmark/benchmark.h>

#include <atomic>

#include "engine/base/clock.h"
#include "engine/sla/sla_monitor.h"

namespace nethical::sla {
namespace {

// Each thread's time advances 100 us per record (10k evaluations/s per
// thread), so slices rotate and the once-a-second check runs as in a real
// run; the threads share nothing but the monitor (a shared atomic clock
// would measure its own cache line).
void BM_SlaRecord(benchmark::State& state) {
  static SlaMonitor* monitor = new SlaMonitor(Config{});
  static std::atomic<int64_t> latest{1'000'000'000};  // where the last run's clocks ended
  int64_t now = latest.load();
  int64_t latency = 1'000'000 + state.thread_index() * 7919;
  for (auto _ : state) {
    monitor->Record(latency, now += 100'000);
    latency = (latency * 1103515245 + 12345) % 50'000'000;
  }
  for (int64_t seen = latest.load(); seen < now && !latest.compare_exchange_weak(seen, now);) {
  }
}
BENCHMARK(BM_SlaRecord)->Threads(1)->Threads(2);

void BM_SlaReportFullWindow(benchmark::State& state) {
  SlaMonitor monitor{Config{}};
  int64_t now = 1'000'000'000;
  for (int64_t i = 0; i < 300'000; ++i, now += 1'000'000) monitor.Record((i * 7919) % 300'000'000, now);
  for (auto _ : state) {
    SlaReport r = monitor.Report(now);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_SlaReportFullWindow);

}  // namespace
}  // namespace nethical::sla
