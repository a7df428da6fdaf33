// Differential privacy (engine/privacy): the cost of noise and accounting.
//
//   BM_LaplaceSample         one Laplace(0, b) draw (inverse CDF over a
//                            secure uniform from the per-thread RAND_bytes
//                            buffer)
//   BM_LaplaceAddNoise       value + Laplace noise, as a release does it
//   BM_GaussianSample        one N(0, sigma^2) draw (Box-Muller)
//   BM_SecureUniform         the secure uniform alone: the share of a draw
//                            that is randomness
//   BM_Charge/0, /1          PrivacyAccountant::Charge under basic (0) and
//                            advanced (1) composition: mutex + spend formula
//   BM_ReleaseCohorts/100/N  PrivateAggregator::ReleaseCohorts: noisy count,
//                            sum and mean for 100 cohorts of N values each,
//                            one charge per release; items = cohorts
//
// The budgets are set so large that no charge is refused: the measured path
// is the admitted one.
//
// Run: bazel run -c opt //bench:privacy_bench -- --benchmark_format=json
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "engine/privacy/gaussian_mechanism.h"
#include "engine/privacy/laplace_mechanism.h"
#include "engine/privacy/privacy_accountant.h"
#include "engine/privacy/private_aggregates.h"
#include "engine/privacy/secure_uniform.h"

namespace nethical::privacy {
namespace {

void BM_LaplaceSample(benchmark::State& state) {
  const LaplaceMechanism laplace = LaplaceMechanism::Create(1.0, 1.0).value();
  for (auto _ : state) {
    StatusOr<double> noise = laplace.Sample();
    if (!noise.ok()) {
      state.SkipWithError(noise.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(*noise);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LaplaceSample);

void BM_LaplaceAddNoise(benchmark::State& state) {
  const LaplaceMechanism laplace = LaplaceMechanism::Create(0.5, 1.0).value();
  double value = 1000.0;
  for (auto _ : state) {
    StatusOr<double> noisy = laplace.AddNoise(value);
    if (!noisy.ok()) {
      state.SkipWithError(noisy.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(*noisy);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LaplaceAddNoise);

void BM_GaussianSample(benchmark::State& state) {
  const GaussianMechanism gaussian = GaussianMechanism::Create(0.5, 1e-5, 1.0).value();
  for (auto _ : state) {
    StatusOr<double> noise = gaussian.Sample();
    if (!noise.ok()) {
      state.SkipWithError(noise.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(*noise);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GaussianSample);

void BM_SecureUniform(benchmark::State& state) {
  for (auto _ : state) {
    StatusOr<double> u = SecureUniformOpen01();
    if (!u.ok()) {
      state.SkipWithError(u.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(*u);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SecureUniform);

// range(0): 0 basic, 1 advanced composition.
void BM_Charge(benchmark::State& state) {
  AccountantOptions options;
  options.rule = state.range(0) == 0 ? CompositionRule::kBasic : CompositionRule::kAdvanced;
  options.epsilon_budget = 1e9;
  auto accountant = PrivacyAccountant::Create(options).value();
  for (auto _ : state) {
    const Status charged = accountant->Charge(1e-6, 0.0);
    if (!charged.ok()) {
      state.SkipWithError(charged.message().c_str());
      return;
    }
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(state.range(0) == 0 ? "basic" : "advanced");
}
BENCHMARK(BM_Charge)->Arg(0)->Arg(1);

// range(0) cohorts of range(1) latency-like values each, in [0, 5000].
void BM_ReleaseCohorts(benchmark::State& state) {
  const int64_t cohort_count = state.range(0);
  const int64_t values_per_cohort = state.range(1);
  std::vector<CohortValues> cohorts(cohort_count);
  for (int64_t c = 0; c < cohort_count; ++c) {
    cohorts[c].cohort = "cohort-" + std::to_string(c);
    for (int64_t v = 0; v < values_per_cohort; ++v)
      cohorts[c].values.push_back(static_cast<double>((c * 7919 + v * 104729) % 6000));
  }
  AccountantOptions options;
  options.epsilon_budget = 1e12;
  auto accountant = PrivacyAccountant::Create(options).value();
  const PrivateAggregator aggregator(accountant.get());
  for (auto _ : state) {
    StatusOr<std::vector<CohortRelease>> released = aggregator.ReleaseCohorts(cohorts, {0.0, 5000.0}, 0.5);
    if (!released.ok()) {
      state.SkipWithError(released.status().message().c_str());
      return;
    }
    benchmark::DoNotOptimize(released->data());
  }
  state.SetItemsProcessed(state.iterations() * cohort_count);
}
BENCHMARK(BM_ReleaseCohorts)->Args({100, 100})->Args({100, 1000});

}  // namespace
}  // namespace nethical::privacy

BENCHMARK_MAIN();
