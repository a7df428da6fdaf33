#include "engine/audit/audit_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>

#include "engine/audit/file_io.h"
#include "engine/audit/log_reader.h"
#include "engine/audit/merkle_hash.h"
#include "engine/audit/segment_format.h"

namespace nethical::audit {
namespace {

constexpr size_t kQueueCapacity = 4096;
constexpr size_t kDrainChunk = 4096;
constexpr size_t kWriteBufferBytes = 1 << 20;
// The writer re-reads the injected clock at least this often while records
// wait to be anchored, so a FakeClock advanced by a test is noticed.
constexpr std::chrono::milliseconds kPendingPoll(50);
constexpr std::chrono::seconds kIdlePoll(1);
constexpr int64_t kMinSegmentBytes = 4096;

bool ValidRegionName(const std::string& name) {
  if (name.empty() || name.size() > 64 || name == "." || name == "..") return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

Status ValidateConfig(const AuditConfig& c) {
  if (c.batch_size < 1) {
    return InvalidArgument("NETHICAL_MERKLE_BATCH_SIZE=" + std::to_string(c.batch_size) +
                           ": must be >= 1");
  }
  if (c.flush_ms < 1) {
    return InvalidArgument("NETHICAL_MERKLE_FLUSH_MS=" + std::to_string(c.flush_ms) + ": must be >= 1");
  }
  if (c.segment_bytes < kMinSegmentBytes) {
    return InvalidArgument("NETHICAL_AUDIT_SEGMENT_BYTES=" + std::to_string(c.segment_bytes) +
                           ": must be >= " + std::to_string(kMinSegmentBytes));
  }
  return Status::Ok();
}

int DataSync(int fd) {
  int rc;
  do rc = ::fdatasync(fd);
  while (rc != 0 && errno == EINTR);
  return rc;
}

}  // namespace

StatusOr<std::string> AuditDirFor(const std::string& storage_dir, const std::string& region) {
  if (storage_dir.empty()) return InvalidArgument("NETHICAL_STORAGE_DIR is empty: name a directory");
  const std::string name = region.empty() ? "default" : region;
  if (!ValidRegionName(name)) {
    return InvalidArgument("NETHICAL_REGION_ID='" + region +
                           "': use 1-64 characters from [A-Za-z0-9._-], not '.' or '..'");
  }
  return storage_dir + "/" + name + "/audit";
}

AuditLog::AuditLog(std::string dir, const AuditConfig& config, const Clock& clock)
    : dir_(std::move(dir)), config_(config), clock_(clock), queue_(kQueueCapacity), appender_(clock) {}

StatusOr<std::unique_ptr<AuditLog>> AuditLog::Open(const std::string& storage_dir,
                                                   const std::string& region,
                                                   const AuditConfig& config, const Clock& clock) {
  if (Status s = ValidateConfig(config); !s.ok()) return s;
  auto dir = AuditDirFor(storage_dir, region);
  if (!dir.ok()) return dir.status();
  if (Status s = MakeDirectories(*dir); !s.ok()) return s;
  std::unique_ptr<AuditLog> log(new AuditLog(*dir, config, clock));
  auto lock = RegionLock::Acquire(*dir, region.empty() ? "default" : region);
  if (!lock.ok()) return lock.status();
  log->lock_ = std::move(*lock);
  auto signer = TreeHeadSigner::LoadOrCreate(*dir);
  if (!signer.ok()) return signer.status();
  log->signer_ = std::move(*signer);
  if (Status s = log->Recover(); !s.ok()) return s;
  log->writer_ = std::thread([raw = log.get()] { raw->WriterLoop(); });
  return log;
}

Status AuditLog::Recover() {
  CompactRange range;
  uint64_t anchored = 0;
  ScanTail tail;
  Status s = ScanLog(
      dir_, TailPolicy::kRecover,
      [&](const FrameVisit& f) -> Status {
        if (f.type == FrameType::kRecord) {
          range.Append(LeafHash(f.payload));
          return Status::Ok();
        }
        const std::string where = std::filesystem::path(f.segment->path).filename().string() +
                                  " offset " + std::to_string(f.offset);
        auto head = DecodeTreeHead(f.payload);
        if (!head.ok()) return DataLoss("tree head at " + where + ": " + head.status().message());
        if (head->tree_size != f.record_index || head->root != range.Root()) {
          return DataLoss("tree head at " + where + " does not match the " +
                          std::to_string(f.record_index) + " records before it");
        }
        anchored = head->tree_size;
        return Status::Ok();
      },
      &tail);
  if (!s.ok()) {
    return Status(s.code(), "cannot recover the audit log in " + dir_ + ": " + s.message() +
                                " (inspect it with `nethical audit verify " + dir_ + "`)");
  }
  recovery_.records = range.size();
  recovery_.anchored_before = anchored;
  recovery_.truncated_bytes = tail.dropped_bytes;

  if (tail.last_segment.empty()) {
    if (Status st = StartSegment(0); !st.ok()) return st;
  } else if (tail.valid_bytes == 0) {
    // The newest segment never got its header: drop it and start it anew.
    if (::unlink(tail.last_segment.c_str()) != 0) return IoErrorFor("cannot remove", tail.last_segment);
    if (Status st = StartSegment(range.size()); !st.ok()) return st;
  } else {
    if (tail.dropped_bytes > 0 &&
        ::truncate(tail.last_segment.c_str(), static_cast<off_t>(tail.valid_bytes)) != 0) {
      return IoErrorFor("cannot truncate the torn tail of", tail.last_segment);
    }
    if (Status st = OpenSegmentForAppend(tail.last_segment, tail.valid_bytes); !st.ok()) return st;
  }

  base_index_ = range.size();
  written_ = range.size();
  synced_ = range.size();
  durable_ = range.size();
  appender_.Resume(std::move(range), anchored);
  AnchorPending();  // records no head covers yet (lost to a crash before their anchor)
  Commit();
  if (failed_) return error_;
  anchored_published_.store(appender_.anchored(), std::memory_order_release);
  return Status::Ok();
}

Status AuditLog::OpenSegmentForAppend(const std::string& path, uint64_t size) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return IoErrorFor("cannot open", path);
  fd_ = fd;
  segment_size_ = size;
  return Status::Ok();
}

Status AuditLog::StartSegment(uint64_t first_index) {
  const std::string path = dir_ + "/" + SegmentFileName(first_index);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return IoErrorFor("cannot create segment", path);
  std::string header;
  AppendSegmentHeader(first_index, &header);
  const bool sync = config_.durability != Durability::kNone;
  if (::write(fd, header.data(), header.size()) != static_cast<ssize_t>(header.size()) ||
      (sync && DataSync(fd) != 0)) {
    Status s = IoErrorFor("cannot write segment header to", path);
    ::close(fd);
    return s;
  }
  if (sync) {
    if (Status s = SyncDirectory(dir_); !s.ok()) {
      ::close(fd);
      return s;
    }
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
  segment_size_ = header.size();
  return Status::Ok();
}

AuditLog::~AuditLog() {
  if (writer_.joinable()) {
    Flush();
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    queue_.Wake();
    writer_.join();
  }
  if (fd_ >= 0) ::close(fd_);
}

uint64_t AuditLog::Append(const AuditRecord& r) {
  const uint64_t ticket =
      queue_.Push(clock_.NowNanos(), [&r](std::string* slot) { EncodeRecord(r, slot); });
  const uint64_t index = base_index_ + ticket;
  if (config_.durability == Durability::kAlways) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return durable_ > index || !error_.ok(); });
  }
  return index;
}

Status AuditLog::Flush() {
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t target = queue_.tickets_claimed();
  if (flushed_ >= target) return error_;
  flush_target_ = std::max(flush_target_, target);
  lock.unlock();
  queue_.Wake();
  lock.lock();
  cv_.wait(lock, [&] { return flushed_ >= target || !error_.ok(); });
  return error_;
}

void AuditLog::WriterLoop() {
  while (true) {
    const size_t drained = DrainPublished(kDrainChunk);
    bool flush_now;
    bool stop;
    {
      std::lock_guard<std::mutex> lock(mu_);
      flush_now = flush_target_ > flushed_ && consumed_ >= flush_target_;
      stop = stop_;
    }
    if (flush_now || AnchorDueByTime()) AnchorPending();
    Commit();
    if (flush_now) {
      std::lock_guard<std::mutex> lock(mu_);
      flushed_ = consumed_;
      cv_.notify_all();
    }
    if (stop && consumed_ == queue_.tickets_claimed()) return;
    if (drained == 0 && !flush_now) {
      std::chrono::nanoseconds wait = kIdlePoll;
      if (appender_.pending() > 0) {
        const int64_t due = pending_since_nanos_ + config_.flush_ms * 1'000'000 - clock_.NowNanos();
        wait = std::clamp(std::chrono::nanoseconds(due), std::chrono::nanoseconds(0),
                          std::chrono::nanoseconds(kPendingPoll));
      }
      queue_.WaitForTicket(consumed_, wait);
    }
  }
}

size_t AuditLog::DrainPublished(size_t max_records) {
  size_t n = 0;
  while (n < max_records) {
    const QueuedRecord* record = queue_.Peek(consumed_);
    if (record == nullptr) break;
    if (!failed_) AddRecord(*record);
    queue_.Release(consumed_);
    ++consumed_;
    ++n;
    if (appender_.buffer().size() >= kWriteBufferBytes) Commit();
  }
  return n;
}

void AuditLog::AddRecord(const QueuedRecord& record) {
  if (segment_size_ + appender_.buffer().size() >= static_cast<uint64_t>(config_.segment_bytes)) {
    Commit();
    // The closed segment's unsynced records would otherwise never be
    // fsynced: later syncs cover only the new file.
    if (!failed_ && config_.durability != Durability::kNone && DataSync(fd_) != 0) {
      Fail(IoErrorFor("cannot fsync segment in", dir_));
    }
    if (!failed_) {
      if (Status s = StartSegment(appender_.size()); !s.ok()) Fail(s);
    }
    if (failed_) return;
  }
  if (appender_.pending() == 0) pending_since_nanos_ = record.pushed_nanos;
  appender_.AddRecord(record.bytes);
  if (appender_.pending() >= static_cast<uint64_t>(config_.batch_size)) AnchorPending();
}

bool AuditLog::AnchorDueByTime() const {
  return appender_.pending() > 0 &&
         clock_.NowNanos() - pending_since_nanos_ >= config_.flush_ms * 1'000'000;
}

void AuditLog::AnchorPending() {
  if (failed_ || appender_.pending() == 0) return;
  if (Status s = appender_.Anchor(*signer_); !s.ok()) {
    Fail(s);
    return;
  }
  head_unsynced_ = true;
}

Status AuditLog::WriteBuffer() {
  size_t done = 0;
  std::string& buf = appender_.buffer();
  while (done < buf.size()) {
    const ssize_t n = ::write(fd_, buf.data() + done, buf.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoErrorFor("cannot append to the audit log in", dir_);
    done += static_cast<size_t>(n);
  }
  segment_size_ += buf.size();
  buf.clear();
  return Status::Ok();
}

void AuditLog::Commit() {
  if (failed_) return;
  if (!appender_.buffer().empty()) {
    if (Status s = WriteBuffer(); !s.ok()) {
      Fail(s);
      return;
    }
  }
  written_ = appender_.size();
  uint64_t durable = written_;
  switch (config_.durability) {
    case Durability::kNone:
      head_unsynced_ = false;
      break;
    case Durability::kBatch:
      durable = appender_.anchored();
      [[fallthrough]];
    case Durability::kAlways:
      if (head_unsynced_ || (config_.durability == Durability::kAlways && written_ > synced_)) {
        if (DataSync(fd_) != 0) {
          Fail(IoErrorFor("cannot fsync the audit log in", dir_));
          return;
        }
        synced_ = written_;
        head_unsynced_ = false;
      }
      break;
  }
  anchored_published_.store(appender_.anchored(), std::memory_order_release);
  std::lock_guard<std::mutex> lock(mu_);
  if (durable > durable_) {
    durable_ = durable;
    cv_.notify_all();
  }
}

void AuditLog::Fail(Status s) {
  failed_ = true;
  appender_.buffer().clear();
  std::lock_guard<std::mutex> lock(mu_);
  if (error_.ok()) error_ = std::move(s);
  cv_.notify_all();
}

}  // namespace nethical::audit
