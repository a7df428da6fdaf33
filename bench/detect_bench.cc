// Detectors, judge and risk update, one component at a time.
//   bazel run -c opt //bench:detect_bench -- --benchmark_format=json
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "bench/bench_texts.h"
#include "engine/base/clock.h"
#include "engine/detect/detect_stage.h"
#include "engine/detect/detector_suite.h"
#include "engine/detect/judge.h"
#include "engine/risk/risk_tracker.h"

namespace nethical::bench {
namespace {

using detect::DetectorSuite;
using detect::TextFindings;

const DetectorSuite& Suite() {
  static const DetectorSuite* suite = DetectorSuite::Create().value().release();
  return *suite;
}

constexpr int kTexts = 64;  // distinct texts per size, cycled

// Screens (one RE2::Set pass + computed checks) over texts of range(0) bytes;
// range(1): 0 clean, 1 violating.
void BM_Detectors(benchmark::State& state) {
  size_t bytes = state.range(0);
  bool violating = state.range(1) != 0;
  std::vector<std::string> texts;
  for (int i = 0; i < kTexts; ++i)
    texts.push_back(violating ? ViolatingText(bytes, i) : CleanText(bytes, i));
  TextFindings f;
  for (const auto& t : texts) {  // every thread checks its own copy
    Suite().Screen(t, &f);
    if (f.violations.empty() == violating) {
      state.SkipWithError(violating ? "violating text found clean" : "clean text has a violation");
      return;
    }
  }
  size_t i = 0;
  for (auto _ : state) {
    Suite().Screen(texts[i++ % kTexts], &f);
    benchmark::DoNotOptimize(f.violations.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.SetLabel(violating ? "violating" : "clean");
}
BENCHMARK(BM_Detectors)->ArgsProduct({{64, 256, 4096}, {0, 1}});
// The shared RE2::Set on two threads (aggregate throughput, real time).
BENCHMARK(BM_Detectors)->Args({256, 0})->Threads(2)->UseRealTime();

// The judge on range(0) violations (0: the plain ALLOW).
void BM_Judge(benchmark::State& state) {
  TextFindings findings;
  for (int i = 0; i < state.range(0); ++i)
    findings.violations.push_back(
        Violation{"privacy", i == 0 ? Severity::kCritical : Severity::kHigh, 0.95,
                  "PrivacyDetector", "PII detected: email"});
  for (auto _ : state) {
    detect::Judgment j = detect::Judge(findings);  // copies the findings, as a fresh judgment
    benchmark::DoNotOptimize(j.decision);
  }
}
BENCHMARK(BM_Judge)->Arg(0)->Arg(1)->Arg(3);

// One risk update of one of 1000 agents (sharded map lookup + formula).
void BM_RiskUpdate(benchmark::State& state) {
  auto tracker = risk::RiskTracker::Create({}).value();
  std::vector<std::string> agents;
  for (int i = 0; i < 1000; ++i) agents.push_back("agent-" + std::to_string(i));
  int64_t now = 0;
  size_t i = 0;
  for (auto _ : state) {
    risk::RiskInput in{.violation_score = (i % 7 == 0) ? 0.75 : 0.0};
    benchmark::DoNotOptimize(tracker->Update(agents[i++ % agents.size()], in, now += 1000));
  }
}
BENCHMARK(BM_RiskUpdate);

// The target figure: detectors + judge + risk for a 256-byte action, cache
// off (every call screens its text). range(0): 0 clean, 1 violating.
void BM_DetectJudgeRisk256(benchmark::State& state) {
  DetectConfig config;
  config.judgment_cache = false;
  SteadyClock clock;
  auto stage = detect::DetectStage::Create(config, clock).value();
  auto tracker = risk::RiskTracker::Create({}).value();
  std::vector<Action> actions(kTexts);
  for (int i = 0; i < kTexts; ++i) {
    actions[i].agent_id = "agent-" + std::to_string(i % 16);
    actions[i].text = state.range(0) ? ViolatingText(256, i) : CleanText(256, i);
  }
  size_t i = 0;
  for (auto _ : state) {
    const Action& a = actions[i++ % kTexts];
    auto j = stage->Evaluate(a);
    risk::RiskInput in{.violation_score = risk::ActionViolationScore(j->violations, 0)};
    benchmark::DoNotOptimize(tracker->Update(a.agent_id, in, clock.NowNanos()));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * 256));
  state.SetLabel(state.range(0) ? "violating" : "clean");
}
BENCHMARK(BM_DetectJudgeRisk256)->Arg(0)->Arg(1);

}  // namespace
}  // namespace nethical::bench

BENCHMARK_MAIN();
