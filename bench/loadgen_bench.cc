// The load generator's own cost, against an evaluator that does nothing
// (NullEvaluator), so the figures are the generator's ceiling.
//
//   bazel run -c opt //bench:loadgen_bench -- --benchmark_format=json
//
// BM_PacedRun/<rate>: a real open-loop run of 1 s at <rate> actions/s on two
//   worker threads; counters: achieved rate, its error vs the target (%),
//   send-lag p50/p99 (µs). Target: >= 2M/s with |error| <= 1%.
// BM_UnpacedActions: every send already due (no waiting), 2 workers: the
//   per-action cost of claim + build action + evaluate + record.
// BM_MonitorTick: one tick of the observation thread (merge, time series,
//   Prometheus families): off the hot path, amortized over a second's actions.
// BM_QualityAccount: the quality block's per-action accounting alone
//   (quality.h: truth vs verdict: categories, PII coverage, anomaly).
//   Target: <= 50 ns per action.
// The rest: the per-action pieces alone.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <string>

#include "engine/base/clock.h"
#include "engine/base/latency_histogram.h"
#include "engine/base/utc_timestamp.h"
#include "loadgen/csv_format.h"
#include "loadgen/evaluator_factory.h"
#include "loadgen/metrics_exporter.h"
#include "loadgen/quality.h"
#include "loadgen/rate_profile.h"
#include "loadgen/recorder.h"
#include "loadgen/run_monitor.h"
#include "loadgen/runner.h"
#include "loadgen/send_source.h"
#include "loadgen/time_series.h"
#include "loadgen/workload.h"
#include "tests/testing/fake_clock.h"

namespace nethical::loadgen {
namespace {

struct RunFigures {
  double achieved_rps;
  double lag_p50_us, lag_p99_us;
  uint64_t completed;
};

RunFigures RunNullLoad(double rps, double seconds, int workers) {
  SteadyClock clock;
  MonotonicSleeper sleeper;
  const std::atomic<bool> stop{false};
  const RateProfile profile = RateProfile::Constant(rps, seconds);
  auto sends = MakeSendSource(profile, 100, ArrivalOptions{});
  MixedWorkload workload{WorkloadOptions{}};
  NullEvaluator evaluator;
  Recorder recorder(workers, RecorderOptions{}, nullptr, clock);
  RunnerOptions options;
  options.workers = workers;
  options.claim_batch = ClaimBatchFor(rps);
  const RunResult r = RunLoad(options, *sends, workload, evaluator, recorder, clock, sleeper, stop);
  const auto totals = recorder.Merge();
  return {totals->completed / ((r.end_ns - r.start_ns) / 1e9), totals->send_lag.Quantile(0.5) / 1e3,
          totals->send_lag.Quantile(0.99) / 1e3, totals->completed};
}

void BM_PacedRun(benchmark::State& state) {
  const double rps = static_cast<double>(state.range(0));
  RunFigures f{};
  for (auto _ : state) f = RunNullLoad(rps, 1.0, 2);
  state.counters["target_rps"] = rps;
  state.counters["achieved_rps"] = f.achieved_rps;
  state.counters["rate_error_pct"] = 100 * (f.achieved_rps - rps) / rps;
  state.counters["lag_p50_us"] = f.lag_p50_us;
  state.counters["lag_p99_us"] = f.lag_p99_us;
}
BENCHMARK(BM_PacedRun)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Arg(2'000'000)
    ->Arg(3'000'000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1)
    ->Repetitions(3);

void BM_UnpacedActions(benchmark::State& state) {
  // 1e9/s for 2 ms of schedule: 2M sends that are all due at once.
  constexpr double kSends = 2'000'000;
  RunFigures f{};
  for (auto _ : state) f = RunNullLoad(1e9, kSends / 1e9, static_cast<int>(state.range(0)));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.completed));
}
BENCHMARK(BM_UnpacedActions)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

void BM_HistogramRecord(benchmark::State& state) {
  LatencyHistogram h;
  int64_t v = 12345;
  for (auto _ : state) {
    h.Record(v);
    v = (v * 1103515245 + 12345) & 0xffffff;
  }
  benchmark::DoNotOptimize(h.count());
}
BENCHMARK(BM_HistogramRecord);

void BM_HistogramQuantiles(benchmark::State& state) {
  LatencyHistogram h;
  for (int64_t i = 0; i < 1'000'000; ++i) h.Record((i * 7919) % 50'000'000);
  for (auto _ : state)
    for (double q : {0.5, 0.9, 0.95, 0.99, 0.999}) benchmark::DoNotOptimize(h.Quantile(q));
}
BENCHMARK(BM_HistogramQuantiles);

void BM_EvenScheduleAt(benchmark::State& state) {
  const RateProfile profile = RateProfile::Constant(2e6, 3600);
  EvenSchedule schedule(profile, 100);
  uint64_t k = 0;
  for (auto _ : state) benchmark::DoNotOptimize(schedule.At(k++));
}
BENCHMARK(BM_EvenScheduleAt);

void BM_MixedWorkloadFill(benchmark::State& state) {
  MixedWorkload workload{WorkloadOptions{}};
  Action action;
  PlannedSend send;
  for (auto _ : state) {
    workload.Fill(send, &action);
    send.agent = (send.agent + 1) % 100;
    send.agent_seq += send.agent == 0;
    benchmark::DoNotOptimize(action.text.data());
  }
}
BENCHMARK(BM_MixedWorkloadFill);

// Verdicts as the engine gives them for the mixed workload: clean texts
// pass; PII texts get one "privacy" violation and a finding over the value;
// trigger texts get their category (and "ethical" every other time); one
// action in 50 carries an alert.
void BM_QualityAccount(benchmark::State& state) {
  WorkloadOptions o;
  o.include_pii_test = true;
  o.anomalies = PlanAnomalies(1, 60, 100);
  MixedWorkload workload{o};
  constexpr int kN = 1024;
  std::vector<ActionTruth> truths(kN);
  std::vector<Verdict> verdicts(kN);
  Action action;
  for (int i = 0; i < kN; ++i) {
    PlannedSend send;
    send.agent = i % 100;
    send.agent_seq = i / 100;
    send.intended_ns = static_cast<int64_t>(i) * 60'000'000'000 / kN;
    workload.Fill(send, &action, &truths[i]);
    Verdict& v = verdicts[i];
    v.pii = PiiOutcome{};
    const ActionTruth& t = truths[i];
    for (int p = 0; p < t.pii_span_count; ++p)
      v.pii->findings.push_back(
          PiiFinding{nethical::PiiType::kEmail, t.pii_spans[p].start, t.pii_spans[p].end, 0.9});
    if (t.pii_span_count)
      v.violations.push_back(Violation{"privacy", Severity::kHigh, 0.95, "PrivacyDetector", ""});
    if (t.category != ViolationCategory::kNone && t.category != ViolationCategory::kPrivacy) {
      v.violations.push_back(
          Violation{CategoryName(t.category), Severity::kHigh, 0.9, "d", ""});  // static names
      if (i % 2) v.violations.push_back(Violation{"ethical", Severity::kMedium, 0.5, "d", ""});
    }
    if (i % 50 == 0) v.anomaly = AnomalyAlert{AnomalyType::kFrequency, AlertSeverity::kCritical, ""};
  }
  QualityCounters counters;
  int i = 0;
  for (auto _ : state) {
    counters.Account(truths[i], verdicts[i], i);
    i = (i + 1) & (kN - 1);
  }
  QualityTotals totals;
  counters.MergeInto(&totals);
  benchmark::DoNotOptimize(totals.actions);
}
BENCHMARK(BM_QualityAccount);

void BM_CsvRow(benchmark::State& state) {
  std::string row;
  for (auto _ : state) {
    row.clear();
    AppendCsvText("agent_0042", &row);
    AppendCsvText("agent_0042_action_123", &row);
    AppendUtcTimestamp(1'767'225'600'123'456'789LL, kPythonIsoformat, &row);
    AppendPythonFloat(0.123456, &row);
    AppendPythonFloat(1.5, &row);
    benchmark::DoNotOptimize(row.data());
  }
}
BENCHMARK(BM_CsvRow);

// One tick of the observation thread (run_monitor.h) with 2 workers: the
// merge of the recorder, the time series' bucket, the Prometheus families.
// Nothing of it runs on the workers; per action it costs this / the rate.
void BM_MonitorTick(benchmark::State& state) {
  FakeClock clock;
  Recorder recorder(2, RecorderOptions{}, nullptr, clock);
  for (int w = 0; w < 2; ++w)
    for (int i = 0; i < 100'000; ++i) {
      Sample s;
      s.intended_ns = 0;
      s.started_ns = 1'000 + i;
      s.finished_ns = 50'000 + 7 * i;
      recorder.worker(w).Record(s);
    }
  TimeSeries series(TimeSeriesOptions{});
  MetricsPublisher publisher(MetricsRunInfo{});
  RunMonitor monitor(recorder, clock, 1'000'000'000);
  monitor.Add(&series);
  if (state.range(0) == 1) monitor.Add(&publisher);
  for (auto _ : state) {
    clock.Advance(std::chrono::seconds(1));
    monitor.SampleNow();
  }
  state.SetLabel(state.range(0) == 1 ? "series + prometheus" : "series");
}
BENCHMARK(BM_MonitorTick)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace nethical::loadgen

BENCHMARK_MAIN();
