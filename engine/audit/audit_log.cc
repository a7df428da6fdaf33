#include "engine/audit/audit_log.h"
// (the write lock and background thread: audit_log.h)

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <filesystem>

#include "engine/audit/file_io.h"
#include "engine/audit/log_reader.h"
#include "engine/audit/merkle_hash.h"
#include "engine/audit/segment_format.h"
#include "engine/base/cpu_relax.h"
#include "engine/base/shown_value.h"

namespace nethical::audit {
namespace {

constexpr size_t kQueueCapacity = 4096;
constexpr size_t kDrainChunk = 4096;
// Records taken from the queue per PopBatch call.
constexpr size_t kPopBatch = 256;
// A slot's string is released after a record larger than this, so that one
// huge record does not pin its memory in the ring.
constexpr size_t kMaxRetainedBytes = 64 << 10;
// Frames are copied into the segment at least this often during a drain.
constexpr size_t kWriteBufferBytes = 1 << 20;
// The writer re-reads the injected clock at least this often while records
// wait to be anchored, so a FakeClock advanced by a test is noticed.
constexpr std::chrono::milliseconds kPendingPoll(50);
constexpr std::chrono::seconds kIdlePoll(1);

// How long an appender spins on the write lock before it sleeps on it:
// longer than the longest common hold, a drain that signs a tree head
// (~16 µs, docs/audit.md), so that two appenders rarely pay a futex sleep
// and wake-up (measured: docs/benchmarks.md, "The audit lock's spin").
// Real time, read once per kSpinsPerClockRead pauses (a pause is 10-150
// cycles, depending on the CPU); never the injected Clock, which a test
// may hold still.
constexpr std::chrono::microseconds kLockSpinBudget(20);
constexpr int kSpinsPerClockRead = 64;

bool ValidRegionName(const std::string& name) {
  if (name.empty() || name.size() > 64 || name == "." || name == "..") return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

int DataSync(int fd) {
  int rc;
  do rc = ::fdatasync(fd);
  while (rc != 0 && errno == EINTR);
  return rc;
}

// After an fdatasync, the segment's first `bytes` (released from the
// mapping, never written again, now clean) leave the page cache: the log
// is append-only and nothing reads them back soon, and the kernel then
// recycles those pages for the next ones instead of taking fresh memory
// (each fresh page cost a zero-fill fault and, on this VM, a first touch
// of guest memory: docs/benchmarks.md). Returns 0 or an errno.
int EvictSynced(int fd, uint64_t bytes) {
  if (bytes == 0) return 0;
  return ::posix_fadvise(fd, 0, static_cast<off_t>(bytes), POSIX_FADV_DONTNEED);
}

}  // namespace

StatusOr<std::string> AuditDirFor(const std::string& storage_dir, const std::string& region) {
  if (storage_dir.empty()) return InvalidArgument("the storage directory is empty: name a directory");
  const std::string name = region.empty() ? "default" : region;
  if (!ValidRegionName(name)) {
    return InvalidArgument("region '" + ShownValue(region) +
                           "': use 1-64 characters from [A-Za-z0-9._-], not '.' or '..'");
  }
  return storage_dir + "/" + name + "/audit";
}

AuditLog::AuditLog(std::string dir, const AuditConfig& config, const Clock& clock)
    : dir_(std::move(dir)),
      config_(config),
      clock_(clock),
      queue_(kQueueCapacity, QueueFullPolicy::kBlock),
      appender_(clock),
      populate_supported_(config.durability != Durability::kAlways) {}

StatusOr<std::unique_ptr<AuditLog>> AuditLog::Open(const std::string& storage_dir, const std::string& region,
                                                   const AuditConfig& config, const Clock& clock) {
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
  log->recovery_.public_key_recreated = log->signer_->public_key_recreated();
  if (Status s = log->Recover(); !s.ok()) return s;
  log->background_ = std::thread([raw = log.get()] { raw->BackgroundLoop(); });
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
        const std::string where = std::filesystem::path(f.segment->path).filename().string() + " offset " +
                                  std::to_string(f.offset);
        auto head = DecodeTreeHead(f.payload);
        if (!head.ok()) return DataLoss("tree head at " + where + ": " + head.status().message());
        if (head->tree_size != f.record_index || head->root != range.Root()) {
          return DataLoss("tree head at " + where + " does not match the " + std::to_string(f.record_index) +
                          " records before it");
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
  recovery_.dropped_records = tail.dropped_records;

  std::lock_guard<std::mutex> lock(mu_);
  if (tail.last_segment.empty()) {
    if (Status st = StartSegment(0); !st.ok()) return st;
  } else if (tail.valid_bytes == 0) {
    // The newest segment never got its header: drop it and start it anew.
    if (::unlink(tail.last_segment.c_str()) != 0) return IoErrorFor("cannot remove", tail.last_segment);
    if (Status st = StartSegment(range.size()); !st.ok()) return st;
  } else {
    // Cuts the torn frame (if any) and the zeros a crash left after it.
    auto seg = MappedSegment::OpenForAppend(tail.last_segment, tail.valid_bytes,
                                            static_cast<uint64_t>(config_.segment_bytes));
    if (!seg.ok()) return seg.status();
    segment_ = std::move(*seg);
  }

  base_index_ = range.size();
  written_ = range.size();
  synced_ = range.size();
  anchored_written_ = anchored;
  anchored_synced_ = anchored;
  appender_.Resume(std::move(range), anchored);
  AnchorPending();  // records no head covers yet (lost to a crash before their anchor)
  WriteOut();
  SyncNow();
  if (failed_) return error_;
  acked_.store(written_, std::memory_order_release);
  anchored_published_.store(appender_.anchored(), std::memory_order_release);
  return Status::Ok();
}

Status AuditLog::StartSegment(uint64_t first_index) {
  // The finished segment is cut to its frames first: then only the newest
  // segment can end in preallocated zeros.
  if (segment_ != nullptr) {
    WaitForPopulate();
    ++segment_generation_;
    if (Status s = segment_->Close(); !s.ok()) return s;
  }
  const std::string path = dir_ + "/" + SegmentFileName(first_index);
  std::string header;
  AppendSegmentHeader(first_index, &header);
  auto seg = MappedSegment::Create(path, header, static_cast<uint64_t>(config_.segment_bytes));
  if (!seg.ok()) return seg.status();
  if (config_.durability != Durability::kNone) {
    if (DataSync((*seg)->fd()) != 0) return IoErrorFor("cannot write segment header to", path);
    if (Status s = SyncDirectory(dir_); !s.ok()) return s;
  }
  segment_ = std::move(*seg);
  return Status::Ok();
}

AuditLog::~AuditLog() {
  if (background_.joinable()) {
    // Nobody is left to hear an error here: whoever needs it calls Flush()
    // first (Engine::Shutdown does); the error stays in error_ either way.
    static_cast<void>(Flush());
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    background_cv_.notify_all();
    background_.join();
  }
  // Cut to its frames; an error leaves zeros after them, which the readers
  // skip (and Flush already reported any write error).
  if (segment_ != nullptr) static_cast<void>(segment_->Close());
}

std::optional<uint64_t> AuditLog::Append(const AuditRecord& r) {
  const int64_t now = clock_.NowNanos();
  // Encoded and hashed before the ticket is claimed, in parallel with other
  // appenders: not under the write lock, and not while a drain waits for
  // this slot. The slot's string is swapped in, not copied.
  thread_local std::string encoded;
  encoded.clear();
  EncodeRecord(r, &encoded);
  const Hash leaf = LeafHash(encoded);
  // kBlock: Push waits while the ring is full and always returns a ticket.
  const uint64_t ticket = *queue_.Push([&](QueuedRecord& slot) {
    slot.bytes.swap(encoded);
    slot.leaf = leaf;
    slot.pushed_nanos = now;
  });
  const uint64_t index = base_index_ + ticket;
  // Group commit: whoever holds the lock writes every record published so
  // far, so a caller often finds its record already written.
  if (acked_.load(std::memory_order_acquire) > index) return index;
  // A drain holds the lock for about a microsecond (the copy, the compact
  // range; ~16 µs when it signs a head), less than a futex sleep and
  // wake-up cost: spin first (kLockSpinBudget), and return as soon as the
  // holder has copied this record, which is the common case with two
  // appenders.
  std::unique_lock<std::mutex> lock(mu_, std::defer_lock);
  std::chrono::steady_clock::time_point spin_until{};
  for (int spins = 1; !lock.try_lock(); ++spins) {
    if (acked_.load(std::memory_order_acquire) > index) return index;
    if (spins % kSpinsPerClockRead == 0) {
      const auto spun_at = std::chrono::steady_clock::now();
      if (spin_until == std::chrono::steady_clock::time_point{}) {
        spin_until = spun_at + kLockSpinBudget;
      } else if (spun_at >= spin_until) {
        lock.lock();
        break;
      }
    }
    CpuRelax();
  }
  if (acked_.load(std::memory_order_relaxed) > index) return index;
  DrainThrough(ticket);
  WriteOut();
  // A failed write never advances acked_: the record is not in the log.
  if (acked_.load(std::memory_order_relaxed) > index) return index;
  return std::nullopt;
}

Status AuditLog::Flush() {
  std::lock_guard<std::mutex> lock(mu_);
  const uint64_t claimed = queue_.claimed();
  if (claimed > 0) DrainThrough(claimed - 1);
  AnchorPending();
  WriteOut();
  SyncNow();
  return error_;
}

void AuditLog::BackgroundLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    // Records published by producers that have not taken the lock yet.
    if (queue_.HeadReady()) {
      DrainThrough(consumed_);
      WriteOut();
    }
    if (AnchorDueByTime()) {
      AnchorPending();
      WriteOut();
    }
    // Pages ahead of the frames, faulted in here rather than by the
    // appender holding the lock (mapped_segment.h). Each fsync below drops
    // them from the mapping first (ReleaseForSync) and jumps back here,
    // which maps them again.
    if (populate_supported_ && !failed_ && segment_ != nullptr) {
      const MappedSegment::PageRange range = segment_->PopulateAhead();
      populate_notified_ = false;
      if (range.length > 0) {
        const uint64_t generation = segment_generation_;
        populating_.store(true, std::memory_order_relaxed);  // under mu_: seen by the next holder
        lock.unlock();
        const int rc = MappedSegment::Populate(range);
        populating_.store(false, std::memory_order_release);
        lock.lock();
        if (rc == 0) {
          if (generation == segment_generation_) segment_->Populated(range);
        } else if (rc == EINVAL) {
          populate_supported_ = false;  // an old kernel: the appender's stores fault the pages in
        } else {
          errno = rc;
          Fail(IoErrorFor("cannot populate the next pages of the audit log in", dir_));
        }
        continue;
      }
    }
    const bool sync_wanted = head_unsynced_ && !failed_ && config_.durability == Durability::kBatch;
    const int64_t now = clock_.NowNanos();
    if (sync_wanted && now >= next_sync_nanos_) {
      // Every head written since the last fsync, in one fsync; the next
      // one waits for sync_interval_ms (docs/audit.md: the bound).
      next_sync_nanos_ = now + config_.sync_interval_ms * 1'000'000;
      // Written pages leave the mapping first: writeback would otherwise
      // write-protect each one with its own TLB shootdown
      // (mapped_segment.h). Under the lock: a roll unmaps the segment.
      if (Status s = segment_->ReleaseForSync(); !s.ok()) {
        Fail(s);
        continue;
      }
      // fsync outside the lock, so appenders keep writing meanwhile; a
      // duplicate fd stays valid if the segment rolls in between.
      const int fd = ::dup(segment_->fd());
      const uint64_t written = written_;
      const uint64_t anchored = anchored_written_;
      const uint64_t evictable = segment_->released();
      head_unsynced_ = false;
      sync_notified_ = false;
      lock.unlock();
      const int rc = fd >= 0 ? DataSync(fd) : -1;
      const int evicted = rc == 0 ? EvictSynced(fd, evictable) : 0;
      if (fd >= 0) ::close(fd);
      lock.lock();
      if (rc != 0) {
        Fail(IoErrorFor("cannot fsync the audit log in", dir_));
      } else if (evicted != 0) {
        errno = evicted;
        Fail(IoErrorFor("cannot drop synced pages of the audit log in", dir_));
      } else {
        synced_ = std::max(synced_, written);
        anchored_synced_ = std::max(anchored_synced_, anchored);
        Publish();
      }
      continue;
    }
    // Until the next anchor or fsync is due; polled, so that a FakeClock
    // advanced by a test is noticed.
    std::chrono::nanoseconds wait = kIdlePoll;
    if (appender_.pending() > 0) {
      const int64_t due = pending_since_nanos_ + config_.flush_ms * 1'000'000 - now;
      wait = std::clamp(std::chrono::nanoseconds(due), std::chrono::nanoseconds(0),
                        std::chrono::nanoseconds(kPendingPoll));
    }
    if (sync_wanted) {
      wait = std::min(wait, std::clamp(std::chrono::nanoseconds(next_sync_nanos_ - now),
                                       std::chrono::nanoseconds(0), std::chrono::nanoseconds(kPendingPoll)));
    }
    background_cv_.wait_for(lock, wait);
  }
}

void AuditLog::DrainThrough(uint64_t last) {
  size_t n = 0;
  while (true) {
    const size_t got = queue_.PopBatch(kPopBatch, [&](QueuedRecord& record, uint64_t) {
      if (!failed_) AddRecord(record);
      if (record.bytes.capacity() > kMaxRetainedBytes) std::string().swap(record.bytes);
      if (appender_.buffer().size() >= kWriteBufferBytes) WriteOut();
    });
    consumed_ += got;
    n += got;
    if (consumed_ > last && (got < kPopBatch || n >= kDrainChunk)) break;
    // A producer holds an earlier ticket and is still filling its slot.
    if (got == 0) std::this_thread::yield();
  }
}

void AuditLog::AddRecord(const QueuedRecord& record) {
  if (segment_->size() + appender_.buffer().size() >= static_cast<uint64_t>(config_.segment_bytes)) {
    WriteOut();
    // The closed segment's unsynced records would otherwise never be
    // fsynced: later syncs cover only the new file.
    if (!failed_ && config_.durability != Durability::kNone) SyncNow();
    if (!failed_) {
      if (Status s = StartSegment(appender_.size()); !s.ok()) Fail(s);
    }
    if (failed_) return;
  }
  if (appender_.pending() == 0) pending_since_nanos_ = record.pushed_nanos;
  appender_.AddRecord(record.bytes, record.leaf);
  if (appender_.pending() >= static_cast<uint64_t>(config_.batch_size)) AnchorPending();
}

bool AuditLog::AnchorDueByTime() const {
  return appender_.pending() > 0 && clock_.NowNanos() - pending_since_nanos_ >= config_.flush_ms * 1'000'000;
}

void AuditLog::AnchorPending() {
  if (failed_ || appender_.pending() == 0) return;
  if (Status s = appender_.Anchor(*signer_); !s.ok()) {
    Fail(s);
    return;
  }
  head_unsynced_ = true;
}

void AuditLog::WaitForPopulate() const {
  // Rare (a roll or a remap) and short (one madvise of kPopulateAhead).
  while (populating_.load(std::memory_order_acquire)) std::this_thread::yield();
}

void AuditLog::RequestPopulate() {
  if (!populate_supported_ || populate_notified_ || segment_ == nullptr) return;
  if (segment_->PopulateAhead().length == 0) return;
  populate_notified_ = true;
  background_cv_.notify_one();
}

Status AuditLog::WriteBuffer() {
  std::string& buf = appender_.buffer();
  if (segment_->NeedsRemap(buf.size())) WaitForPopulate();
  if (Status s = segment_->Append(buf); !s.ok()) {
    return Status(s.code(), "cannot append to the audit log in " + dir_ + ": " + s.message());
  }
  buf.clear();
  return Status::Ok();
}

void AuditLog::WriteOut() {
  if (failed_) return;
  if (!appender_.buffer().empty()) {
    if (Status s = WriteBuffer(); !s.ok()) {
      Fail(s);
      return;
    }
    RequestPopulate();
  }
  written_ = appender_.size();
  anchored_written_ = appender_.anchored();
  switch (config_.durability) {
    case Durability::kNone:
      head_unsynced_ = false;
      break;
    case Durability::kBatch:
      // Its fsync, once per unsynced stretch (the background thread then
      // waits for the sync interval by itself).
      if (head_unsynced_ && !sync_notified_) {
        sync_notified_ = true;
        background_cv_.notify_one();
      }
      break;
    case Durability::kAlways:
      SyncNow();
      break;
  }
  Publish();
}

void AuditLog::SyncNow() {
  if (failed_ || config_.durability == Durability::kNone) return;
  if (head_unsynced_ || written_ > synced_ || anchored_written_ > anchored_synced_) {
    if (Status s = segment_->ReleaseForSync(); !s.ok()) {
      Fail(s);
      return;
    }
    if (DataSync(segment_->fd()) != 0) {
      Fail(IoErrorFor("cannot fsync the audit log in", dir_));
      return;
    }
    synced_ = written_;
    anchored_synced_ = anchored_written_;
    head_unsynced_ = false;
    sync_notified_ = false;
  }
  Publish();
}

void AuditLog::Publish() {
  if (failed_) return;
  const uint64_t acked = config_.durability == Durability::kAlways ? synced_ : written_;
  acked_.store(acked, std::memory_order_release);
  // A head counts once written (none) or once fsynced (batch, always).
  const uint64_t anchored = config_.durability == Durability::kNone ? anchored_written_ : anchored_synced_;
  if (anchored > anchored_published_.load(std::memory_order_relaxed)) {
    anchored_published_.store(anchored, std::memory_order_release);
  }
}

void AuditLog::Fail(Status s) {
  failed_ = true;
  appender_.buffer().clear();
  if (error_.ok()) error_ = std::move(s);
}

}  // namespace nethical::audit
