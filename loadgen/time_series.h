// TimeSeries: the run second by second. Fed the recorder's cumulative
// totals about once a bucket width (RunMonitor does, from its own thread),
// it closes a bucket whenever one width has passed, with the bucket's own
// figures: planned and achieved rate, response and service p50/p95/p99,
// errors, late sends, decisions, and the bucket's SLO state.
//
//   TimeSeries series(options);               // 1 s buckets, at most 3,600
//   series.Observe(elapsed_ns, *recorder.Merge());   // each tick
//   series.Finish(end_ns, *recorder.Merge());         // closes the last one
//   for (const TimeSeriesPoint& p : series.points()) ...
//
// Quantiles of a bucket are exact to the histogram's bound (0.4 %): they
// are taken from the difference of the cumulative histograms at the
// bucket's start and end (LatencyHistogram::CountAt), not from per-second
// histograms, so the hot path does nothing for the series.
//
// Bounded memory: at most `max_buckets` points (even, >= 2). When a closed
// bucket would exceed the cap, neighbours are merged pairwise (points 0+1,
// 2+3, ...) and the width of later buckets doubles: a 24 h soak with the
// defaults ends with 2,700 buckets of 32 s. Counts and planned sends add up
// exactly; a merged point's p50 is the count-weighted mean of its halves'
// p50, and its p95/p99/max are the larger of the two (an upper bound: a
// spike stays visible); its SLO state fails if either half failed.
// `merged` says how many 1-width buckets a point holds.
//
// Per-bucket SLO state: the latency gates (response p95, p99) and the error
// rate gate of SloThresholds, with the same strict comparisons as the run's
// gates. The rate gate is judged on the whole run only (one second of a
// Poisson run is too noisy for it); planned vs achieved rate is in the
// series to be plotted.
//
// Thread safety: none; one caller (the monitor thread), then readers after
// Finish().
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/base/latency_histogram.h"
#include "loadgen/load_options.h"
#include "loadgen/recorder.h"
#include "loadgen/run_monitor.h"

namespace nethical::loadgen {

// Bits of TimeSeriesPoint::slo_failures.
inline constexpr uint8_t kSloFailP95 = 1, kSloFailP99 = 2, kSloFailErrors = 4;

struct TimeSeriesPoint {
  double start_s = 0, end_s = 0;  // from the run's time zero
  double planned = 0;             // sends the profile planned in [start, end)
  uint64_t completed = 0, errors = 0, late = 0;
  std::array<uint64_t, kDecisionCount> decisions{};
  int64_t response_p50_ns = 0, response_p95_ns = 0, response_p99_ns = 0, response_max_ns = 0;
  int64_t service_p50_ns = 0, service_p99_ns = 0;
  uint8_t slo_failures = 0;  // kSloFail* bits; 0 = every per-bucket gate held
  uint32_t merged = 1;       // how many buckets of the initial width this one holds

  double seconds() const { return end_s - start_s; }
  double planned_rps() const { return seconds() > 0 ? planned / seconds() : 0; }
  double achieved_rps() const { return seconds() > 0 ? completed / seconds() : 0; }
  bool slo_passed() const { return slo_failures == 0; }
};

// "p95,p99" etc.; "" when every gate held.
std::string SloFailureNames(uint8_t failures);

// Merges two adjacent points (a before b) as described above.
TimeSeriesPoint MergePoints(const TimeSeriesPoint& a, const TimeSeriesPoint& b);

struct TimeSeriesOptions {
  int64_t bucket_ns = 1'000'000'000;
  size_t max_buckets = 3600;  // even, >= 2
  // Λ(t): sends the schedule plans in [0, t] (RateProfile::SendsBefore);
  // unset: planned is 0.
  std::function<double(double)> planned_before;
  SloThresholds slo;
};

class TimeSeries final : public RunObserver {
 public:
  explicit TimeSeries(TimeSeriesOptions options);

  // As a RunMonitor observer.
  void OnSample(int64_t elapsed_ns, const RunTotals& totals) override { Observe(elapsed_ns, totals); }
  void OnFinish(int64_t elapsed_ns, const RunTotals& totals) override { Finish(elapsed_ns, totals); }

  // The cumulative totals `elapsed_ns` after time zero. Closes the open
  // bucket once its nominal end (its nominal start + one width; nominal
  // bounds are multiples of the width) is reached, give or take 5 % of a
  // width: a tick is never exactly on time. A bucket ends at the tick that
  // closed it (a late tick makes it longer; points record their own bounds).
  void Observe(int64_t elapsed_ns, const RunTotals& cumulative);
  // Closes the open bucket at `elapsed_ns` (if anything happened in it or it
  // has a positive length). Later calls of Observe/Finish are ignored.
  void Finish(int64_t elapsed_ns, const RunTotals& cumulative);

  const std::vector<TimeSeriesPoint>& points() const { return points_; }
  // The width of the buckets being filled now (grows as the series coarsens).
  int64_t bucket_ns() const { return width_ns_; }
  const TimeSeriesOptions& options() const { return options_; }

 private:
  struct Snapshot {
    int64_t at_ns = 0;
    uint64_t completed = 0, errors = 0, late = 0;
    std::array<uint64_t, kDecisionCount> decisions{};
    std::vector<uint64_t> response, service;  // LatencyHistogram::CountAt per bucket
  };
  void Close(int64_t end_ns, const RunTotals& cumulative);
  void Coarsen();
  static void Capture(int64_t at_ns, const RunTotals& t, Snapshot* s);

  TimeSeriesOptions options_;
  int64_t width_ns_;
  uint32_t width_buckets_ = 1;   // width_ns_ / options_.bucket_ns
  int64_t open_nominal_ns_ = 0;  // the open bucket's nominal start
  Snapshot open_;                // the cumulative totals when the open bucket began
  bool finished_ = false;
  std::vector<TimeSeriesPoint> points_;
};

// The --timeseries CSV (header + one row per point, "\n" line ends).
std::string RenderTimeSeriesCsv(const std::vector<TimeSeriesPoint>& points);

}  // namespace nethical::loadgen
