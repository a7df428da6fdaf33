// Where a region's diagnostic logs live: <storage_dir>/<region>/<leaf>
// (shadow_logs, anomaly_logs, blended_logs), beside the region's audit log,
// so regions sharing a storage directory never write (or rotate) each
// other's files.
#pragma once

#include <string>

#include "engine/base/status.h"

namespace nethical {

// The region name the logs use (directory and lines): `region`, or
// "default" when empty, as the audit log.
std::string LogRegionName(const std::string& region);

// <storage_dir>/<region or "default">/<leaf>. InvalidArgument naming the
// region unless the name is 1-64 characters from [A-Za-z0-9._-] other than
// "." and "..", or if storage_dir is empty.
StatusOr<std::string> RegionLogDir(const std::string& storage_dir, const std::string& region,
                                   const std::string& leaf);

}  // namespace nethical
