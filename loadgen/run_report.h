// RunReport: the figures of one finished (or interrupted) run, derived from
// the merged RunTotals, and the SLO verdicts on them. Pure functions: every
// reporter (console, JSON, find-max) reads these, none computes its own.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/base/latency_histogram.h"
#include "engine/engine_stats.h"
#include "loadgen/cohort_aggregates.h"
#include "loadgen/histogram_record.h"
#include "loadgen/load_options.h"
#include "loadgen/quality.h"
#include "loadgen/recorder.h"
#include "loadgen/runner.h"
#include "loadgen/time_series.h"

namespace nethical::loadgen {

struct LatencySummary {
  double min_ms = 0, mean_ms = 0, p50_ms = 0, p90_ms = 0, p95_ms = 0, p99_ms = 0, p999_ms = 0, max_ms = 0;
};
LatencySummary SummarizeMs(const LatencyHistogram& h);

struct RunReport {
  double duration_s = 0;  // planned
  double elapsed_s = 0;   // time zero to the last completion
  // Time zero to one interval after the last intended send
  // (ScheduledSpanSeconds): the time the planned sends are meant to take.
  double scheduled_span_s = 0;
  bool interrupted = false;
  // Sending stopped at the send deadline (scheduled span + grace) with sends
  // left: the evaluator could not keep up. `not_sent` counts them.
  bool cut_off = false;
  double send_deadline_s = 0;  // 0: none
  uint64_t planned = 0, completed = 0, successes = 0, errors = 0, violations = 0, late = 0, not_sent = 0;
  double target_rps = 0, achieved_rps = 0, error_rate = 0;
  std::array<uint64_t, kDecisionCount> decisions{};
  LatencySummary response_time, service_time, send_lag;
  // The same three histograms whole (histogram_record.h): the JSON summary
  // embeds them so that runs merge exactly (merge_results.h).
  HistogramRecord response_time_histogram, service_time_histogram, send_lag_histogram;
  // Exact per-cohort totals: never shown as such, only through `cohorts`.
  std::vector<CohortTotals> cohort_totals;
  // Set by the caller once the run is over (MakeRunReport leaves them
  // empty): the cohort release for the privacy mode (ReleaseCohortAggregates)
  // and the engine's counters (Engine::Stats; empty for the null evaluator).
  CohortAggregates cohorts;
  EngineStats engine;
  // The verdicts against the workload's ground truth (MakeQualityReport on
  // RunTotals::quality, once the engine's stats are known). The shadow-vs-
  // rule confusion of the quality block is `engine.shadow`'s.
  QualityReport quality;
  // The run second by second (time_series.h; set by the caller once the
  // run is over, empty when nothing observed it).
  std::vector<TimeSeriesPoint> timeseries;
  double timeseries_bucket_s = 0;  // the width of the finest buckets
};

// `target_rps`: the rate the SLO compares against (--rps for a constant
// profile, planned sends / scheduled span otherwise). `span_s`: the
// scheduled span (0: `duration_s`).
//
// Achieved rate = completed / max(scheduled span, elapsed): a run that
// makes every send on schedule achieves exactly the target, however few
// the sends; a run whose verdicts come after the span (a slow evaluator, a
// cut-off run) is charged for the extra time. An interrupted run is judged
// on what it did: completed / elapsed.
RunReport MakeRunReport(const RunTotals& totals, const RunResult& result, uint64_t planned, double duration_s,
                        double target_rps, double span_s = 0);

struct SloCheck {
  std::string name;   // "p95", "p99", "rate", "error_rate"
  std::string label;  // the console's wording, e.g. "p95 < 200ms"
  double observed = 0;
  double threshold = 0;
  bool passed = false;
};

// The four gates of the original, strict comparisons; latency gates on
// response time. The rate gate fails when target_rps <= 0.
std::vector<SloCheck> CheckSlos(const RunReport& report, const SloThresholds& slo);
bool AllPassed(const std::vector<SloCheck>& checks);

// "%g"-style number without trailing zeros: 200, 0.5, 1e-05.
std::string ShortNumber(double v);

}  // namespace nethical::loadgen
