#include "engine/audit/region_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "engine/audit/file_io.h"

namespace nethical::audit {

StatusOr<std::unique_ptr<RegionLock>> RegionLock::Acquire(const std::string& audit_dir,
                                                          const std::string& region) {
  const std::string path = audit_dir + "/LOCK";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return IoErrorFor("cannot open lock file", path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return FailedPrecondition("region '" + region + "' is in use by another process (" + path +
                                " is locked); run one process per NETHICAL_REGION_ID");
    }
    errno = err;
    return IoErrorFor("cannot lock", path);
  }
  // Record the holder's pid for humans; the flock is what protects.
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    Status s = IoErrorFor("cannot write", path);
    ::close(fd);
    return s;
  }
  return std::unique_ptr<RegionLock>(new RegionLock(fd));
}

RegionLock::~RegionLock() { ::close(fd_); }

}  // namespace nethical::audit
