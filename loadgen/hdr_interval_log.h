// --hdr-log FILE: HdrHistogram's standard interval log (format version 1.3,
// as HdrHistogram's HistogramLogWriter writes it), one interval per monitor
// tick (a second), so HdrHistogram's tools (HistogramLogProcessor,
// HistogramLogAnalyzer, the libraries' log readers) read a run as it went:
//
//   #[Histogram log format version 1.3]
//   #[StartTime: 1765000000.123 (seconds since epoch), 2026-12-06T05:00:00Z]
//   #[BaseTime: 1765000000.123 (seconds since epoch)]
//   "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"
//   0.000,1.000,0.812,HISTFAAAA...                  response time (untagged)
//   Tag=service_time,0.000,1.000,0.305,HISTFAAAA...
//   Tag=send_lag,0.000,1.000,0.511,HISTFAAAA...
//
// Timestamps are seconds from the run's time zero (BaseTime); Interval_Max
// is in milliseconds (the writer's default unit ratio 1e6 over ns values)
// and is the highest value equivalent to the interval's top bucket, as
// HdrHistogram reports a max. Each interval's histogram is the difference of
// the recorder's cumulative histograms at its two ends (CountAt), so the
// workers do nothing for it. The file is written to FILE.tmp during the run
// and renamed into place by Close() (atomic_file.h).
//
//   auto log = HdrIntervalLog::Open(path, clock.WallNanos());
//   monitor.Add(log->get()); ... monitor.Finish(); Status s = (*log)->Close();
//
// Thread safety: OnSample/OnFinish from the monitor thread, then Close()
// from the caller once the monitor is finished.
#pragma once

#include <cstdio>
#include <memory>
#include <string>

#include "engine/base/status.h"
#include "loadgen/hdr_encoding.h"
#include "loadgen/run_monitor.h"

namespace nethical::loadgen {

class HdrIntervalLog : public RunObserver {
 public:
  // Opens FILE.tmp and writes the header. `start_wall_ns`: the run's time
  // zero in ns since the Unix epoch.
  static StatusOr<std::unique_ptr<HdrIntervalLog>> Open(const std::string& path, int64_t start_wall_ns);
  ~HdrIntervalLog() override;

  void OnSample(int64_t elapsed_ns, const RunTotals& totals) override;
  // Flushes, syncs and renames FILE.tmp to FILE; any earlier write error
  // is reported here. Idempotent.
  Status Close();

  int intervals() const { return intervals_; }

 private:
  HdrIntervalLog(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  void WriteInterval(const char* tag, double start_s, double length_s, const LatencyHistogram& cumulative,
                     HdrCounts* previous);

  std::string path_;
  std::FILE* file_;
  bool write_failed_ = false;
  int64_t last_elapsed_ns_ = 0;
  int intervals_ = 0;
  HdrCounts previous_response_, previous_service_, previous_lag_;
};

// The header lines, for tests and for writers of other logs.
std::string HdrLogHeader(int64_t start_wall_ns);

}  // namespace nethical::loadgen
