// The SLA monitor (docs/original.md §7.5, docs/stages.md "SLA monitor"):
// engine-side latency of each evaluation against p95 / p99 / mean targets
// over a sliding window, with warnings, breach counting and bounded memory.
//
//   SlaMonitor sla(config.sla.targets);                       // a validated section
//   sla.Record(clock.NowNanos() - start, clock.NowNanos());   // once per evaluation
//   SlaReport r = sla.Report(clock.NowNanos());               // any time, any thread
//   if (r.status == SlaStatus::kBreach) ...
//
// Targets (the original's): p95 220 ms, p99 500 ms, mean 100 ms. A metric is
// OK below warning_fraction (90 %) of its target, WARNING from there up to
// the target, BREACH above it; the report's status is the worst of the three.
// An empty window is OK.
//
// Window: the last window_seconds (300 s) of samples, kept as kSlices (10)
// histograms of window_seconds / kSlices each (a ring; the oldest slice is
// cleared when time enters a new one), so a sample leaves the window between
// 270 s and 300 s after it was recorded. The histogram is the project's
// (engine/base/latency_histogram.h, shared with the load generator: log-linear, relative error
// <= 0.4 %); percentiles are nearest-rank (the original takes
// sorted[int(n * p)] of a deque capped at 10,000 samples, so at high rates it
// sees only the last 10,000 evaluations, not 300 s). The mean is exact.
//
// Breach counting: Record() evaluates the window at most once per
// kCheckIntervalSeconds (1 s of the caller's clock); each such check that
// finds a BREACH counts one breach (`breaches`), and `consecutive_breaches`
// counts those in a row. After breach_alert_count (10) consecutive breached
// checks the report says `sustained_breach`. Report() evaluates the window
// without counting.
//
// Thread-safe. Every evaluation records, so the ring is kept kShards (4)
// times, each behind its own mutex, and a thread records into the shard of
// its stripe (engine/base/thread_stripe.h: up to four threads running at
// once get different shards): two engine threads never meet on a lock, where one shared mutex made them
// sleep on it (docs/benchmarks.md, "The SLA monitor's shards"). A slice is
// allocated on its first sample, so memory is at most kShards x kSlices
// LatencyHistograms (~1.4 MiB; ~140 KiB per thread that records, up to
// kShards) whatever the rate. An evaluation (once a second, and each
// Report) merges the live slices of every shard, one shard lock at a time,
// into one count per bucket (bench/sla_bench.cc: BM_SlaReportFullWindow).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>

namespace nethical {
class LatencyHistogram;
}

namespace nethical::sla {

struct Config {
  double p95_target_ms = 220;       // NETHICAL_SLA_P95_MS
  double p99_target_ms = 500;       // NETHICAL_SLA_P99_MS
  double mean_target_ms = 100;      // NETHICAL_SLA_MEAN_MS
  double warning_fraction = 0.9;    // NETHICAL_SLA_WARNING_FRACTION
  int64_t window_seconds = 300;     // NETHICAL_SLA_WINDOW_SECONDS
  int64_t breach_alert_count = 10;  // NETHICAL_SLA_BREACH_COUNT
};

enum class SlaStatus { kOk, kWarning, kBreach };
std::string_view SlaStatusName(SlaStatus s);  // "OK" | "WARNING" | "BREACH"

struct SlaReport {
  uint64_t count = 0;  // evaluations in the window
  int64_t p95_nanos = 0;
  int64_t p99_nanos = 0;
  double mean_nanos = 0;
  SlaStatus p95 = SlaStatus::kOk;
  SlaStatus p99 = SlaStatus::kOk;
  SlaStatus mean = SlaStatus::kOk;
  SlaStatus status = SlaStatus::kOk;  // the worst of the three
  uint64_t checks = 0;                // periodic checks so far
  uint64_t breaches = 0;              // of which found a BREACH
  uint64_t consecutive_breaches = 0;  // breached checks in a row, up to the latest
  bool sustained_breach = false;      // consecutive_breaches >= breach_alert_count
};

class SlaMonitor {
 public:
  static constexpr int kSlices = 10;
  static constexpr int kShards = 4;
  static constexpr int64_t kCheckIntervalSeconds = 1;

  // REQUIRES: Validate(SlaSection{.targets = config}).ok()
  // (engine/config/config_validation.h): targets > 0 with p99 >= p95,
  // warning_fraction in (0, 1], window_seconds >= kSlices, breach count >= 1.
  explicit SlaMonitor(const Config& config);
  ~SlaMonitor();
  SlaMonitor(const SlaMonitor&) = delete;
  SlaMonitor& operator=(const SlaMonitor&) = delete;

  // Records one evaluation's latency, measured by the caller, ending at
  // `now_nanos` (Clock::NowNanos(); never decreasing across calls, up to
  // races between threads, which land in the slice of their own time).
  void Record(int64_t latency_nanos, int64_t now_nanos);

  // The window ending at `now_nanos`, evaluated now, with the breach counts
  // of the periodic checks.
  SlaReport Report(int64_t now_nanos) const;

 private:
  struct Slice;
  struct alignas(64) Shard {
    mutable std::mutex mu;
    std::array<std::unique_ptr<Slice>, kSlices> slices;  // null until first used
  };
  // The window ending at now_nanos, with the counts passed in.
  SlaReport Evaluate(int64_t now_nanos, uint64_t checks, uint64_t breaches, uint64_t consecutive) const;
  Slice* SliceForLocked(Shard& shard, int64_t now_nanos);  // null when older than the window
  Shard& ShardOfThisThread();

  const Config config_;
  const int64_t slice_nanos_;
  std::array<Shard, kShards> shards_;
  // The periodic check: taken by one recorder at a time (others skip it).
  mutable std::mutex check_mu_;
  std::atomic<int64_t> next_check_nanos_{0};
  uint64_t checks_ = 0;  // guarded by check_mu_, as the two below
  uint64_t breaches_ = 0;
  uint64_t consecutive_breaches_ = 0;
};

}  // namespace nethical::sla
