// The --html-report page: one self-contained HTML file that needs no
// network to be viewed. Chart.js (Debian's libjs-chart.js) and the page's
// script (html_report.js) are inlined at build time, the run's data is
// embedded as JSON, and a Content-Security-Policy forbids every request the
// page could make. Charts: latency over time (response and service,
// p50/p99), throughput planned vs achieved (and errors), the percentile
// distribution on log axes (HdrHistogram-style), the decision mix, and
// per-stage attribution when the run measured it; tables: the SLOs with
// pass/fail, the run's figures, its configuration, the build and machine.
//
//   std::string html = RenderHtmlReport(report, slos, context, nullptr);
//
// The page writes the outcome of its rendering into #render-status
// (data-state="ok", or "error" with the problems: a script error, a blocked
// request, a blank chart): docs/observability.md.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "engine/base/latency_histogram.h"
#include "loadgen/json_summary.h"
#include "loadgen/run_report.h"

namespace nethical::loadgen {

// (percentile in [0, 100], value in ms) at HdrHistogram's ladder: 0, then
// 1 - 10^(-k/10) for k = 1, 2, ... while the histogram has enough samples to
// tell the percentile apart (1/(1-q) <= count), then the max at the last
// sample's rank, 100 (1 - 1/count). Empty for an empty histogram.
std::vector<std::pair<double, double>> PercentileLadder(const LatencyHistogram& h);

// `find_max` may be null (a single run). `stages_json`: a JSON array of
// per-stage attribution rows ({"stage", "share", "p50_us", "p99_us",
// "samples"}), or "" when the run measured none.
std::string RenderHtmlReport(const RunReport& report, const std::vector<SloCheck>& slos,
                             const SummaryContext& context, const FindMaxResult* find_max,
                             const std::string& stages_json = "");

}  // namespace nethical::loadgen
