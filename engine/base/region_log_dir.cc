#include "engine/base/region_log_dir.h"

#include "engine/base/shown_value.h"

namespace nethical {
namespace {

bool ValidRegionName(const std::string& name) {
  if (name.empty() || name.size() > 64 || name == "." || name == "..") return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string LogRegionName(const std::string& region) { return region.empty() ? "default" : region; }

StatusOr<std::string> RegionLogDir(const std::string& storage_dir, const std::string& region,
                                   const std::string& leaf) {
  if (storage_dir.empty()) return InvalidArgument("the storage directory is empty: name a directory");
  const std::string name = LogRegionName(region);
  if (!ValidRegionName(name))
    return InvalidArgument("region '" + ShownValue(region) +
                           "': use 1-64 characters from [A-Za-z0-9._-], not '.' or '..'");
  return storage_dir + "/" + name + "/" + leaf;
}

}  // namespace nethical
