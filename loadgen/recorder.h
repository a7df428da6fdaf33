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
// Per-cohort aggregates (evaluated actions, violations, PII findings, risk
// sum) are kept for the cohorts named in RecorderOptions::cohorts (the
// workload's, Workload::Cohorts()); an action of any other cohort counts
// under the last one. Bounded by that list, not by the run.
//
// Thread safety: a WorkerRecorder has one writer (its worker). Merge() may
// run at any time from any thread (the progress line reads a live merge).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/clock.h"
#include "engine/base/latency_histogram.h"
#include "engine/base/single_writer_counter.h"
#include "engine/model/action.h"
#include "engine/model/verdict.h"
#include "loadgen/csv_file.h"
#include "loadgen/quality.h"
#include "loadgen/workload.h"

namespace nethical::loadgen {

inline constexpr int kDecisionCount = 7;
static_assert(static_cast<int>(Decision::kTerminate) + 1 == kDecisionCount);

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
  uint32_t pii_findings = 0;  // Verdict::pii findings (0 when the PII stage did not run)
  double risk_score = 0.0;    // Verdict::risk_score
  std::string_view error_class;
  std::string_view error_detail;
};

// A cap on the PII findings one action adds to the capped total, so one
// record moves it by at most this much (the differentially private release's
// sensitivity, cohort_aggregates.h).
inline constexpr uint32_t kPiiFindingsCapPerAction = 4;

struct CohortTotals {
  std::string cohort;
  uint64_t actions = 0;  // evaluated (errors are not: they have no verdict)
  uint64_t violations = 0;
  uint64_t pii_findings = 0;
  uint64_t pii_findings_capped = 0;  // min(findings, kPiiFindingsCapPerAction) per action
  double risk_sum = 0.0;             // risk scores clamped to [0, 1] (NaN as 0)
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
  std::vector<CohortTotals> cohorts;  // in RecorderOptions::cohorts order
  QualityTotals quality;              // the verdicts against the ground truth
};

struct RecorderOptions {
  int64_t late_threshold_ns = 1'000'000;
  bool include_error_details = false;  // CSV error: "Cls: detail" instead of "Cls"
  // The cohorts to aggregate; empty means one slot, kOtherCohort.
  std::vector<std::string> cohorts;
  // The PII types the engine's redaction policy scans (quality.h).
  uint8_t pii_scope = kAllPiiTypes;
};

class WorkerRecorder {
 public:
  // csv may be null (no per-action rows). clock supplies the wall time of
  // each CSV row.
  WorkerRecorder(const RecorderOptions& options, CsvFile* csv, const Clock& clock);
  void Record(const Sample& s);
  // The quality accounting of one evaluated action (quality.h): its truth,
  // its verdict, and its evaluation start in ns from the run's time zero.
  void RecordQuality(const ActionTruth& truth, const Verdict& verdict, int64_t started_ns) {
    quality_.Account(truth, verdict, started_ns);
  }
  // Hands buffered CSV rows to the file. Owner thread only.
  void FlushCsv();
  void MergeInto(RunTotals* totals) const;

 private:
  struct CohortCounters {
    std::atomic<uint64_t> actions{0}, violations{0}, pii_findings{0}, pii_findings_capped{0};
    std::atomic<double> risk_sum{0.0};
  };
  void AppendCsvRow(const Sample& s);
  void RecordCohort(const Sample& s);
  size_t CohortSlot(std::string_view cohort);

  const RecorderOptions options_;
  const Clock& clock_;
  std::optional<CsvRowBuffer> csv_;
  LatencyHistogram response_time_, service_time_, send_lag_;
  std::atomic<uint64_t> completed_{0}, errors_{0}, violations_{0}, late_{0};
  std::array<std::atomic<uint64_t>, kDecisionCount> decisions_{};
  std::vector<std::string> cohort_names_;  // never empty
  std::unique_ptr<CohortCounters[]> cohorts_;
  size_t last_slot_ = 0;  // the previous action's slot: runs of one cohort skip the search
  QualityCounters quality_;
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
