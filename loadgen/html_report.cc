#include "loadgen/html_report.h"

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>

#include "loadgen/histogram_record.h"

namespace nethical::loadgen {

// Generated from @chartjs//:chart.min.js and loadgen/html_report.js
// (//loadgen:html_report_assets).
extern const char kChartJs[];
extern const char kHtmlReportJs[];

namespace {

using Json = nlohmann::ordered_json;

constexpr char kHead[] = R"html(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>generate_load report</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #222; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #ddd; }
#headline { font-size: 16px; font-weight: 600; padding: 8px 12px; border-radius: 4px; }
#headline.pass, tr.pass td:last-child { background: #e6f4ea; color: #137333; }
#headline.fail, tr.fail td:last-child { background: #fce8e6; color: #a50e0e; }
table { border-collapse: collapse; }
td, th { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f5f5f5; }
td { font-variant-numeric: tabular-nums; word-break: break-all; }
#render-status { color: #999; font-size: 11px; margin-top: 32px; }
</style>
</head>
<body>
<h1>generate_load report</h1>
<div id="headline"></div>
<div id="report"></div>
<div id="render-status" data-state="pending">not rendered (scripts disabled?)</div>
<script type="application/json" id="report-data">)html";

constexpr char kAfterData[] = "</script>\n<script>\n";
constexpr char kBetweenScripts[] = "\n</script>\n<script>\n";
constexpr char kTail[] = "\n</script>\n</body>\n</html>\n";

Json Ladder(const HistogramRecord& record) {
  auto h = std::make_unique<LatencyHistogram>();
  AddRecord(record, h.get());
  Json rows = Json::array();
  for (const auto& [q, ms] : PercentileLadder(*h)) rows.push_back({q, ms});
  return rows;
}

// JSON inside <script>: no "<" at all (so no "</script" or "<!--"), which
// only occurs inside strings, where \u003c means the same.
std::string ScriptSafe(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<')
      out.append("\\u003c");
    else
      out.push_back(c);
  }
  return out;
}

}  // namespace

std::vector<std::pair<double, double>> PercentileLadder(const LatencyHistogram& h) {
  std::vector<std::pair<double, double>> out;
  const uint64_t n = h.count();
  if (n == 0) return out;
  out.emplace_back(0.0, h.Quantile(0) / 1e6);
  for (int k = 1; k <= 70; ++k) {
    const double tail = std::pow(10.0, -k / 10.0);  // 1 - q
    if (1.0 / tail > static_cast<double>(n)) break;
    out.emplace_back(100.0 * (1.0 - tail), h.Quantile(1.0 - tail) / 1e6);
  }
  // The max is the last sample's value: plotted at that sample's rank,
  // 1 - 1/n, where HdrHistogram's plots end (not at 100 %, which a log
  // axis of 1/(1-q) cannot show).
  const double last = 100.0 * (1.0 - 1.0 / static_cast<double>(n));
  if (last > out.back().first)
    out.emplace_back(last, h.max() / 1e6);
  else
    out.back().second = h.max() / 1e6;
  return out;
}

std::string RenderHtmlReport(const RunReport& report, const std::vector<SloCheck>& slos,
                             const SummaryContext& context, const FindMaxResult* find_max,
                             const std::string& stages_json) {
  const Json percentiles = {{"response", Ladder(report.response_time_histogram)},
                            {"service", Ladder(report.service_time_histogram)}};
  std::string data = "{\"summary\": ";
  data += RenderJsonSummary(report, slos, context, find_max);
  data += ", \"percentiles\": " + percentiles.dump();
  data += ", \"stages\": " + (stages_json.empty() ? std::string("[]") : stages_json);
  data += "}";
  std::string html = kHead;
  html += ScriptSafe(data);
  html += kAfterData;
  html += kChartJs;
  html += kBetweenScripts;
  html += kHtmlReportJs;
  html += kTail;
  return html;
}

}  // namespace nethical::loadgen
