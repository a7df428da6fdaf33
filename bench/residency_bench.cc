// Microbenchmarks of the data-residency check (engine/residency): a
// compliant action (same region) and a non-compliant one (the reason is built).
// Run: bazel run -c opt //bench:residency_bench -- --benchmark_format=json
#include <benchmark/benchmark.h>

#include "engine/residency/residency_checker.h"

namespace nethical::residency {
namespace {

void BM_ResidencyCheck(benchmark::State& state) {
  const ResidencyChecker checker({Policy::kEuGdpr, "eu-west-1", {"eu-central-1"}});
  const char* region = state.range(0) ? "eu-west-1" : "us-east-1";
  for (auto _ : state) {
    ResidencyResult r = checker.Check(region);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ResidencyCheck)->ArgName("compliant")->Arg(1)->Arg(0);

}  // namespace
}  // namespace nethical::residency
