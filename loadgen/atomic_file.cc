#include "loadgen/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace nethical::loadgen {
namespace {

std::string TempPath(const std::string& path) { return path + ".tmp"; }

}  // namespace

std::FILE* OpenTempFile(const std::string& path, Status* error) {
  std::FILE* f = std::fopen(TempPath(path).c_str(), "wb");
  if (f == nullptr) *error = IoError("cannot write '" + TempPath(path) + "': " + std::strerror(errno));
  return f;
}

Status CommitTempFile(std::FILE* tmp, const std::string& path, bool write_failed) {
  errno = 0;
  bool ok = !write_failed && std::fflush(tmp) == 0 && fsync(fileno(tmp)) == 0;
  int err = errno;
  if (std::fclose(tmp) != 0 && ok) ok = false, err = errno;
  if (ok && std::rename(TempPath(path).c_str(), path.c_str()) != 0) ok = false, err = errno;
  if (ok) return Status::Ok();
  std::remove(TempPath(path).c_str());
  return IoError("failed to write '" + path + "': " + (err != 0 ? std::strerror(err) : "write error"));
}

void AbortTempFile(std::FILE* tmp, const std::string& path) {
  std::fclose(tmp);
  std::remove(TempPath(path).c_str());
}

Status WriteFileAtomically(const std::string& path, std::string_view content) {
  Status error;
  std::FILE* f = OpenTempFile(path, &error);
  if (f == nullptr) return error;
  const bool failed = std::fwrite(content.data(), 1, content.size(), f) != content.size();
  return CommitTempFile(f, path, failed);
}

}  // namespace nethical::loadgen
