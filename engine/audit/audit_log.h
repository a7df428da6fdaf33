// AuditLog: the engine's append-only, Merkle-anchored audit log for one
// region. Every evaluated action appends one AuditRecord; under one write
// lock, records are framed into segment files in leaf order, one RFC 6962
// tree grows over the whole log (a CompactRange, O(log n) per anchor), and
// a signed tree head is written every `batch_size` records or `flush_ms`
// milliseconds (a background thread watches the clock), whichever comes
// first, and on Flush().
//
//   auto log = AuditLog::Open(cfg.storage_dir, cfg.region_id, cfg.audit, clock);
//   if (!log.ok()) return log.status();        // e.g. region locked elsewhere
//   std::optional<uint64_t> leaf = (*log)->Append(record);  // any thread
//   Status s = (*log)->Flush();                // at clean shutdown
//
// Durability (AuditConfig::durability). In none and batch, Append()
// returns once its record was copied into the staging ring
// (staging_ring.h: a file kept mapped, so in the page cache, as after a
// write(2); group commit: the caller that takes the write lock copies every
// record published so far), and the background thread writes the ring to
// the segment with large pwritev(2)s; Open() restores what a killed process
// left in the ring. So once Append returned, a process crash (SIGKILL)
// loses nothing:
//   none:   nothing is ever fsynced; a power loss may lose anything the
//           kernel had not written back. Flush() writes and anchors.
//   batch:  every tree head is fsynced (by a background thread, outside the
//           write lock, at most once per sync_interval_ms: all heads
//           written to the segment by then in one fsync) together with the
//           records it covers; a power loss may lose records after the
//           last synced head. Flush() returns once all earlier records are
//           anchored and fsynced.
//   always: Append() returns only after its record is written to the
//           segment and fsynced (group commit; no ring); heads as in batch.
// Layout: <storage_dir>/<region or "default">/audit/ holds LOCK, the signing
// key pair, staging.ring and segment-<first index>.log files (format:
// segment_format.h);
// directories are created 0700 and files 0600 whatever the umask.
// The active segment is preallocated ahead of its frames and ends in zeros
// until it is rolled or closed, when it is cut to its frames.
// Open() takes the region's flock, checks the key pair, reads the log from
// the newest segment that starts with a range checkpoint (the tree of the
// records before it: range_checkpoint.h; so the time to open does not
// grow with the log), truncates a torn tail of the last segment (reported
// in recovery()) and its zeros, writes the frames the staging ring holds
// after it, and anchors records that no head covers yet. Damage that is
// not a torn tail (a bad frame with valid frames after it, anywhere in the
// segments read, or a tree head that does not match the records before
// it) makes Open fail with DataLoss naming the segment and offset; nothing
// is truncated then. Older segments are checked by `nethical audit
// verify`, which reads everything.
//
// Thread safety ("Threads" in docs/audit.md): Append() and Flush() may be
// called from any number of threads. The destructor flushes; it REQUIRES
// that no Append() or Flush() is running. If the disk fails, Append returns
// nullopt for every record it could not write (the caller must not
// acknowledge it) and Flush() returns the first error.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "engine/audit/audit_record.h"
#include "engine/audit/log_appender.h"
#include "engine/audit/merkle_hash.h"
#include "engine/audit/region_lock.h"
#include "engine/audit/segment_format.h"
#include "engine/audit/segment_writer.h"
#include "engine/audit/staging_ring.h"
#include "engine/audit/tree_head_signer.h"
#include "engine/base/bounded_queue.h"
#include "engine/base/clock.h"
#include "engine/base/status.h"
#include "engine/config/engine_config.h"

namespace nethical::audit {

// What Open() found and repaired.
struct RecoveryReport {
  uint64_t records = 0;  // records in the log after recovery
  // Records Open read from the segments (and hashed): those from the
  // newest segment that starts with a range checkpoint on; the checkpoint
  // stands for the ones before (range_checkpoint.h).
  uint64_t records_read = 0;
  uint64_t anchored_before = 0;   // records covered by the last head found
  uint64_t truncated_bytes = 0;   // torn tail removed from the last segment (not preallocated zeros)
  uint64_t dropped_records = 0;   // partial record frames in that tail (restored if acknowledged)
  uint64_t restored_records = 0;  // records written from the staging ring (acknowledged, not in a segment)
  uint64_t unrestored_bytes = 0;  // ring bytes that could not follow the segment (after a power loss)
  bool public_key_recreated = false;  // the public key was missing and was written again
};

// <storage_dir>/<region or "default">/audit, after validating the region
// name ([A-Za-z0-9._-], 1-64 characters, not "." or "..").
StatusOr<std::string> AuditDirFor(const std::string& storage_dir, const std::string& region);

class AuditLog {
 public:
  // REQUIRES: Validate(config).ok() (engine/config/config_validation.h).
  static StatusOr<std::unique_ptr<AuditLog>> Open(const std::string& storage_dir, const std::string& region,
                                                  const AuditConfig& config, const Clock& clock);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Returns the record's leaf index (0-based over the whole log). The
  // record is appended now (the clock's reading), or at `now_nanos`, a
  // reading of the same clock the caller already took: what the anchoring
  // deadline (flush_ms) counts from.
  [[nodiscard]] std::optional<uint64_t> Append(const AuditRecord& r);
  [[nodiscard]] std::optional<uint64_t> Append(const AuditRecord& r, int64_t now_nanos);
  // Anchors everything appended before the call and waits until it is
  // durable per the policy. Returns the writer's first I/O error, if any.
  Status Flush();

  // Records covered by the newest tree head written (and, unless the
  // policy is none, fsynced).
  uint64_t AnchoredSize() const { return anchored_published_.load(std::memory_order_acquire); }
  const RecoveryReport& recovery() const { return recovery_; }
  const std::string& dir() const { return dir_; }

 private:
  AuditLog(std::string dir, const AuditConfig& config, const Clock& clock);
  Status Recover();
  // Writes the frames the ring holds after the newest segment's end,
  // calling `visit` for each whole frame written.
  Status RestoreFromRing(const std::function<Status(FrameType, std::string_view)>& visit);
  // A new segment for the records after `range`, which it starts with a
  // checkpoint of (unless it is the first); `anchored`: the newest head's
  // tree size.
  Status StartSegment(const CompactRange& range, uint64_t anchored);

  // Everything below runs with mu_ held (the write lock).
  // Frames every record up to ticket `last` (waiting for producers still
  // filling earlier slots) and any record published after it.
  void DrainThrough(uint64_t last);
  // One record's whole frame in the queue, its leaf hash (both built by
  // the appender, outside the write lock) and when it was appended.
  struct QueuedRecord {
    std::string bytes;  // the frame (FinishFrame)
    Hash leaf;
    int64_t pushed_nanos = 0;
  };
  void AddRecord(const QueuedRecord& record);
  void AnchorPending();
  // Copies the buffer into the ring (always, or too large for it: into
  // the segment), then per policy: always fsyncs; publishes what is
  // acknowledged and anchored.
  void WriteOut();
  // Writes every ring entry to the segment, after the background
  // thread's write in flight, if any.
  void FlushRing();
  // Applies the background thread's finished write (in_flight_).
  void FoldInFlight();
  // fdatasync now if anything written is unsynced (not for none).
  void SyncNow();
  Status StageBuffer();
  void Fail(Status s);
  bool AnchorDueByTime() const;
  void Publish();

  // Background thread: anchors by time (flush_ms), writes the ring to the
  // segment, and for batch fsyncs written heads; the writes and fsyncs
  // outside the lock.
  void BackgroundLoop();

  const std::string dir_;
  const AuditConfig config_;
  const Clock& clock_;
  std::unique_ptr<RegionLock> lock_;
  std::unique_ptr<TreeHeadSigner> signer_;
  BoundedQueue<QueuedRecord> queue_;  // kBlock: tickets are leaf order
  RecoveryReport recovery_;
  uint64_t base_index_ = 0;  // records in the log at Open; ticket t is leaf base_index_ + t

  std::mutex mu_;                           // the write lock: guards everything down to stop_
  std::unique_ptr<SegmentWriter> segment_;  // the newest segment
  uint64_t segment_first_ = 0;              // its first leaf index (its name)
  uint64_t segment_end_ = 0;                // where the next frames go in it (after the ring's)
  std::unique_ptr<StagingRing> ring_;
  LogAppender appender_;              // the tree, the newest head's size, unwritten frames
  uint64_t consumed_ = 0;             // tickets taken from the queue
  uint64_t written_ = 0;              // records copied into the ring or the segment
  uint64_t in_segment_ = 0;           // records written to the segment
  uint64_t anchored_in_segment_ = 0;  // ... covered by the newest head there
  uint64_t synced_ = 0;               // records covered by the last fsync
  uint64_t anchored_written_ = 0;     // records covered by the newest head written
  uint64_t anchored_synced_ = 0;      // ... by the newest head fsynced
  int64_t pending_since_nanos_ = 0;   // Append time of the oldest unanchored record
  bool head_unsynced_ = false;
  bool sync_notified_ = false;   // batch: the background thread was woken for head_unsynced_
  bool flush_notified_ = false;  // ... for the ring's unflushed bytes
  // batch: the background thread's next fsync starts no earlier (NowNanos).
  int64_t next_sync_nanos_ = INT64_MIN;
  bool failed_ = false;
  Status error_;
  bool stop_ = false;
  std::condition_variable background_cv_;
  // The ring entries the background thread writes to the segment without
  // the lock (set before it lets the lock go). While flushing_, the
  // segment must not be written, closed or rolled: FlushRing waits for it,
  // holding the lock (a drain must not let it go midway), which the
  // background thread does not need to finish: it stores in_flight_rc_
  // and clears flushing_ before it locks again; whoever holds the lock
  // next applies the result (FoldInFlight).
  std::optional<StagingRing::Batch> in_flight_;
  std::atomic<bool> flushing_{false};
  int in_flight_rc_ = 0;  // 0 or an errno; read after flushing_ is seen false

  // Records [0, acked_) are acknowledged (copied; always: fsynced).
  std::atomic<uint64_t> acked_{0};
  std::atomic<uint64_t> anchored_published_{0};

  std::thread background_;
};

}  // namespace nethical::audit
