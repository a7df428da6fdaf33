#include "engine/shadow/shadow_log.h"

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
#include "engine/shadow/shadow_log_line.h"

namespace nethical::shadow {
namespace {

// How long the writer sleeps when nobody wakes it: bounds the delay before a
// quiet log reaches the file.
constexpr auto kWriterPeriod = std::chrono::milliseconds(50);
// Lines are batched into one write(2) up to this size.
constexpr size_t kWriteBatchBytes = 64 << 10;
// Records taken from the queue per PopBatch call.
constexpr size_t kPopBatch = 256;

int OpenForAppend(const std::string& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
}

bool ValidRegionName(const std::string& name) {
  if (name.empty() || name.size() > 64 || name == "." || name == "..") return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string ShadowLogRegionName(const std::string& region) {
  return region.empty() ? "default" : region;
}

StatusOr<std::string> ShadowLogDirFor(const std::string& storage_dir, const std::string& region) {
  if (storage_dir.empty()) return InvalidArgument("the storage directory is empty: name a directory");
  const std::string name = ShadowLogRegionName(region);
  if (!ValidRegionName(name))
    return InvalidArgument("region '" + ShownValue(region) +
                           "': use 1-64 characters from [A-Za-z0-9._-], not '.' or '..'");
  return storage_dir + "/" + name + "/shadow_logs";
}

StatusOr<std::unique_ptr<ShadowLog>> ShadowLog::Open(const std::string& dir, const std::string& region,
                                                     int64_t max_bytes, size_t queue_capacity) {
  if (max_bytes <= 0)
    return InvalidArgument("shadow log rotation size " + std::to_string(max_bytes) + ": must be > 0");
  if (queue_capacity == 0) return InvalidArgument("shadow log queue capacity must be > 0");
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return IoError("cannot create shadow log directory " + ShownPath(dir) + ": " + ec.message());
  const std::string path = dir + "/" + kFileName;
  const int fd = OpenForAppend(path);
  if (fd < 0) return IoError("cannot open " + ShownPath(path) + ": " + std::strerror(errno));
  struct stat st {};
  const int64_t size = ::fstat(fd, &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
  return std::unique_ptr<ShadowLog>(
      new ShadowLog(dir, path, ShadowLogRegionName(region), fd, size, max_bytes, queue_capacity));
}

ShadowLog::ShadowLog(std::string dir, std::string path, std::string region, int fd,
                     int64_t file_bytes, int64_t max_bytes, size_t queue_capacity)
    : dir_(std::move(dir)),
      path_(std::move(path)),
      region_(std::move(region)),
      max_bytes_(max_bytes),
      queue_(queue_capacity, QueueFullPolicy::kDrop),
      fd_(fd),
      file_bytes_(file_bytes) {
  pending_.reserve(kWriteBatchBytes + 1024);
  writer_ = std::thread([this] { WriterLoop(); });
}

ShadowLog::~ShadowLog() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  writer_cv_.notify_one();
  writer_.join();
  if (fd_ >= 0) ::close(fd_);
}

void ShadowLog::WakeWriterIfBacklogged() {
  if (queue_.ApproximateDepth() < queue_.capacity() / 2) return;
  if (wake_requested_.exchange(true, std::memory_order_acq_rel)) return;
  writer_cv_.notify_one();
}

void ShadowLog::Flush() {
  const uint64_t target = appended_.load(std::memory_order_acquire);
  std::unique_lock<std::mutex> lock(mu_);
  wake_requested_.store(true, std::memory_order_release);
  writer_cv_.notify_one();
  flushed_cv_.wait(lock, [&] { return processed_.load(std::memory_order_acquire) >= target; });
}

ShadowLogCounters ShadowLog::Counters() const {
  ShadowLogCounters c;
  c.written = written_.load(std::memory_order_relaxed);
  c.dropped = queue_.dropped();
  c.rotations = rotations_.load(std::memory_order_relaxed);
  c.write_errors = write_errors_.load(std::memory_order_relaxed);
  return c;
}

void ShadowLog::WriterLoop() {
  std::string line;
  for (;;) {
    uint64_t drained = 0;
    for (size_t n = kPopBatch; n == kPopBatch;) {
      n = queue_.PopBatch(kPopBatch, [&](const ShadowLogRecord& record, uint64_t) {
        line.clear();
        AppendShadowLogLine(record, sequence_++, region_, &line);
        WriteLine(line);
      });
      drained += n;
    }
    WritePending();
    {
      std::unique_lock<std::mutex> lock(mu_);
      processed_.fetch_add(drained, std::memory_order_release);
      flushed_cv_.notify_all();
      if (stop_ && queue_.ApproximateDepth() == 0) return;
      if (!stop_ && !wake_requested_.load(std::memory_order_acquire))
        writer_cv_.wait_for(lock, kWriterPeriod);
      wake_requested_.store(false, std::memory_order_release);
    }
  }
}

void ShadowLog::WriteLine(const std::string& line) {
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

void ShadowLog::WritePending() {
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

void ShadowLog::Rotate() {
  if (fd_ >= 0) ::close(fd_);
  const std::string rotated = path_ + ".1";
  if (std::rename(path_.c_str(), rotated.c_str()) != 0)
    write_errors_.fetch_add(1, std::memory_order_relaxed);
  fd_ = OpenForAppend(path_);
  if (fd_ < 0) write_errors_.fetch_add(1, std::memory_order_relaxed);
  file_bytes_ = 0;
  rotations_.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace nethical::shadow
