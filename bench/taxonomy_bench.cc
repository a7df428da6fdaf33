// Microbenchmarks of the ethical taxonomy (engine/taxonomy): Tag() for a
// detector violation type with and without context flags, and loading the
// shipped file (a start-up cost, not per action).
// Run: bazel run -c opt //bench:taxonomy_bench -- --benchmark_format=json
#include <benchmark/benchmark.h>

#include <array>
#include <string_view>

#include "engine/taxonomy/ethical_taxonomy.h"

namespace nethical::taxonomy {
namespace {

constexpr std::array<std::string_view, 8> kTypes = {"privacy",      "ethical",          "safety",
                                                    "manipulation", "prompt_injection", "bias",
                                                    "adversarial",  "toxic_content"};

void BM_TaxonomyTag(benchmark::State& state) {
  auto taxonomy = std::move(EthicalTaxonomy::Load(Config{}).value());
  const TagContext context{.personal_data = state.range(0) != 0, .automated = state.range(0) != 0};
  size_t i = 0;
  for (auto _ : state) {
    EthicalTags tags = taxonomy->Tag(kTypes[i++ & 7], context);
    benchmark::DoNotOptimize(tags);
  }
}
BENCHMARK(BM_TaxonomyTag)->ArgName("context")->Arg(0)->Arg(1);

void BM_TaxonomyLoadShipped(benchmark::State& state) {
  for (auto _ : state) {
    auto taxonomy = EthicalTaxonomy::Load(Config{});
    benchmark::DoNotOptimize(taxonomy);
  }
}
BENCHMARK(BM_TaxonomyLoadShipped);

}  // namespace
}  // namespace nethical::taxonomy
