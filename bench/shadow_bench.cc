// Microbenchmarks of the ML shadow and the blender, and of the whole heavy
// tier per action (anomaly + shadow + blend, 10k live agents; target <= 1 µs
// with -c opt on one thread).
// Run: bazel run -c opt //bench:shadow_bench -- --benchmark_format=json
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/anomaly/anomaly_detector.h"
#include "engine/base/clock.h"
#include "engine/shadow/blended_log.h"
#include "engine/shadow/risk_blender.h"
#include "engine/shadow/shadow_log_line.h"
#include "engine/shadow/shadow_scorer.h"
#include "tests/testing/log_line_records.h"

namespace nethical::shadow {
namespace {

// A directory under /tmp, removed with everything in it when done.
class ScopedTempDir {
 public:
  ScopedTempDir() {
    std::string tmpl = "/tmp/shadow_benchXXXXXX";
    path_ = ::mkdtemp(tmpl.data());
  }
  ~ScopedTempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string LogisticModelFile(const std::string& dir) {
  const std::string path = dir + "/bench.model";
  std::ofstream(path) << "format nethical-logistic-v1\nbias -2.944\nviolation_count 2.2\n"
                         "severity_max 1.8\nrecency 1.1\nfrequency 0.8\ncontext_risk 0.5\n";
  return path;
}

ShadowInput Input(uint64_t i) {
  ShadowInput in;
  in.violation_count = (i % 5) / 4.0;
  in.severity_max = (i % 7) / 6.0;
  in.recency = 0.5;
  in.frequency = (i % 3) / 2.0;
  in.context_risk = 0.1;
  in.rule_risk = (i % 11) / 10.0;
  in.rule_class = static_cast<RuleClass>(i % 3);
  in.agent_id = "agent-100123-prod";
  in.action_id = "action-42";
  return in;
}

std::unique_ptr<ShadowScorer> Scorer(const ShadowConfig& config, const std::string& dir, const Clock& clock) {
  auto s = ShadowScorer::Create(config, dir, clock);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.status().message().c_str());
    std::abort();
  }
  return std::move(s).value();
}

void BM_ShadowScoreHeuristic(benchmark::State& state) {
  SteadyClock clock;
  ScopedTempDir dir;
  ShadowConfig config;
  config.log_enabled = false;
  auto scorer = Scorer(config, dir.path(), clock);
  uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(scorer->Score(Input(i++)));
}
BENCHMARK(BM_ShadowScoreHeuristic);

void BM_ShadowScoreLogistic(benchmark::State& state) {
  SteadyClock clock;
  ScopedTempDir dir;
  ShadowConfig config;
  config.log_enabled = false;
  config.model = nethical::ShadowModel::kLogistic;
  config.model_file = LogisticModelFile(dir.path());
  auto scorer = Scorer(config, dir.path(), clock);
  uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(scorer->Score(Input(i++)));
}
BENCHMARK(BM_ShadowScoreLogistic);

// With the JSONL log on: the hot path only enqueues; drops are reported.
void BM_ShadowScoreWithLog(benchmark::State& state) {
  SteadyClock clock;
  ScopedTempDir dir;
  ShadowConfig config;
  config.log_max_bytes = 4 << 20;
  auto scorer = Scorer(config, dir.path(), clock);
  uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(scorer->Score(Input(i++)));
  scorer->FlushLog();
  const ShadowMetrics m = scorer->Metrics();
  state.counters["log_written"] = static_cast<double>(m.log_lines_written);
  state.counters["log_dropped"] = static_cast<double>(m.log_lines_dropped);
}
BENCHMARK(BM_ShadowScoreWithLog);

// The log writer thread's formatting, per line, into a reused buffer (as
// JsonlLog's writer does): a shadow prediction with all five features, and a
// blended decision, from records shaped like a generate_load run's
// (tests/testing/log_line_records.h): scores differ from line to line and
// features repeat as much as in a run, so that the formatter's per-thread
// memo of recent numbers (engine/base/shortest_double.h) hits as often as
// it does there, no more.
constexpr size_t kLineRecords = 1024;

template <typename Record>
void FormatLines(benchmark::State& state, const std::vector<Record>& records,
                 void (*append)(const Record&, uint64_t, std::string_view, std::string*)) {
  std::string line;
  uint64_t sequence = 0;
  size_t bytes = 0;
  for (auto _ : state) {
    line.clear();
    append(records[sequence % records.size()], sequence, "eu-west-1", &line);
    ++sequence;
    bytes += line.size();
    benchmark::DoNotOptimize(line.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}

void BM_ShadowLogLine(benchmark::State& state) {
  FormatLines(state, testing::ShadowLogRecordsLikeARun(kLineRecords, 42), &AppendShadowLogLine);
}
BENCHMARK(BM_ShadowLogLine);

void BM_BlendedDecisionLine(benchmark::State& state) {
  FormatLines(state, testing::BlendedDecisionRecordsLikeARun(kLineRecords, 7), &AppendBlendedDecisionLine);
}
BENCHMARK(BM_BlendedDecisionLine);

void BM_RiskBlend(benchmark::State& state) {
  const RiskBlender blender{BlendConfig{}};
  uint64_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(blender.Blend((i % 11) / 10.0, (i % 7) / 6.0));
    ++i;
  }
}
BENCHMARK(BM_RiskBlend);

// The heavy tier as the pipeline runs it for one action: shadow score, blend
// with the shadow score, anomaly record; 10k warm agents; shadow log off
// (range 0) or on (range 1).
void BM_HeavyTierPerAction(benchmark::State& state) {
  constexpr int kAgents = 10000;
  SteadyClock clock;
  ScopedTempDir dir;
  ShadowConfig shadow_config;
  shadow_config.log_enabled = state.range(0) != 0;
  shadow_config.log_max_bytes = 4 << 20;
  auto scorer = Scorer(shadow_config, dir.path(), clock);
  const RiskBlender blender{BlendConfig{}};
  AnomalyConfig anomaly_config;
  anomaly_config.enabled = true;
  auto detector = std::move(anomaly::AnomalyDetector::Create(anomaly_config, clock).value());
  std::vector<std::string> ids;
  for (int a = 0; a < kAgents; ++a) ids.push_back("agent-" + std::to_string(100000 + a) + "-prod");
  for (int round = 0; round < 12; ++round)
    for (int a = 0; a < kAgents; ++a)
      detector->Record(ids[a], "prod", static_cast<ActionType>((a + round) % 3), 0.3);

  uint64_t i = 0;
  for (auto _ : state) {
    ShadowInput in = Input(i);
    const std::string& agent = ids[i % kAgents];
    in.agent_id = agent;
    const ShadowOutcome shadow = scorer->Score(in);
    const BlendOutcome blend = blender.Blend(in.rule_risk, shadow.ml_score);
    const auto alert = detector->Record(agent, "prod", static_cast<ActionType>(i % 3), in.rule_risk);
    benchmark::DoNotOptimize(blend);
    benchmark::DoNotOptimize(alert);
    ++i;
  }
  state.counters["live_agents"] = static_cast<double>(detector->LiveAgents());
  if (state.range(0) != 0) {
    scorer->FlushLog();
    state.counters["log_dropped"] = static_cast<double>(scorer->Metrics().log_lines_dropped);
  }
}
BENCHMARK(BM_HeavyTierPerAction)->Arg(0)->Arg(1);

}  // namespace
}  // namespace nethical::shadow
