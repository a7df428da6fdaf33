#include "engine/base/jsonl_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "engine/base/shown_value.h"

namespace nethical {
namespace {

// How long the writer sleeps when nobody wakes it: bounds the delay before a
// quiet log reaches the file.
constexpr auto kWriterPeriod = std::chrono::milliseconds(50);
// Lines are batched into one write(2) up to this size.
constexpr size_t kWriteBatchBytes = 64 << 10;
// Records taken from the queue per DrainBatch call.
constexpr size_t kPopBatch = 256;

int OpenForAppend(const std::string& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

}  // namespace

StatusOr<JsonlLogBase::OpenedFile> JsonlLogBase::OpenFile(const std::string& dir,
                                                          const std::string& file_name, int64_t max_bytes,
                                                          size_t queue_capacity, const std::string& what) {
  if (max_bytes <= 0)
    return InvalidArgument(what + " rotation size " + std::to_string(max_bytes) + ": must be > 0");
  if (queue_capacity == 0) return InvalidArgument(what + " queue capacity must be > 0");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("cannot create " + what + " directory " + ShownPath(dir) + ": " + ec.message());
  OpenedFile file;
  file.path = dir + "/" + file_name;
  file.fd = OpenForAppend(file.path);
  if (file.fd < 0) return IoError("cannot open " + ShownPath(file.path) + ": " + std::strerror(errno));
  struct stat st {};
  file.size = ::fstat(file.fd, &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
  return file;
}

JsonlLogBase::JsonlLogBase(OpenedFile file, int64_t max_bytes)
    : path_(std::move(file.path)), max_bytes_(max_bytes), fd_(file.fd), file_bytes_(file.size) {
  pending_.reserve(kWriteBatchBytes + 1024);
}

JsonlLogBase::~JsonlLogBase() {
  if (fd_ >= 0) ::close(fd_);
}

void JsonlLogBase::StartWriter() {
  writer_ = std::thread([this] { WriterLoop(); });
}

void JsonlLogBase::StopWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  writer_cv_.notify_one();
  if (writer_.joinable()) writer_.join();
}

void JsonlLogBase::NoteAppended() {
  // No counter of its own: Flush reads the queue's claimed tickets (a
  // shared counter here cost every push a cache-line transfer between the
  // producing threads).
  if (QueueDepth() < QueueCapacity() / 2) return;
  if (wake_requested_.exchange(true, std::memory_order_acq_rel)) return;
  writer_cv_.notify_one();
}

void JsonlLogBase::Flush() {
  const uint64_t target = QueueClaimed();
  std::unique_lock<std::mutex> lock(mu_);
  wake_requested_.store(true, std::memory_order_release);
  writer_cv_.notify_one();
  flushed_cv_.wait(lock, [&] { return processed_.load(std::memory_order_acquire) >= target; });
}

JsonlLogCounters JsonlLogBase::Counters() const {
  JsonlLogCounters c;
  c.written = written_.load(std::memory_order_relaxed);
  c.dropped = QueueDropped();
  c.rotations = rotations_.load(std::memory_order_relaxed);
  c.write_errors = write_errors_.load(std::memory_order_relaxed);
  return c;
}

void JsonlLogBase::WriterLoop() {
  for (;;) {
    uint64_t drained = 0;
    for (size_t n = kPopBatch; n == kPopBatch;) {
      n = DrainBatch(kPopBatch);
      drained += n;
    }
    WritePending();
    {
      std::unique_lock<std::mutex> lock(mu_);
      processed_.fetch_add(drained, std::memory_order_release);
      flushed_cv_.notify_all();
      if (stop_ && QueueDepth() == 0) return;
      if (!stop_ && !wake_requested_.load(std::memory_order_acquire))
        writer_cv_.wait_for(lock, kWriterPeriod);
      wake_requested_.store(false, std::memory_order_release);
    }
  }
}

void JsonlLogBase::WriteLine(const std::string& line) {
  const int64_t line_bytes = static_cast<int64_t>(line.size());
  const int64_t queued = file_bytes_ + static_cast<int64_t>(pending_.size());
  if (queued > 0 && queued + line_bytes > max_bytes_) {
    WritePending();
    Rotate();
  }
  pending_.append(line);
  written_.fetch_add(1, std::memory_order_relaxed);
  if (pending_.size() >= kWriteBatchBytes) WritePending();
}

void JsonlLogBase::WritePending() {
  if (pending_.empty()) return;
  if (fd_ < 0) fd_ = OpenForAppend(path_);  // retry after a failed rotation
  if (fd_ < 0) write_errors_.fetch_add(1, std::memory_order_relaxed);
  const int64_t bytes = static_cast<int64_t>(pending_.size());
  size_t off = 0;
  while (off < pending_.size() && fd_ >= 0) {
    const ssize_t n = ::write(fd_, pending_.data() + off, pending_.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      write_errors_.fetch_add(1, std::memory_order_relaxed);
      break;
    }
    off += static_cast<size_t>(n);
  }
  file_bytes_ += bytes;
  pending_.clear();
}

void JsonlLogBase::Rotate() {
  if (fd_ >= 0) ::close(fd_);
  const std::string rotated = path_ + ".1";
  // The previous <file_name>.1 is removed before the rename, not replaced
  // by it: on ext4 a rename over an existing file starts writeback of the
  // whole renamed file (auto_da_alloc, a guard for editors that skip
  // fsync), tens of megabytes of write-out on this thread for a log whose
  // pages may be dropped before they would otherwise reach the disk.
  if (::unlink(rotated.c_str()) != 0 && errno != ENOENT)
    write_errors_.fetch_add(1, std::memory_order_relaxed);
  if (std::rename(path_.c_str(), rotated.c_str()) != 0) write_errors_.fetch_add(1, std::memory_order_relaxed);
  fd_ = OpenForAppend(path_);
  if (fd_ < 0) write_errors_.fetch_add(1, std::memory_order_relaxed);
  file_bytes_ = 0;
  rotations_.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace nethical
