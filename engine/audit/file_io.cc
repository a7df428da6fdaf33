#include "engine/audit/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace nethical::audit {

Status IoErrorFor(const std::string& what, const std::string& path) {
  return IoError(what + " " + path + ": " + std::strerror(errno));
}

StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::string data;
  if (Status s = ReadFileInto(path, &data); !s.ok()) return s;
  return data;
}

Status ReadFileInto(const std::string& path, std::string* out, size_t max_bytes) {
  out->clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return IoErrorFor("cannot open", path);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    Status s = IoErrorFor("cannot stat", path);
    ::close(fd);
    return s;
  }
  // Read in place, sized once from fstat; past that size (the file grew)
  // through a small buffer, so that a buffer sized exactly is not moved.
  size_t got = 0;
  out->resize(std::min<size_t>(static_cast<size_t>(st.st_size), max_bytes));
  char more[4096];
  while (got < max_bytes) {
    const bool in_place = got < out->size();
    char* to = in_place ? out->data() + got : more;
    const size_t room = in_place ? out->size() - got : std::min(sizeof(more), max_bytes - got);
    const ssize_t n = ::read(fd, to, room);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = IoErrorFor("cannot read", path);
      ::close(fd);
      out->clear();
      return s;
    }
    if (n == 0) break;
    if (!in_place) out->append(more, static_cast<size_t>(n));
    got += static_cast<size_t>(n);
  }
  out->resize(got);
  ::close(fd);
  return Status::Ok();
}

Status SyncDirectory(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoErrorFor("cannot open directory", dir);
  const int rc = ::fsync(fd);
  Status s = rc == 0 ? Status::Ok() : IoErrorFor("cannot fsync directory", dir);
  ::close(fd);
  return s;
}

Status CreateFileAtomically(const std::string& path, std::string_view data, int mode) {
  const std::string tmp = path + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return IoErrorFor("cannot create", tmp);
  // fchmod: the umask must not widen or narrow the requested mode.
  bool ok = ::fchmod(fd, static_cast<mode_t>(mode)) == 0;
  size_t done = 0;
  while (ok && done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  Status s = ok ? Status::Ok() : IoErrorFor("cannot write", tmp);
  ::close(fd);
  if (!s.ok()) return s;
  // link() fails if the target exists, unlike rename(): never replace a key.
  if (::link(tmp.c_str(), path.c_str()) != 0) {
    s = IoErrorFor("cannot create", path);
    ::unlink(tmp.c_str());
    return s;
  }
  ::unlink(tmp.c_str());
  return SyncDirectory(std::filesystem::path(path).parent_path().string());
}

Status MakeDirectories(const std::string& dir) {
  // Walk down the path; every directory created here is 0700 whatever the
  // umask (mkdir, then chmod), and existing ones are left as they are.
  std::filesystem::path so_far;
  for (const auto& part : std::filesystem::path(dir)) {
    so_far /= part;
    const std::string p = so_far.string();
    if (part.empty() || part == "/" || part == "." || part == "..") continue;
    if (::mkdir(p.c_str(), 0700) == 0) {
      if (::chmod(p.c_str(), 0700) != 0) return IoErrorFor("cannot chmod directory", p);
      continue;
    }
    if (errno != EEXIST) return IoErrorFor("cannot create directory", p);
    struct stat st;
    if (::stat(p.c_str(), &st) != 0) return IoErrorFor("cannot stat", p);
    if (!S_ISDIR(st.st_mode)) return IoError("cannot create directory " + p + ": a file is in the way");
  }
  return Status::Ok();
}

StatusOr<int> OpenPrivateFile(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0600);
  if (fd < 0) return IoErrorFor("cannot open", path);
  // The umask must not widen the mode (a writable segment or key could be
  // replaced by anyone); fchmod sets it exactly.
  if (::fchmod(fd, 0600) != 0) {
    Status s = IoErrorFor("cannot chmod", path);
    ::close(fd);
    return s;
  }
  return fd;
}

}  // namespace nethical::audit
