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
#include "engine/detect/text_scanner.h"
#include "engine/detect/text_statistics.h"
#include "engine/redact/pii_prefilter.h"
#include "engine/redact/redactor.h"
#include "engine/risk/risk_tracker.h"
#include "engine/text_prescan.h"
#include "loadgen/workload.h"

namespace nethical::bench {
namespace {

using detect::DetectorSuite;
using detect::TextFindings;

const DetectorSuite& Suite() {
  static const DetectorSuite* suite = DetectorSuite::Create().value().release();
  return *suite;
}

// The engine's one PII scan (default privacy config: standard policy),
// whose findings the PrivacyDetector reports.
const redact::Redactor& Pii() {
  static const redact::Redactor* redactor = redact::Redactor::Create(PrivacyConfig{}).value().release();
  return *redactor;
}

constexpr int kTexts = 64;  // distinct texts per size, cycled

// Screens (one RE2::Set pass + computed checks) over texts of range(0) bytes
// (bench_texts.h: a violating text is longer when its trigger snippet is),
// PII findings computed beforehand; range(1): 0 clean, 1 violating.
void BM_Detectors(benchmark::State& state) {
  size_t bytes = state.range(0);
  bool violating = state.range(1) != 0;
  std::vector<std::string> texts;
  for (int i = 0; i < kTexts; ++i) texts.push_back(violating ? ViolatingText(bytes, i) : CleanText(bytes, i));
  std::vector<PiiOutcome> pii;
  for (const auto& t : texts) pii.push_back(Pii().Scan(t));
  TextFindings f;
  for (int k = 0; k < kTexts; ++k) {  // every thread checks its own copy
    Suite().Screen(texts[k], pii[k], &f);
    if (f.violations.empty() == violating) {
      state.SkipWithError(violating ? "violating text found clean" : "clean text has a violation");
      return;
    }
  }
  size_t i = 0, scanned = 0;
  for (auto _ : state) {
    const size_t k = i++ % kTexts;
    Suite().Screen(texts[k], pii[k], &f);
    scanned += texts[k].size();
    benchmark::DoNotOptimize(f.violations.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(scanned));
  state.SetLabel(violating ? "violating" : "clean");
}
BENCHMARK(BM_Detectors)->ArgsProduct({{64, 256, 4096}, {0, 1}});
// The shared RE2::Set on two threads (aggregate throughput, real time).
BENCHMARK(BM_Detectors)->Args({256, 0})->Threads(2)->UseRealTime();

// What the engine pays per action for both: the one PII scan, then the
// screens reporting its findings. Before issue 12 the screens ran five PII
// regexes of their own inside their RE2::Set pass (BM_Detectors then).
void BM_PiiScanAndDetectors(benchmark::State& state) {
  size_t bytes = state.range(0);
  bool violating = state.range(1) != 0;
  std::vector<std::string> texts;
  for (int i = 0; i < kTexts; ++i) texts.push_back(violating ? ViolatingText(bytes, i) : CleanText(bytes, i));
  TextFindings f;
  size_t i = 0, scanned = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % kTexts];
    Suite().Screen(t, Pii().Scan(t), &f);
    scanned += t.size();
    benchmark::DoNotOptimize(f.violations.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(scanned));
  state.SetLabel(violating ? "violating" : "clean");
}
BENCHMARK(BM_PiiScanAndDetectors)->ArgsProduct({{256, 4096}, {0, 1}});

// PII scan + screens over the load generator's mixed texts (generate_load's
// default workload: 10 % PII, 5 % detector triggers, the rest benign).
void BM_PiiScanAndDetectorsMixedWorkload(benchmark::State& state) {
  loadgen::MixedWorkload workload(loadgen::WorkloadOptions{});
  const std::vector<std::string>& texts = workload.corpus();
  TextFindings f;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    Suite().Screen(t, Pii().Scan(t), &f);
    bytes += t.size();
    benchmark::DoNotOptimize(f.violations.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_PiiScanAndDetectorsMixedWorkload);

// The rule scan alone over the mixed texts, by engine: range(0) 0 =
// TextScanner::Scan (Hyperscan on ASCII texts, what the engine runs),
// 1 = ScanWithRe2 (the RE2::Set reference), same texts, same answers.
void BM_RuleScanMixedWorkload(benchmark::State& state) {
  static const detect::TextScanner* scanner = detect::TextScanner::Create().value().release();
  loadgen::MixedWorkload workload(loadgen::WorkloadOptions{});
  const std::vector<std::string>& texts = workload.corpus();
  const bool re2 = state.range(0) == 1;
  detect::RuleHits hits;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    if (re2) {
      scanner->ScanWithRe2(t, &hits);
    } else {
      scanner->Scan(t, &hits);
    }
    bytes += t.size();
    benchmark::DoNotOptimize(hits);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetLabel(re2 ? "RE2::Set" : "Hyperscan");
}
BENCHMARK(BM_RuleScanMixedWorkload)->Arg(0)->Arg(1);
BENCHMARK(BM_RuleScanMixedWorkload)->Arg(0)->Threads(2)->UseRealTime();

// What the engine's Hyperscan passes cost per generate_load text, privacy
// standard: /0 the rule scan and the PII prefilter each on its own (the
// stages' paths), /1 the engine's one pass for both (engine/text_prescan.h)
// and what the prefilter then still looks for; over the generator's 256
// texts (corpora:1, which the branch predictors learn) or 4,096 (corpora:16,
// which they do not: the cost in generate_load, bench_texts.h MixedTexts).
void BM_RulesAndPiiPrefilterMixedWorkload(benchmark::State& state) {
  static const detect::TextScanner* scanner = detect::TextScanner::Create().value().release();
  static const redact::PiiPrefilter* prefilter =
      redact::PiiPrefilter::Create(RedactionPolicy::kStandard).value().release();
  static const TextPrescan* prescan = TextPrescan::Create(RedactionPolicy::kStandard).value().release();
  const std::vector<std::string> texts = bench::MixedTexts(static_cast<int>(state.range(1)));
  const bool one_pass = state.range(0) == 1;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    const std::string& t = texts[i++ % texts.size()];
    bool may_match;
    if (one_pass) {
      TextPrescan::Result found;
      if (!prescan->Scan(t, &found)) state.SkipWithError("the mixed workload's texts are ASCII");
      benchmark::DoNotOptimize(found.rules);
      may_match = prefilter->MayMatchGivenSharedRows(t, found.pii_shared_rows);
    } else {
      detect::RuleHits hits;
      scanner->Scan(t, &hits);
      benchmark::DoNotOptimize(hits);
      may_match = prefilter->MayMatch(t);
    }
    benchmark::DoNotOptimize(may_match);
    bytes += t.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetLabel(one_pass ? "one pass" : "two passes");
}
BENCHMARK(BM_RulesAndPiiPrefilterMixedWorkload)
    ->ArgNames({"one_pass", "corpora"})
    ->ArgsProduct({{0, 1}, {1, 16}});

// The data-poisoning token statistic on generate_load's texts (it counts the
// tokens of every text of 401 B and more, then hashes them until the
// duplicates decide: 64 of the 256 texts have more than 200 tokens); over
// 256 texts the branch predictors learn (corpora:1) or 4,096 (corpora:16).
void BM_PoisoningTokenProfileMixedWorkload(benchmark::State& state) {
  const std::vector<std::string> texts = bench::MixedTexts(static_cast<int>(state.range(0)));
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(detect::HasPoisoningTokenProfile(texts[i]));
    bytes += texts[i].size();
    if (++i == texts.size()) i = 0;
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_PoisoningTokenProfileMixedWorkload)->ArgName("corpora")->Arg(1)->Arg(16);

// The judge on range(0) violations (0: the plain ALLOW).
void BM_Judge(benchmark::State& state) {
  TextFindings findings;
  for (int i = 0; i < state.range(0); ++i)
    findings.violations.push_back(Violation{"privacy", i == 0 ? Severity::kCritical : Severity::kHigh, 0.95,
                                            "PrivacyDetector", "PII detected: email"});
  for (auto _ : state) {
    detect::Judgment j = detect::Judge(findings);  // copies the findings, as a fresh judgment
    benchmark::DoNotOptimize(j.decision);
  }
}
BENCHMARK(BM_Judge)->Arg(0)->Arg(1)->Arg(3);

// One risk update of one of 1000 agents (sharded map lookup + formula).
void BM_RiskUpdate(benchmark::State& state) {
  auto tracker = std::make_unique<risk::RiskTracker>(risk::RiskTracker::Options{});
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

// The target figure: PII scan + detectors + judge + risk for a 256-byte
// action, cache off (every call screens its text). range(0): 0 clean, 1 violating.
void BM_DetectJudgeRisk256(benchmark::State& state) {
  DetectConfig config;
  config.judgment_cache = false;
  SteadyClock clock;
  auto stage = detect::DetectStage::Create(config, clock).value();
  auto tracker = std::make_unique<risk::RiskTracker>(risk::RiskTracker::Options{});
  std::vector<Action> actions(kTexts);
  for (int i = 0; i < kTexts; ++i) {
    actions[i].agent_id = "agent-" + std::to_string(i % 16);
    actions[i].text = state.range(0) ? ViolatingText(256, i) : CleanText(256, i);
  }
  size_t i = 0;
  for (auto _ : state) {
    const Action& a = actions[i++ % kTexts];
    PiiOutcome pii = Pii().Scan(a.text);
    auto j = stage->Evaluate(a, pii);
    risk::RiskInput in{.violation_score = risk::ActionViolationScore(j->violations, pii.risk),
                       .pii_risk = pii.risk};
    benchmark::DoNotOptimize(tracker->Update(a.agent_id, in, clock.NowNanos()));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * 256));
  state.SetLabel(state.range(0) ? "violating" : "clean");
}
BENCHMARK(BM_DetectJudgeRisk256)->Arg(0)->Arg(1);

}  // namespace
}  // namespace nethical::bench

BENCHMARK_MAIN();
