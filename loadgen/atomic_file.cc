#include "loadgen/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include "engine/base/shown_value.h"

namespace nethical::loadgen {
namespace {

std::string TempPath(const std::string& path) { return path + ".tmp"; }

// The registry of open temporary files, readable from a signal handler:
// fixed slots, each published by its state (kFree -> kFilling -> kOpen).
// A path too long for a slot, or a ninth open file, is simply not
// registered (generate_load has at most two open at once).
enum SlotState : int { kFree = 0, kFilling = 1, kOpen = 2 };
struct TempSlot {
  std::atomic<int> state{kFree};
  char path[4096];
};
constexpr int kTempSlots = 8;
TempSlot g_temp_slots[kTempSlots];
static_assert(std::atomic<int>::is_always_lock_free);

void RegisterTemp(const std::string& tmp) {
  if (tmp.size() >= sizeof(TempSlot::path)) return;
  for (TempSlot& slot : g_temp_slots) {
    int expected = kFree;
    if (!slot.state.compare_exchange_strong(expected, kFilling)) continue;
    std::memcpy(slot.path, tmp.c_str(), tmp.size() + 1);
    slot.state.store(kOpen, std::memory_order_release);
    return;
  }
}

void UnregisterTemp(const std::string& tmp) {
  for (TempSlot& slot : g_temp_slots) {
    if (slot.state.load(std::memory_order_acquire) == kOpen && tmp == slot.path) {
      slot.state.store(kFree, std::memory_order_release);
      return;
    }
  }
}

}  // namespace

void RemoveOpenTempFilesFromSignalHandler() {
  for (TempSlot& slot : g_temp_slots)
    if (slot.state.load(std::memory_order_acquire) == kOpen) ::unlink(slot.path);
}

std::FILE* OpenTempFile(const std::string& path, Status* error) {
  const std::string tmp = TempPath(path);
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, kOutputFileMode);
  // fchmod: an existing file keeps its mode through open(2).
  if (fd < 0 || ::fchmod(fd, kOutputFileMode) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    *error = IoError("cannot write '" + ShownPath(tmp) + "': " + std::strerror(err));
    return nullptr;
  }
  std::FILE* f = ::fdopen(fd, "wb");
  if (f == nullptr) {
    *error = IoError("cannot write '" + ShownPath(tmp) + "': " + std::strerror(errno));
    ::close(fd);
    ::unlink(tmp.c_str());
    return nullptr;
  }
  RegisterTemp(tmp);
  return f;
}

Status CommitTempFile(std::FILE* tmp, const std::string& path, bool write_failed) {
  errno = 0;
  bool ok = !write_failed && std::fflush(tmp) == 0 && fsync(fileno(tmp)) == 0;
  int err = errno;
  if (std::fclose(tmp) != 0 && ok) ok = false, err = errno;
  if (ok && std::rename(TempPath(path).c_str(), path.c_str()) != 0) ok = false, err = errno;
  if (!ok) std::remove(TempPath(path).c_str());
  UnregisterTemp(TempPath(path));  // after the rename or removal: never a window without either
  if (ok) return Status::Ok();
  return IoError("failed to write '" + ShownPath(path) +
                 "': " + (err != 0 ? std::strerror(err) : "write error"));
}

void AbortTempFile(std::FILE* tmp, const std::string& path) {
  std::fclose(tmp);
  std::remove(TempPath(path).c_str());
  UnregisterTemp(TempPath(path));
}

Status WriteFileAtomically(const std::string& path, std::string_view content) {
  Status error;
  std::FILE* f = OpenTempFile(path, &error);
  if (f == nullptr) return error;
  const bool failed = std::fwrite(content.data(), 1, content.size(), f) != content.size();
  return CommitTempFile(f, path, failed);
}

}  // namespace nethical::loadgen
