#include "loadgen/time_series.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "engine/model/verdict.h"

namespace nethical::loadgen {
namespace {

uint64_t Since(uint64_t now, uint64_t then) { return now > then ? now - then : 0; }

// The nearest-rank quantiles of the samples `now` holds beyond `then`
// (cumulative bucket counts of one histogram), as bucket midpoints clamped
// to [lo, hi] (the cumulative histogram's exact min and max).
class IntervalQuantiles {
 public:
  IntervalQuantiles(const LatencyHistogram& now, const std::vector<uint64_t>& then, int64_t lo, int64_t hi)
      : lo_(lo), hi_(std::max(lo, hi)) {
    deltas_.resize(LatencyHistogram::kBucketCount);
    for (int i = 0; i < LatencyHistogram::kBucketCount; ++i) {
      deltas_[i] = Since(now.CountAt(i), then.empty() ? 0 : then[i]);
      total_ += deltas_[i];
    }
  }
  int64_t At(double q) const {
    if (total_ == 0) return 0;
    const uint64_t rank = std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(q * total_)));
    uint64_t seen = 0;
    for (int i = 0; i < LatencyHistogram::kBucketCount; ++i) {
      seen += deltas_[i];
      if (seen >= rank) {
        const int64_t mid = LatencyHistogram::BucketLow(i) + (LatencyHistogram::BucketWidth(i) - 1) / 2;
        return std::clamp(mid, lo_, hi_);
      }
    }
    return hi_;
  }

 private:
  std::vector<uint64_t> deltas_;
  uint64_t total_ = 0;
  int64_t lo_, hi_;
};

void AppendNumber(double v, std::string* out) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  out->append(buf);
}

}  // namespace

std::string SloFailureNames(uint8_t failures) {
  std::string names;
  const std::pair<uint8_t, const char*> bits[] = {
      {kSloFailP95, "p95"}, {kSloFailP99, "p99"}, {kSloFailErrors, "error_rate"}};
  for (const auto& [bit, name] : bits) {
    if ((failures & bit) == 0) continue;
    if (!names.empty()) names.push_back(',');
    names.append(name);
  }
  return names;
}

TimeSeriesPoint MergePoints(const TimeSeriesPoint& a, const TimeSeriesPoint& b) {
  TimeSeriesPoint m;
  m.start_s = a.start_s;
  m.end_s = b.end_s;
  m.planned = a.planned + b.planned;
  m.completed = a.completed + b.completed;
  m.errors = a.errors + b.errors;
  m.late = a.late + b.late;
  for (int i = 0; i < kDecisionCount; ++i) m.decisions[i] = a.decisions[i] + b.decisions[i];
  const auto weighted = [&](int64_t x, int64_t y) -> int64_t {
    if (m.completed == 0) return std::max(x, y);
    return std::llround((static_cast<double>(x) * a.completed + static_cast<double>(y) * b.completed) /
                        static_cast<double>(m.completed));
  };
  m.response_p50_ns = weighted(a.response_p50_ns, b.response_p50_ns);
  m.service_p50_ns = weighted(a.service_p50_ns, b.service_p50_ns);
  m.response_p95_ns = std::max(a.response_p95_ns, b.response_p95_ns);
  m.response_p99_ns = std::max(a.response_p99_ns, b.response_p99_ns);
  m.response_max_ns = std::max(a.response_max_ns, b.response_max_ns);
  m.service_p99_ns = std::max(a.service_p99_ns, b.service_p99_ns);
  m.slo_failures = a.slo_failures | b.slo_failures;
  m.merged = a.merged + b.merged;
  return m;
}

TimeSeries::TimeSeries(TimeSeriesOptions options)
    : options_(std::move(options)), width_ns_(std::max<int64_t>(1, options_.bucket_ns)) {
  options_.max_buckets = std::max<size_t>(2, options_.max_buckets & ~size_t{1});
  points_.reserve(options_.max_buckets);
}

void TimeSeries::Capture(int64_t at_ns, const RunTotals& t, Snapshot* s) {
  s->at_ns = at_ns;
  s->completed = t.completed;
  s->errors = t.errors;
  s->late = t.late;
  s->decisions = t.decisions;
  s->response.resize(LatencyHistogram::kBucketCount);
  s->service.resize(LatencyHistogram::kBucketCount);
  for (int i = 0; i < LatencyHistogram::kBucketCount; ++i) {
    s->response[i] = t.response_time.CountAt(i);
    s->service[i] = t.service_time.CountAt(i);
  }
}

void TimeSeries::Observe(int64_t elapsed_ns, const RunTotals& cumulative) {
  if (finished_) return;
  if (elapsed_ns >= open_nominal_ns_ + width_ns_ - width_ns_ / 20) Close(elapsed_ns, cumulative);
}

void TimeSeries::Finish(int64_t elapsed_ns, const RunTotals& cumulative) {
  if (finished_) return;
  if (elapsed_ns > open_.at_ns || cumulative.completed > open_.completed) Close(elapsed_ns, cumulative);
  finished_ = true;
}

void TimeSeries::Close(int64_t end_ns, const RunTotals& t) {
  TimeSeriesPoint p;
  p.start_s = open_.at_ns / 1e9;
  p.end_s = std::max(end_ns, open_.at_ns) / 1e9;
  if (options_.planned_before)
    p.planned = std::max(0.0, options_.planned_before(p.end_s) - options_.planned_before(p.start_s));
  p.completed = Since(t.completed, open_.completed);
  p.errors = Since(t.errors, open_.errors);
  p.late = Since(t.late, open_.late);
  for (int i = 0; i < kDecisionCount; ++i) p.decisions[i] = Since(t.decisions[i], open_.decisions[i]);
  const IntervalQuantiles response(t.response_time, open_.response, t.response_time.min(),
                                   t.response_time.max());
  const IntervalQuantiles service(t.service_time, open_.service, t.service_time.min(), t.service_time.max());
  p.response_p50_ns = response.At(0.50);
  p.response_p95_ns = response.At(0.95);
  p.response_p99_ns = response.At(0.99);
  p.response_max_ns = response.At(1.0);
  p.service_p50_ns = service.At(0.50);
  p.service_p99_ns = service.At(0.99);
  // The run's gates, strict as in CheckSlos, on this bucket alone.
  if (p.completed > 0) {
    if (!(p.response_p95_ns / 1e6 < options_.slo.p95_ms)) p.slo_failures |= kSloFailP95;
    if (!(p.response_p99_ns / 1e6 < options_.slo.p99_ms)) p.slo_failures |= kSloFailP99;
    if (!(static_cast<double>(p.errors) / p.completed < options_.slo.error_rate))
      p.slo_failures |= kSloFailErrors;
  }
  p.merged = width_buckets_;
  points_.push_back(p);
  Capture(end_ns, t, &open_);
  // The next nominal bucket; a tick that came more than a width late skips
  // the nominal buckets it missed (the point just closed covers them).
  open_nominal_ns_ += width_ns_;
  while (open_nominal_ns_ + width_ns_ <= end_ns) open_nominal_ns_ += width_ns_;
  if (points_.size() >= options_.max_buckets) Coarsen();
}

void TimeSeries::Coarsen() {
  std::vector<TimeSeriesPoint> merged;
  merged.reserve(options_.max_buckets);
  for (size_t i = 0; i + 1 < points_.size(); i += 2)
    merged.push_back(MergePoints(points_[i], points_[i + 1]));
  if (points_.size() % 2 == 1) merged.push_back(points_.back());
  points_ = std::move(merged);
  width_ns_ *= 2;
  width_buckets_ *= 2;
}

std::string RenderTimeSeriesCsv(const std::vector<TimeSeriesPoint>& points) {
  std::string out =
      "start_s,end_s,planned_rps,achieved_rps,completed,errors,late,"
      "response_p50_ms,response_p95_ms,response_p99_ms,response_max_ms,service_p50_ms,service_p99_ms";
  for (int i = 0; i < kDecisionCount; ++i) {
    out.push_back(',');
    out.append(DecisionName(static_cast<Decision>(i)));
  }
  out.append(",slo_passed,slo_failed,merged_buckets\n");
  for (const TimeSeriesPoint& p : points) {
    for (double v : {p.start_s, p.end_s, p.planned_rps(), p.achieved_rps()}) {
      AppendNumber(v, &out);
      out.push_back(',');
    }
    for (uint64_t v : {p.completed, p.errors, p.late}) {
      out.append(std::to_string(v));
      out.push_back(',');
    }
    for (int64_t ns : {p.response_p50_ns, p.response_p95_ns, p.response_p99_ns, p.response_max_ns,
                       p.service_p50_ns, p.service_p99_ns}) {
      AppendNumber(ns / 1e6, &out);
      out.push_back(',');
    }
    for (uint64_t d : p.decisions) {
      out.append(std::to_string(d));
      out.push_back(',');
    }
    out.append(p.slo_passed() ? "true," : "false,");
    const std::string failed = SloFailureNames(p.slo_failures);
    if (failed.find(',') != std::string::npos)
      out.append("\"" + failed + "\"");
    else
      out.append(failed);
    out.push_back(',');
    out.append(std::to_string(p.merged));
    out.push_back('\n');
  }
  return out;
}

}  // namespace nethical::loadgen
