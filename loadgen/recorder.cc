#include "loadgen/recorder.h"

#include <algorithm>
#include <cmath>

#include "engine/base/utc_timestamp.h"
#include "loadgen/csv_format.h"

namespace nethical::loadgen {

WorkerRecorder::WorkerRecorder(const RecorderOptions& options, CsvFile* csv, const Clock& clock)
    : options_(options),
      clock_(clock),
      cohort_names_(options.cohorts.empty() ? std::vector<std::string>{kOtherCohort} : options.cohorts),
      cohorts_(new CohortCounters[cohort_names_.size()]),
      quality_(options.pii_scope) {
  if (csv != nullptr) csv_.emplace(csv);
}

size_t WorkerRecorder::CohortSlot(std::string_view cohort) {
  if (cohort_names_[last_slot_] == cohort) return last_slot_;
  const auto it = std::find(cohort_names_.begin(), cohort_names_.end(), cohort);
  last_slot_ = it == cohort_names_.end() ? cohort_names_.size() - 1 : it - cohort_names_.begin();
  return last_slot_;
}

void WorkerRecorder::RecordCohort(const Sample& s) {
  CohortCounters& c = cohorts_[CohortSlot(s.action->cohort)];
  SingleWriterAdd<uint64_t>(c.actions, 1);
  if (s.violation) SingleWriterAdd<uint64_t>(c.violations, 1);
  if (s.pii_findings > 0) {
    SingleWriterAdd<uint64_t>(c.pii_findings, s.pii_findings);
    SingleWriterAdd<uint64_t>(c.pii_findings_capped, std::min(s.pii_findings, kPiiFindingsCapPerAction));
  }
  const double risk = std::isnan(s.risk_score) ? 0.0 : std::clamp(s.risk_score, 0.0, 1.0);
  SingleWriterAdd<double>(c.risk_sum, risk);
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
    if (s.action != nullptr) RecordCohort(s);
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
  AppendUtcTimestamp(clock_.WallNanos(), kPythonIsoformat, row);
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
  for (int i = 0; i < kDecisionCount; ++i) t->decisions[i] += decisions_[i].load(std::memory_order_relaxed);
  t->response_time.MergeFrom(response_time_);
  t->service_time.MergeFrom(service_time_);
  t->send_lag.MergeFrom(send_lag_);
  if (t->cohorts.empty()) {
    for (const std::string& name : cohort_names_) t->cohorts.push_back(CohortTotals{name});
  }
  for (size_t i = 0; i < cohort_names_.size() && i < t->cohorts.size(); ++i) {
    const CohortCounters& c = cohorts_[i];
    CohortTotals& out = t->cohorts[i];
    out.actions += c.actions.load(std::memory_order_relaxed);
    out.violations += c.violations.load(std::memory_order_relaxed);
    out.pii_findings += c.pii_findings.load(std::memory_order_relaxed);
    out.pii_findings_capped += c.pii_findings_capped.load(std::memory_order_relaxed);
    out.risk_sum += c.risk_sum.load(std::memory_order_relaxed);
  }
  quality_.MergeInto(&t->quality);
}

Recorder::Recorder(int workers, const RecorderOptions& options, CsvFile* csv, const Clock& clock) {
  workers_.reserve(workers);
  for (int i = 0; i < workers; ++i) workers_.push_back(std::make_unique<WorkerRecorder>(options, csv, clock));
}

std::unique_ptr<RunTotals> Recorder::Merge() const {
  auto totals = std::make_unique<RunTotals>();
  for (const auto& w : workers_) w->MergeInto(totals.get());
  return totals;
}

}  // namespace nethical::loadgen
