// Recorder: what the runner measured, per worker thread, merged on demand.
//
// For every action three latencies are recorded, all in nanoseconds:
//   response time = finished - intended   (what a user of the engine waits;
//                                           free of coordinated omission)
//   service time  = finished - started    (the engine's own time; the
//                                           original's "latency")
//   send lag      = started - intended    (how late the generator fired)
// A send is "late" when its lag exceeds the late threshold; late sends are
// still made and measured, never dropped.
//
// Thread safety: a WorkerRecorder has one writer (its worker). Merge() may
// run at any time from any thread (the progress line reads a live merge).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/base/clock.h"
#include "engine/model/action.h"
#include "engine/model/verdict.h"
#include "loadgen/csv_file.h"
#include "loadgen/latency_histogram.h"
#include "loadgen/single_writer_counter.h"

namespace nethical::loadgen {

inline constexpr int kDecisionCount = 7;

struct Sample {
  const Action* action = nullptr;
  int64_t intended_ns = 0;  // monotonic clock, absolute
  int64_t started_ns = 0;
  int64_t finished_ns = 0;
  // Success: the decision and whether violations were found. Failure (the
  // evaluator threw or refused its input): an error class and details.
  bool ok = true;
  Decision decision = Decision::kAllow;
  bool violation = false;
  std::string_view error_class;
  std::string_view error_detail;
};

struct RunTotals {
  uint64_t completed = 0;
  uint64_t errors = 0;
  uint64_t violations = 0;
  uint64_t late = 0;
  std::array<uint64_t, kDecisionCount> decisions{};
  LatencyHistogram response_time;
  LatencyHistogram service_time;
  LatencyHistogram send_lag;
};

struct RecorderOptions {
  int64_t late_threshold_ns = 1'000'000;
  bool include_error_details = false;  // CSV error: "Cls: detail" instead of "Cls"
};

class WorkerRecorder {
 public:
  // csv may be null (no per-action rows). clock supplies the wall time of
  // each CSV row.
  WorkerRecorder(const RecorderOptions& options, CsvFile* csv, const Clock& clock);
  void Record(const Sample& s);
  // Hands buffered CSV rows to the file. Owner thread only.
  void FlushCsv();
  void MergeInto(RunTotals* totals) const;

 private:
  void AppendCsvRow(const Sample& s);

  const RecorderOptions options_;
  const Clock& clock_;
  std::optional<CsvRowBuffer> csv_;
  LatencyHistogram response_time_, service_time_, send_lag_;
  std::atomic<uint64_t> completed_{0}, errors_{0}, violations_{0}, late_{0};
  std::array<std::atomic<uint64_t>, kDecisionCount> decisions_{};
};

class Recorder {
 public:
  Recorder(int workers, const RecorderOptions& options, CsvFile* csv, const Clock& clock);
  WorkerRecorder& worker(int i) { return *workers_[i]; }
  int workers() const { return static_cast<int>(workers_.size()); }
  // A merged snapshot of every worker (heap-allocated: ~110 KiB).
  std::unique_ptr<RunTotals> Merge() const;

 private:
  std::vector<std::unique_ptr<WorkerRecorder>> workers_;
};

}  // namespace nethical::loadgen
