// Merging the JSON summaries of runs made side by side (several processes,
// regions or hosts, each with its own --json-summary) into the summary one
// run of all their actions would have written: the counts and decisions
// add, the latency histograms add bucket by bucket (histogram_record.h: the
// summaries embed them losslessly), and every percentile, rate and SLO
// verdict is computed again on the sums, by the same MakeRunReport and
// CheckSlos a single run uses.
//
//   std::vector<SummaryInput> inputs;  // ParseSummary(text, path) per file
//   StatusOr<MergedRun> merged = MergeSummaries(inputs);
//   std::string json = RenderMergedJsonSummary(*merged);
//
// Time: the runs are taken to have run at the same time (a coordinated or
// side-by-side start), so the merged run's elapsed time and scheduled span
// are the longest input's, its target rate the sum of the targets, and its
// achieved rate the sum of completions over that span:
//   achieved = sum(completed) / max_i(max(elapsed_i, span_i))
// (interrupted: over the longest elapsed). That is what one process would
// report for the union of the actions over the same span.
//
// SLO thresholds and the late threshold must be the same in every input
// (configuration.slo, configuration.late_threshold_ms); a difference is an
// InvalidArgument naming the key and both files. A merged summary can be
// merged again (it carries the same blocks), so regions merge into a whole.
//
// The per-second time series (`timeseries`, where the inputs have one of
// the same bucket width and no point of merged width) merge point by point,
// aligned on each run's own time zero (exactly aligned when the runs were
// coordinated): counts, decisions and rates add; a point's percentiles are
// the largest of the inputs' (an upper bound, said so in the block: the
// points carry percentiles, not histograms), its SLO state passes only if
// every input's did. Otherwise the merge has no time series.
//
// What does not merge: the quality block, cohorts and engine stats (cohort
// figures may be differentially private and are not summable; engine stats
// belong to each engine) stay in the per-input summaries.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "loadgen/histogram_record.h"
#include "loadgen/load_options.h"
#include "loadgen/recorder.h"
#include "loadgen/run_report.h"

namespace nethical::loadgen {

// What one summary contributes.
struct SummaryInput {
  std::string path;
  std::string tool;        // "generate_load" or "merge_results"
  std::string started_at;  // "" for a merged summary
  std::string hostname;
  uint64_t planned = 0, completed = 0, errors = 0, violations = 0, late = 0;
  std::array<uint64_t, kDecisionCount> decisions{};
  double duration_s = 0, elapsed_s = 0, scheduled_span_s = 0, target_rps = 0, send_deadline_s = 0;
  bool interrupted = false, cut_off = false;
  HistogramRecord response_time, service_time, send_lag;
  SloThresholds slo;
  double late_threshold_ms = 0;
  nlohmann::ordered_json timeseries;  // the input's "timeseries" block, or null
};

// `path` names the input in errors. InvalidArgument when the text is not a
// summary of schema_version 1 with the histograms block (summaries written
// before histograms were embedded cannot be merged exactly).
StatusOr<SummaryInput> ParseSummary(std::string_view json_text, std::string_view path);

struct MergedRun {
  RunReport report;
  std::vector<SloCheck> slos;
  SloThresholds slo;
  double late_threshold_ms = 0;
  std::vector<SummaryInput> inputs;   // without their histograms' counts
  nlohmann::ordered_json timeseries;  // the merged series, or null (see above)
};

// At least one input.
StatusOr<MergedRun> MergeSummaries(std::vector<SummaryInput> inputs);

std::string RenderMergedJsonSummary(const MergedRun& merged);
// A short console summary: inputs, counts, rate, latency percentiles, SLOs.
std::string RenderMergedConsoleSummary(const MergedRun& merged);

}  // namespace nethical::loadgen
