#include "engine/audit/region_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include "engine/audit/file_io.h"

namespace nethical::audit {

StatusOr<std::unique_ptr<RegionLock>> RegionLock::Acquire(const std::string& audit_dir,
                                                          const std::string& region) {
  const std::string path = audit_dir + "/LOCK";
  auto opened = OpenPrivateFile(path, O_RDWR | O_CREAT);
  if (!opened.ok()) return opened.status();
  const int fd = *opened;
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

StatusOr<std::optional<long>> RegionLockHolder(const std::string& audit_dir) {
  const std::string path = audit_dir + "/LOCK";
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::optional<long>();
    return IoErrorFor("cannot open lock file", path);
  }
  // A shared lock conflicts only with a writer's exclusive one; it is
  // dropped at once, so a writer starting now is delayed by microseconds.
  if (::flock(fd, LOCK_SH | LOCK_NB) == 0) {
    ::flock(fd, LOCK_UN);
    ::close(fd);
    return std::optional<long>();
  }
  const int err = errno;
  if (err != EWOULDBLOCK) {
    ::close(fd);
    errno = err;
    return IoErrorFor("cannot test the lock", path);
  }
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof(buf) - 1, 0);
  ::close(fd);
  long pid = 0;
  if (n > 0) pid = std::strtol(buf, nullptr, 10);
  return std::optional<long>(pid);
}

}  // namespace nethical::audit
