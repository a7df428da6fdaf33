#include "engine/anomaly/anomaly_log.h"

#include <nlohmann/json.hpp>

#include "engine/base/utc_timestamp.h"

namespace nethical::anomaly {

void AppendAnomalyAlertLine(const AnomalyAlertRecord& r, uint64_t sequence, std::string_view region,
                            std::string* out) {
  const bool critical = r.severity == AlertSeverity::kCritical;
  std::string timestamp;
  AppendUtcTimestamp(r.wall_nanos, kIsoMicrosZ, &timestamp);
  const nlohmann::ordered_json j = {
      {"alert_id", "anomaly_" + std::to_string(r.wall_nanos / 1000) + "_" + std::to_string(sequence)},
      {"timestamp", timestamp},
      {"region", region},
      {"agent_id", r.agent_id},
      {"action_id", r.action_id},
      {"cohort", r.cohort},
      {"anomaly_type", AnomalyTypeName(r.type)},
      {"severity", AlertSeverityName(r.severity)},
      {"description", r.description},
      {"auto_escalated", critical},
      {"quarantine_recommended", critical},
  };
  out->append(j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  out->push_back('\n');
}

StatusOr<std::unique_ptr<AnomalyLog>> OpenAnomalyLog(const std::string& storage_dir,
                                                     const std::string& region, int64_t max_bytes,
                                                     size_t queue_capacity) {
  return OpenRegionJsonlLog<AnomalyAlertRecord>(storage_dir, region, "anomaly_logs", kAnomalyLogFileName,
                                                max_bytes, queue_capacity, "anomaly log",
                                                &AppendAnomalyAlertLine);
}

}  // namespace nethical::anomaly
