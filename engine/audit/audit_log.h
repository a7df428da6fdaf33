// AuditLog: the engine's append-only, Merkle-anchored audit log for one
// region. Every evaluated action appends one AuditRecord; a single writer
// thread frames records into segment files, grows one RFC 6962 tree over
// the whole log (a CompactRange, O(log n) per anchor) and writes a signed
// tree head every `batch_size` records or `flush_ms` milliseconds, whichever
// comes first, and on Flush().
//
//   auto log = AuditLog::Open(cfg.storage_dir, cfg.region_id, cfg.audit, clock);
//   if (!log.ok()) return log.status();        // e.g. region locked elsewhere
//   uint64_t leaf = (*log)->Append(record);    // any thread
//   Status s = (*log)->Flush();                // at clean shutdown
//
// Durability (AuditConfig::durability), once the call named returns:
//   none:   records reach the OS when the writer gets to them (surviving a
//           process crash, not a power loss); Flush() writes and anchors
//           everything appended before it, without fsync.
//   batch:  every tree head is fsynced together with the records it covers;
//           Flush() returns once all earlier records are anchored and fsynced.
//   always: Append() returns only after its record is fsynced (group commit);
//           heads as in batch.
// Layout: <storage_dir>/<region or "default">/audit/ holds LOCK, the signing
// key pair and segment-<first index>.log files (format: segment_format.h).
// Open() takes the region's flock, truncates a torn tail of the last segment
// and anchors records that no head covers yet.
//
// Thread safety: Append() and Flush() may be called from any number of
// threads; Append takes no lock (see record_queue.h). The destructor
// flushes; it REQUIRES that no Append() or Flush() is running.
// If the disk fails, the writer keeps draining (Append never blocks
// forever) and Flush() returns the error.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/audit/audit_record.h"
#include "engine/audit/log_appender.h"
#include "engine/audit/record_queue.h"
#include "engine/audit/region_lock.h"
#include "engine/audit/tree_head_signer.h"
#include "engine/base/clock.h"
#include "engine/base/status.h"
#include "engine/config/engine_config.h"

namespace nethical::audit {

// What Open() found and repaired.
struct RecoveryReport {
  uint64_t records = 0;          // records in the log after recovery
  uint64_t anchored_before = 0;  // records covered by the last head found
  uint64_t truncated_bytes = 0;  // torn tail removed from the last segment
};

// <storage_dir>/<region or "default">/audit, after validating the region
// name ([A-Za-z0-9._-], 1-64 characters, not "." or "..").
StatusOr<std::string> AuditDirFor(const std::string& storage_dir, const std::string& region);

class AuditLog {
 public:
  static StatusOr<std::unique_ptr<AuditLog>> Open(const std::string& storage_dir,
                                                  const std::string& region,
                                                  const AuditConfig& config, const Clock& clock);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Returns the record's leaf index (0-based over the whole log).
  uint64_t Append(const AuditRecord& r);
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
  Status OpenSegmentForAppend(const std::string& path, uint64_t size);
  Status StartSegment(uint64_t first_index);

  // Writer thread.
  void WriterLoop();
  size_t DrainPublished(size_t max_records);
  void AddRecord(const QueuedRecord& record);
  void AnchorPending();
  // Writes the buffer, fsyncs per policy, publishes what is durable.
  void Commit();
  Status WriteBuffer();
  void Fail(Status s);
  bool AnchorDueByTime() const;

  const std::string dir_;
  const AuditConfig config_;
  const Clock& clock_;
  std::unique_ptr<RegionLock> lock_;
  std::unique_ptr<TreeHeadSigner> signer_;
  RecordQueue queue_;
  RecoveryReport recovery_;
  uint64_t base_index_ = 0;  // records in the log at Open; ticket t is leaf base_index_ + t

  // Owned by the writer thread (and by Open before it starts).
  int fd_ = -1;
  uint64_t segment_size_ = 0;
  LogAppender appender_;             // the tree, the newest head's size, unwritten frames
  uint64_t consumed_ = 0;            // tickets taken from the queue
  uint64_t written_ = 0;             // records handed to write(2)
  uint64_t synced_ = 0;              // records covered by the last fsync
  int64_t pending_since_nanos_ = 0;  // Append time of the oldest unanchored record
  bool head_unsynced_ = false;
  bool failed_ = false;

  std::atomic<uint64_t> anchored_published_{0};

  // Flush / stop / durability hand-off between callers and the writer.
  std::mutex mu_;
  std::condition_variable cv_;
  uint64_t flush_target_ = 0;  // tickets a Flush waits for
  uint64_t flushed_ = 0;       // tickets flushed
  uint64_t durable_ = 0;       // absolute records durable (always: fsynced)
  bool stop_ = false;
  Status error_;

  std::thread writer_;
};

}  // namespace nethical::audit
