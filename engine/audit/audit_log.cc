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
#include "engine/audit/range_checkpoint.h"
#include "engine/audit/segment_format.h"
#include "engine/audit/tree_head.h"
#include "engine/base/cpu_relax.h"
#include "engine/base/shown_value.h"

namespace nethical::audit {
namespace {

// Slots of the appenders' queue. Each Append waits for its own record, so
// no more records are pending than appending threads; a small ring keeps
// the slots' strings, which appenders swap their encoded records into,
// warm in the cache (4096 slots of ~1 KiB records cycled 4 MiB through it:
// docs/audit.md, "Threads").
constexpr size_t kQueueCapacity = 64;
constexpr size_t kDrainChunk = 4096;
// Records taken from the queue per PopBatch call.
constexpr size_t kPopBatch = 256;
// A slot's string is released after a record larger than this, so that one
// huge record does not pin its memory in the ring.
constexpr size_t kMaxRetainedBytes = 64 << 10;
// Frames are copied into the ring at least this often during a drain.
constexpr size_t kWriteBufferBytes = 1 << 20;
// The background thread writes the ring to the segment once this much is
// waiting, up to kFlushChunk per pwritev (docs/audit.md, "The staging ring").
constexpr uint64_t kFlushBytes = 64 << 10;
constexpr uint64_t kFlushChunk = 1 << 20;
// The writer re-reads the injected clock at least this often while records
// wait to be anchored, so a FakeClock advanced by a test is noticed.
constexpr std::chrono::milliseconds kPendingPoll(50);
constexpr std::chrono::seconds kIdlePoll(1);
// The ring is written to the segment when the thread has slept this long
// with entries waiting (fewer than kFlushBytes).
constexpr std::chrono::milliseconds kRingIdleFlush(20);

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

// After an fdatasync, the segment's whole pages before `bytes` (never
// written again, now clean) leave the page cache: the log is append-only
// and nothing reads them back soon, and the kernel then recycles those
// pages for the next ones instead of taking fresh memory (docs/audit.md).
// The page holding `bytes` stays: the next write fills it. Returns 0 or an
// errno.
int EvictSynced(int fd, uint64_t bytes) {
  const uint64_t whole = bytes / 4096 * 4096;
  if (whole == 0) return 0;
  return ::posix_fadvise(fd, 0, static_cast<off_t>(whole), POSIX_FADV_DONTNEED);
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
      appender_(clock) {}

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
  auto segments = ListSegments(dir_);
  if (!segments.ok()) return segments.status();
  // From the newest checkpoint: the records before it are not read.
  auto checkpointed = FindNewestCheckpoint(*segments);
  if (!checkpointed.ok()) return checkpointed.status();
  ScanStart start;
  CompactRange range;
  uint64_t anchored = 0;
  if (checkpointed->has_value()) {
    start = (*checkpointed)->start;
    range = std::move((*checkpointed)->checkpoint.range);
    anchored = (*checkpointed)->checkpoint.anchored;
  }
  // One frame of the log, in order: `where` names it in an error.
  auto visit = [&](FrameType type, std::string_view payload,
                   const std::function<std::string()>& where) -> Status {
    if (type == FrameType::kRecord) {
      range.Append(LeafHash(payload));
      return Status::Ok();
    }
    if (type == FrameType::kRangeCheckpoint) {
      auto checkpoint = DecodeRangeCheckpoint(payload);
      if (!checkpoint.ok())
        return DataLoss("range checkpoint at " + where() + ": " + checkpoint.status().message());
      if (!(checkpoint->range == range)) {
        return DataLoss("range checkpoint at " + where() + " does not match the " +
                        std::to_string(range.size()) + " records before it");
      }
      return Status::Ok();
    }
    auto head = DecodeTreeHead(payload);
    if (!head.ok()) return DataLoss("tree head at " + where() + ": " + head.status().message());
    if (head->tree_size != range.size() || head->root != range.Root()) {
      return DataLoss("tree head at " + where() + " does not match the " + std::to_string(range.size()) +
                      " records before it");
    }
    anchored = head->tree_size;
    return Status::Ok();
  };
  ScanTail tail;
  Status s = ScanSegments(
      *segments, start, TailPolicy::kRecover,
      [&](const FrameVisit& f) -> Status {
        return visit(f.type, f.payload, [&] {
          return std::filesystem::path(f.segment->path).filename().string() + " offset " +
                 std::to_string(f.offset);
        });
      },
      &tail);
  if (!s.ok()) {
    return Status(s.code(), "cannot recover the audit log in " + dir_ + ": " + s.message() +
                                " (inspect it with `nethical audit verify " + dir_ + "`)");
  }
  recovery_.records_read = range.size() - start.records;
  recovery_.anchored_before = anchored;
  recovery_.truncated_bytes = tail.dropped_bytes;
  recovery_.dropped_records = tail.dropped_records;
  std::lock_guard<std::mutex> lock(mu_);
  if (tail.last_segment.empty()) {
    if (Status st = StartSegment(range, anchored); !st.ok()) return st;
  } else if (tail.valid_bytes == 0) {
    // The newest segment never got its header: drop it and start it anew.
    if (::unlink(tail.last_segment.c_str()) != 0) return IoErrorFor("cannot remove", tail.last_segment);
    if (Status st = StartSegment(range, anchored); !st.ok()) return st;
  } else {
    // Cuts the torn frame (if any) and the zeros a crash left after it.
    auto seg = SegmentWriter::OpenForAppend(tail.last_segment, tail.valid_bytes);
    if (!seg.ok()) return seg.status();
    segment_ = std::move(*seg);
    uint64_t first = 0;
    ParseSegmentFileName(std::filesystem::path(tail.last_segment).filename().string(), &first);
    segment_first_ = first;
  }
  // Opened once the newest segment is: entries go after its frames.
  auto ring = StagingRing::Open(dir_ + "/" + std::string(kStagingRingFile));
  if (!ring.ok()) return ring.status();
  ring_ = std::move(*ring);
  const uint64_t records_before = range.size();
  const uint64_t segment_end_before_restore = segment_->size();
  if (Status st = RestoreFromRing([&](FrameType type, std::string_view payload) {
        return visit(type, payload, [&] { return "the staging ring " + ring_->path(); });
      });
      !st.ok()) {
    return st;
  }
  recovery_.restored_records = range.size() - records_before;
  recovery_.records = range.size();
  // Restored frames are durable before the log goes on (not for none).
  if (segment_->size() > segment_end_before_restore && config_.durability != Durability::kNone &&
      DataSync(segment_->fd()) != 0) {
    return IoErrorFor("cannot fsync the audit log in", dir_);
  }
  segment_end_ = segment_->size();
  ring_->Restart(segment_first_, segment_end_);
  // A newest segment with records but no checkpoint (written before
  // checkpoints existed) would be read from an older segment at every
  // Open: the log goes on in a new segment, which has one. (A newest
  // segment with no record yet stays; the next roll gives the log one.)
  const bool read_from_newest = start.segment + 1 >= segments->size();
  if (!read_from_newest && segment_first_ < range.size()) {
    if (Status st = StartSegment(range, anchored); !st.ok()) return st;
  }

  base_index_ = range.size();
  written_ = range.size();
  in_segment_ = range.size();
  synced_ = range.size();
  anchored_written_ = anchored;
  anchored_in_segment_ = anchored;
  anchored_synced_ = anchored;
  appender_.Resume(std::move(range), anchored);
  AnchorPending();  // records no head covers yet (lost to a crash before their anchor)
  WriteOut();
  FlushRing();
  SyncNow();
  if (failed_) return error_;
  acked_.store(written_, std::memory_order_release);
  anchored_published_.store(appender_.anchored(), std::memory_order_release);
  return Status::Ok();
}

Status AuditLog::RestoreFromRing(const std::function<Status(FrameType, std::string_view)>& visit) {
  std::string on_disk;
  bool placed = true;
  return ring_->ForEachUnflushed([&](uint64_t segment, uint64_t offset, std::string_view frames) -> Status {
    const uint64_t end = segment_->size();
    if (!placed || segment != segment_first_ || offset > end) {
      // Not right after the newest segment's frames: the segment lost
      // bytes before it (a power loss before their fsync).
      placed = false;
      recovery_.unrestored_bytes += frames.size();
      return Status::Ok();
    }
    // The part already in the segment must be these very frames.
    const uint64_t present = std::min<uint64_t>(end - offset, frames.size());
    if (Status s = segment_->ReadAt(offset, present, &on_disk); !s.ok()) return s;
    if (on_disk != frames.substr(0, present)) {
      return DataLoss("the staging ring " + ring_->path() + " and " + segment_->path() +
                      " differ at offset " + std::to_string(offset) +
                      ": keep a copy of both and inspect the segment with `nethical audit verify " + dir_ +
                      "`");
    }
    std::string_view rest = frames.substr(present);
    if (rest.empty()) return Status::Ok();
    if (Status s = segment_->Append(rest); !s.ok()) return s;
    // The ring holds whole frames from `offset`; the part already in the
    // segment ends on a frame boundary (it was cut to its valid frames).
    while (!rest.empty()) {
      Frame f;
      if (ParseFrame(rest, &f) != FrameStatus::kOk) {
        return DataLoss("the staging ring " + ring_->path() + " holds a damaged frame for " +
                        segment_->path());
      }
      if (Status s = visit(f.type, f.payload); !s.ok()) return s;
      rest.remove_prefix(f.size);
    }
    return Status::Ok();
  });
}

Status AuditLog::StartSegment(const CompactRange& range, uint64_t anchored) {
  // The finished segment is cut to its frames first: then only the newest
  // segment can end in preallocated zeros.
  if (segment_ != nullptr) {
    if (Status s = segment_->Close(); !s.ok()) return s;
  }
  const uint64_t first_index = range.size();
  const std::string path = dir_ + "/" + SegmentFileName(first_index);
  std::string header;
  AppendSegmentHeader(first_index, &header);
  if (first_index > 0) {
    std::string checkpoint;
    EncodeRangeCheckpoint(range, anchored, &checkpoint);
    AppendFrame(FrameType::kRangeCheckpoint, checkpoint, &header);
  }
  auto seg = SegmentWriter::Create(path, header);
  if (!seg.ok()) return seg.status();
  if (config_.durability != Durability::kNone) {
    if (DataSync((*seg)->fd()) != 0) return IoErrorFor("cannot write segment header to", path);
    if (Status s = SyncDirectory(dir_); !s.ok()) return s;
  }
  segment_ = std::move(*seg);
  segment_first_ = first_index;
  segment_end_ = segment_->size();
  if (ring_ != nullptr) ring_->MarkWrittenElsewhere(segment_first_, segment_end_);
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

std::optional<uint64_t> AuditLog::Append(const AuditRecord& r) { return Append(r, clock_.NowNanos()); }

std::optional<uint64_t> AuditLog::Append(const AuditRecord& r, int64_t now) {
  // Encoded and hashed before the ticket is claimed, in parallel with other
  // appenders: not under the write lock, and not while a drain waits for
  // this slot. The slot's string is swapped in, not copied.
  // The whole frame, its CRC included, is built here too: the drain under
  // the lock only copies it.
  thread_local std::string encoded;
  encoded.assign(kFrameHeaderSize, '\0');
  EncodeRecord(r, &encoded);
  const Hash leaf = LeafHash(std::string_view(encoded).substr(kFrameHeaderSize));
  FinishFrame(FrameType::kRecord, &encoded);
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
  FlushRing();
  SyncNow();
  return error_;
}

void AuditLog::BackgroundLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  bool timed_out = false;
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
    FoldInFlight();
    const int64_t now = clock_.NowNanos();
    const bool sync_due =
        head_unsynced_ && !failed_ && config_.durability == Durability::kBatch && now >= next_sync_nanos_;
    // The ring goes to the segment in large writes: once kFlushBytes wait,
    // before each fsync, and when the thread wakes with nothing else to do.
    const bool flush_due =
        !failed_ && !ring_->empty() && (sync_due || timed_out || ring_->unflushed_bytes() >= kFlushBytes);
    timed_out = false;
    if (flush_due || sync_due) {
      // Both outside the lock, so appenders keep writing meanwhile. The
      // write needs the segment unchanged (flushing_); the fsync uses a
      // duplicate fd, which stays valid if the segment rolls meanwhile.
      if (flush_due) {
        in_flight_ = ring_->Unflushed(sync_due ? UINT64_MAX : kFlushChunk);
        flushing_.store(true, std::memory_order_relaxed);  // under mu_: seen by the next holder
      }
      flush_notified_ = false;
      const int fd = ::dup(segment_->fd());
      const uint64_t offset = flush_due ? in_flight_->offset : 0;
      const std::vector<iovec> parts = flush_due ? in_flight_->parts : std::vector<iovec>();
      // What the fsync covers: what is in the segment once this write is.
      const uint64_t records = flush_due ? in_flight_->records : in_segment_;
      const uint64_t anchored = flush_due ? in_flight_->anchored : anchored_in_segment_;
      const uint64_t evictable = flush_due ? in_flight_->offset + in_flight_->bytes : segment_->size();
      if (sync_due) {
        // Every head written since the last fsync, in one fsync; the next
        // one waits for sync_interval_ms (docs/audit.md: the bound).
        next_sync_nanos_ = now + config_.sync_interval_ms * 1'000'000;
        head_unsynced_ = false;
        sync_notified_ = false;
      }
      lock.unlock();
      int rc = fd < 0 ? errno : 0;
      if (rc == 0 && flush_due) rc = SegmentWriter::WriteAt(fd, parts, offset);
      if (flush_due) {
        in_flight_rc_ = rc;
        flushing_.store(false, std::memory_order_release);
      }
      int sync_rc = 0, evicted = 0;
      if (rc == 0 && sync_due) {
        sync_rc = DataSync(fd) == 0 ? 0 : errno;
        if (sync_rc == 0) evicted = EvictSynced(fd, evictable);
      }
      if (fd >= 0) ::close(fd);
      lock.lock();
      FoldInFlight();
      if (sync_due && !failed_) {
        if (rc != 0 || sync_rc != 0) {
          errno = rc != 0 ? rc : sync_rc;
          Fail(IoErrorFor("cannot fsync the audit log in", dir_));
        } else if (evicted != 0) {
          errno = evicted;
          Fail(IoErrorFor("cannot drop synced pages of the audit log in", dir_));
        } else {
          synced_ = std::max(synced_, records);
          anchored_synced_ = std::max(anchored_synced_, anchored);
          // Heads written to the ring after this write: the next fsync.
          if (anchored_written_ > anchored_synced_) head_unsynced_ = true;
          Publish();
        }
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
    if (head_unsynced_ && !failed_ && config_.durability == Durability::kBatch) {
      wait = std::min(wait, std::clamp(std::chrono::nanoseconds(next_sync_nanos_ - now),
                                       std::chrono::nanoseconds(0), std::chrono::nanoseconds(kPendingPoll)));
    }
    if (!ring_->empty()) wait = std::min<std::chrono::nanoseconds>(wait, kRingIdleFlush);
    timed_out = background_cv_.wait_for(lock, wait) == std::cv_status::timeout;
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
  if (segment_end_ + appender_.buffer().size() >= static_cast<uint64_t>(config_.segment_bytes)) {
    WriteOut();
    // Everything for the closed segment goes to it first; its unsynced
    // records would otherwise never be fsynced: later syncs cover only the
    // new file.
    FlushRing();
    if (!failed_ && config_.durability != Durability::kNone) SyncNow();
    if (!failed_) {
      if (Status s = StartSegment(appender_.range(), appender_.anchored()); !s.ok()) Fail(s);
    }
    if (failed_) return;
  }
  if (appender_.pending() == 0) pending_since_nanos_ = record.pushed_nanos;
  appender_.AddRecordFrame(record.bytes, record.leaf);
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

Status AuditLog::StageBuffer() {
  std::string& buf = appender_.buffer();
  if (Status s = segment_->Reserve(segment_end_ + buf.size()); !s.ok()) {
    return Status(s.code(), "cannot append to the audit log in " + dir_ + ": " + s.message());
  }
  bool direct = config_.durability == Durability::kAlways;
  if (!direct && !ring_->Fits(buf.size())) {
    // The background thread fell behind, or the frames are too large for
    // the ring (then they go straight to the segment, after the ring's).
    FlushRing();
    if (failed_) return error_;
    direct = !ring_->Fits(buf.size());
  }
  if (direct) {
    FlushRing();
    if (failed_) return error_;
    if (Status s = segment_->Append(buf); !s.ok()) {
      return Status(s.code(), "cannot append to the audit log in " + dir_ + ": " + s.message());
    }
    ring_->MarkWrittenElsewhere(segment_first_, segment_->size());
    in_segment_ = appender_.size();
    anchored_in_segment_ = appender_.anchored();
  } else {
    ring_->Put(segment_first_, segment_end_, buf, appender_.size(), appender_.anchored());
  }
  segment_end_ += buf.size();
  buf.clear();
  return Status::Ok();
}

void AuditLog::FoldInFlight() {
  if (!in_flight_.has_value() || flushing_.load(std::memory_order_acquire)) return;
  if (in_flight_rc_ != 0) {
    errno = in_flight_rc_;
    Fail(IoErrorFor("cannot write to the audit log in", dir_));
  } else if (!failed_) {
    segment_->Advance(in_flight_->bytes);
    ring_->MarkFlushed(*in_flight_);
    in_segment_ = in_flight_->records;
    anchored_in_segment_ = in_flight_->anchored;
  }
  in_flight_.reset();
}

void AuditLog::FlushRing() {
  // Rare (a roll, a full ring, Flush, always) and short (one pwritev).
  while (flushing_.load(std::memory_order_acquire)) std::this_thread::yield();
  FoldInFlight();
  while (!failed_ && !ring_->empty()) {
    const StagingRing::Batch b = ring_->Unflushed(UINT64_MAX);
    if (const int rc = SegmentWriter::WriteAt(segment_->fd(), b.parts, b.offset); rc != 0) {
      errno = rc;
      Fail(IoErrorFor("cannot write to the audit log in", dir_));
      return;
    }
    segment_->Advance(b.bytes);
    ring_->MarkFlushed(b);
    in_segment_ = b.records;
    anchored_in_segment_ = b.anchored;
  }
}

void AuditLog::WriteOut() {
  if (failed_) return;
  if (!appender_.buffer().empty()) {
    if (Status s = StageBuffer(); !s.ok()) {
      Fail(s);
      return;
    }
  }
  written_ = appender_.size();
  anchored_written_ = appender_.anchored();
  if (!flush_notified_ && ring_->unflushed_bytes() >= kFlushBytes) {
    flush_notified_ = true;
    background_cv_.notify_one();
  }
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
    FlushRing();
    if (failed_) return;
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
