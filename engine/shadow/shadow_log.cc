#include "engine/shadow/shadow_log.h"

#include "engine/base/region_log_dir.h"
#include "engine/shadow/shadow_log_line.h"

namespace nethical::shadow {
std::string ShadowLogRegionName(const std::string& region) { return LogRegionName(region); }

StatusOr<std::string> ShadowLogDirFor(const std::string& storage_dir, const std::string& region) {
  return RegionLogDir(storage_dir, region, "shadow_logs");
}

StatusOr<std::unique_ptr<ShadowLog>> ShadowLog::Open(const std::string& dir, const std::string& region,
                                                     int64_t max_bytes, size_t queue_capacity) {
  std::string name = ShadowLogRegionName(region);
  auto log =
      JsonlLog<ShadowLogRecord>::Open(dir, kFileName, max_bytes, queue_capacity, "shadow log",
                                      [name](const ShadowLogRecord& r, uint64_t sequence, std::string* out) {
                                        AppendShadowLogLine(r, sequence, name, out);
                                      });
  if (!log.ok()) return log.status();
  return std::unique_ptr<ShadowLog>(new ShadowLog(std::move(name), std::move(log).value()));
}

}  // namespace nethical::shadow
