// RegionLock: one process per region. Holds an exclusive flock(2) on
// <audit dir>/LOCK for its lifetime; the kernel drops it when the process
// dies (SIGKILL included), so no stale-lock cleanup is ever needed.
// Different regions lock different files and never contend.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "engine/base/status.h"

namespace nethical::audit {

class RegionLock {
 public:
  // FailedPrecondition naming the region and the lock file if another
  // process (or another AuditLog in this one) holds it.
  static StatusOr<std::unique_ptr<RegionLock>> Acquire(const std::string& audit_dir,
                                                       const std::string& region);
  ~RegionLock();
  RegionLock(const RegionLock&) = delete;
  RegionLock& operator=(const RegionLock&) = delete;

 private:
  explicit RegionLock(int fd) : fd_(fd) {}
  int fd_;
};

// The pid written in <audit dir>/LOCK if a live process holds the region's
// lock now (0 if the file holds no pid), or nullopt if nobody holds it (or
// there is no LOCK file). For tools that read a log another process may be
// writing.
StatusOr<std::optional<long>> RegionLockHolder(const std::string& audit_dir);

}  // namespace nethical::audit
