// The anomaly alert log: <storage_dir>/<region>/anomaly_logs/anomaly_alerts.jsonl
// (the original's name), one line per alert the anomaly stage reports,
// written off the evaluation path by a JsonlLog (engine/base/jsonl_log.h:
// bounded queue, drops counted, rotation to anomaly_alerts.jsonl.1 at
// NETHICAL_ANOMALY_LOG_MAX_BYTES). The engine opens it when anomaly
// detection and NETHICAL_ANOMALY_LOG are on; otherwise there is no log and
// no file.
//
// A line (UTF-8 kept as is, as the original's ensure_ascii=False; invalid
// bytes become U+FFFD):
//   {"alert_id":"anomaly_<epoch µs>_<n>","timestamp":"2026-01-01T00:00:00.123456Z",
//    "region":"us-east-1","agent_id":..,"action_id":..,"cohort":..,
//    "anomaly_type":"frequency|sequence|behavioral|drift","severity":"low|high|critical",
//    "description":..,"auto_escalated":bool,"quarantine_recommended":bool}\n
// auto_escalated and quarantine_recommended are the original's flags: true
// for a critical alert. `n` (the log's line number) keeps ids unique within
// a microsecond; `region` and `action_id` are not in the original.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/base/jsonl_log.h"
#include "engine/base/status.h"
#include "engine/model/verdict.h"

namespace nethical::anomaly {

struct AnomalyAlertRecord {
  int64_t wall_nanos = 0;
  AnomalyType type = AnomalyType::kFrequency;
  AlertSeverity severity = AlertSeverity::kInfo;
  std::string agent_id;
  std::string action_id;
  std::string cohort;
  std::string description;
};

using AnomalyLog = JsonlLog<AnomalyAlertRecord>;

inline constexpr char kAnomalyLogFileName[] = "anomaly_alerts.jsonl";

void AppendAnomalyAlertLine(const AnomalyAlertRecord& r, uint64_t sequence, std::string_view region,
                            std::string* out);

// Opens <storage_dir>/<region or "default">/anomaly_logs/anomaly_alerts.jsonl.
StatusOr<std::unique_ptr<AnomalyLog>> OpenAnomalyLog(
    const std::string& storage_dir, const std::string& region, int64_t max_bytes,
    size_t queue_capacity = JsonlLogBase::kDefaultQueueCapacity);

}  // namespace nethical::anomaly
