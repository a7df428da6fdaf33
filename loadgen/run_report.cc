#include "loadgen/run_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nethical::loadgen {

LatencySummary SummarizeMs(const LatencyHistogram& h) {
  constexpr double kMs = 1e6;
  LatencySummary s;
  s.min_ms = h.min() / kMs;
  s.mean_ms = h.mean() / kMs;
  s.p50_ms = h.Quantile(0.50) / kMs;
  s.p90_ms = h.Quantile(0.90) / kMs;
  s.p95_ms = h.Quantile(0.95) / kMs;
  s.p99_ms = h.Quantile(0.99) / kMs;
  s.p999_ms = h.Quantile(0.999) / kMs;
  s.max_ms = h.max() / kMs;
  return s;
}

RunReport MakeRunReport(const RunTotals& totals, const RunResult& result, uint64_t planned, double duration_s,
                        double target_rps, double span_s) {
  RunReport r;
  r.duration_s = duration_s;
  // The original guards its division the same way: max(1e-6, elapsed).
  r.elapsed_s = std::max(1e-6, (result.end_ns - result.start_ns) / 1e9);
  r.planned = planned;
  r.completed = totals.completed;
  r.errors = totals.errors;
  r.successes = totals.completed - totals.errors;
  r.violations = totals.violations;
  r.late = totals.late;
  r.not_sent = planned > totals.completed ? planned - totals.completed : 0;
  r.interrupted = result.stopped && r.not_sent > 0;
  r.cut_off = result.cut_off && !r.interrupted && r.not_sent > 0;
  r.scheduled_span_s = span_s > 0 ? span_s : duration_s;
  r.target_rps = target_rps;
  r.achieved_rps =
      totals.completed / (r.interrupted ? r.elapsed_s : std::max(r.elapsed_s, r.scheduled_span_s));
  r.error_rate = totals.completed == 0 ? 0.0 : static_cast<double>(totals.errors) / totals.completed;
  r.decisions = totals.decisions;
  r.response_time = SummarizeMs(totals.response_time);
  r.service_time = SummarizeMs(totals.service_time);
  r.send_lag = SummarizeMs(totals.send_lag);
  r.response_time_histogram = RecordOf(totals.response_time);
  r.service_time_histogram = RecordOf(totals.service_time);
  r.send_lag_histogram = RecordOf(totals.send_lag);
  r.cohort_totals = totals.cohorts;
  return r;
}

std::string ShortNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

std::vector<SloCheck> CheckSlos(const RunReport& r, const SloThresholds& slo) {
  std::vector<SloCheck> checks;
  checks.push_back({"p95", "p95 < " + ShortNumber(slo.p95_ms) + "ms", r.response_time.p95_ms, slo.p95_ms,
                    r.response_time.p95_ms < slo.p95_ms});
  checks.push_back({"p99", "p99 < " + ShortNumber(slo.p99_ms) + "ms", r.response_time.p99_ms, slo.p99_ms,
                    r.response_time.p99_ms < slo.p99_ms});
  const double deviation =
      r.target_rps > 0 ? std::abs(r.achieved_rps - r.target_rps) / r.target_rps : INFINITY;
  checks.push_back({"rate", "RPS within " + ShortNumber(slo.rate_tolerance * 100) + "%", deviation,
                    slo.rate_tolerance, r.target_rps > 0 && deviation < slo.rate_tolerance});
  checks.push_back({"error_rate", "Error rate < " + ShortNumber(slo.error_rate * 100) + "%", r.error_rate,
                    slo.error_rate, r.error_rate < slo.error_rate});
  return checks;
}

bool AllPassed(const std::vector<SloCheck>& checks) {
  for (const SloCheck& c : checks)
    if (!c.passed) return false;
  return true;
}

}  // namespace nethical::loadgen
