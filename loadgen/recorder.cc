#include "loadgen/recorder.h"

#include "loadgen/csv_format.h"

namespace nethical::loadgen {

WorkerRecorder::WorkerRecorder(const RecorderOptions& options, CsvFile* csv, const Clock& clock)
    : options_(options), clock_(clock) {
  if (csv != nullptr) csv_.emplace(csv);
}

void WorkerRecorder::Record(const Sample& s) {
  const int64_t lag = s.started_ns - s.intended_ns;
  response_time_.Record(s.finished_ns - s.intended_ns);
  service_time_.Record(s.finished_ns - s.started_ns);
  send_lag_.Record(lag);
  if (lag > options_.late_threshold_ns) SingleWriterAdd<uint64_t>(late_, 1);
  if (s.ok) {
    SingleWriterAdd<uint64_t>(decisions_[static_cast<int>(s.decision)], 1);
    if (s.violation) SingleWriterAdd<uint64_t>(violations_, 1);
  } else {
    SingleWriterAdd<uint64_t>(errors_, 1);
  }
  SingleWriterAdd<uint64_t>(completed_, 1);
  if (csv_) AppendCsvRow(s);
}

void WorkerRecorder::AppendCsvRow(const Sample& s) {
  std::string* row = csv_->row_buffer();
  AppendCsvText(s.action->agent_id, row);
  row->push_back(',');
  AppendCsvText(s.action->action_id, row);
  row->push_back(',');
  AppendIsoTimestampUtc(clock_.WallNanos(), row);
  row->push_back(',');
  AppendPythonFloat((s.finished_ns - s.started_ns) / 1e6, row);
  row->append(s.ok ? ",success," : ",error,");
  if (!s.ok) {
    std::string error(s.error_class);
    if (options_.include_error_details && !s.error_detail.empty()) {
      error.append(": ");
      error.append(s.error_detail);
    }
    AppendCsvText(error, row);
  }
  row->append(s.ok && s.violation ? ",True," : ",False,");
  AppendPythonFloat((s.finished_ns - s.intended_ns) / 1e6, row);
  row->push_back(',');
  AppendPythonFloat((s.started_ns - s.intended_ns) / 1e6, row);
  row->push_back(',');
  if (s.ok) row->append(DecisionName(s.decision));
  csv_->EndRow();
}

void WorkerRecorder::FlushCsv() {
  if (csv_) csv_->Flush();
}

void WorkerRecorder::MergeInto(RunTotals* t) const {
  t->completed += completed_.load(std::memory_order_relaxed);
  t->errors += errors_.load(std::memory_order_relaxed);
  t->violations += violations_.load(std::memory_order_relaxed);
  t->late += late_.load(std::memory_order_relaxed);
  for (int i = 0; i < kDecisionCount; ++i)
    t->decisions[i] += decisions_[i].load(std::memory_order_relaxed);
  t->response_time.MergeFrom(response_time_);
  t->service_time.MergeFrom(service_time_);
  t->send_lag.MergeFrom(send_lag_);
}

Recorder::Recorder(int workers, const RecorderOptions& options, CsvFile* csv, const Clock& clock) {
  workers_.reserve(workers);
  for (int i = 0; i < workers; ++i)
    workers_.push_back(std::make_unique<WorkerRecorder>(options, csv, clock));
}

std::unique_ptr<RunTotals> Recorder::Merge() const {
  auto totals = std::make_unique<RunTotals>();
  for (const auto& w : workers_) w->MergeInto(totals.get());
  return totals;
}

}  // namespace nethical::loadgen
