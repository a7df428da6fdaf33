// The shadow prediction log: <dir>/shadow_predictions.jsonl, one line per
// prediction (shadow_log_line.h), written by one background thread so that
// the scoring path never does I/O.
//
// One log per region: an engine logs to ShadowLogDirFor(storage_dir,
// region) = <storage_dir>/<region>/shadow_logs, beside the region's audit
// log (<storage_dir>/<region>/audit), and every line names its region.
// Regions sharing a storage directory never write (or rotate) each
// other's file.
//
// Contract:
//  - Append() never blocks and never waits for I/O: it fills the record into
//    a slot of a bounded queue (BoundedQueue, drop policy); if the queue is
//    full the record is dropped and counted.
//  - Batching: the writer drains the queue in batches, formats each record
//    straight from its slot and hands the lines to write(2) in buffers of
//    up to 64 KiB (one write per buffer, not per line). No fsync, ever.
//  - Size bound: before a line would take the file past max_bytes, the file
//    is renamed to shadow_predictions.jsonl.1 (replacing the previous one) and
//    a new file is started, so the log never holds more than about
//    2 * max_bytes on disk. A single line longer than max_bytes still goes
//    into a file of its own.
//  - Flush() returns once every line appended before the call is written to
//    the file (write(2); no fsync: the log is diagnostic, not an audit trail).
//  - The destructor drains the queue, writes it and joins the thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/base/status.h"
#include "engine/base/bounded_queue.h"
#include "engine/shadow/shadow_log_record.h"

namespace nethical::shadow {

// The region name a log uses (directory and lines): `region`, or "default"
// when empty, as the audit log.
std::string ShadowLogRegionName(const std::string& region);

// <storage_dir>/<region or "default">/shadow_logs. InvalidArgument naming
// the region unless the name is 1-64 characters from [A-Za-z0-9._-] other
// than "." and "..", or if storage_dir is empty.
StatusOr<std::string> ShadowLogDirFor(const std::string& storage_dir, const std::string& region);

struct ShadowLogCounters {
  uint64_t written = 0;
  uint64_t dropped = 0;
  uint64_t rotations = 0;
  uint64_t write_errors = 0;
};

class ShadowLog {
 public:
  static constexpr char kFileName[] = "shadow_predictions.jsonl";
  static constexpr size_t kDefaultQueueCapacity = 4096;

  // Creates `dir` (and parents) if needed and opens the log for appending;
  // every line carries "region": ShadowLogRegionName(region).
  // REQUIRES: max_bytes > 0, queue_capacity > 0.
  static StatusOr<std::unique_ptr<ShadowLog>> Open(const std::string& dir, const std::string& region,
                                                   int64_t max_bytes,
                                                   size_t queue_capacity = kDefaultQueueCapacity);
  ~ShadowLog();
  ShadowLog(const ShadowLog&) = delete;
  ShadowLog& operator=(const ShadowLog&) = delete;

  // Thread-safe and lock-free (a CAS claims the slot). Calls fill(ShadowLogRecord&)
  // on a queue slot, which holds the previous record of that slot: fill sets
  // every field. Returns false (and counts a drop) if the queue is full.
  template <typename Fill>
  bool Append(Fill&& fill);

  void Flush();
  ShadowLogCounters Counters() const;
  const std::string& path() const { return path_; }
  const std::string& region() const { return region_; }

 private:
  ShadowLog(std::string dir, std::string path, std::string region, int fd, int64_t file_bytes,
            int64_t max_bytes, size_t queue_capacity);
  void WriterLoop();
  // Writer thread only.
  void WriteLine(const std::string& line);
  void WritePending();
  void Rotate();
  void WakeWriterIfBacklogged();

  const std::string dir_;
  const std::string path_;
  const std::string region_;
  const int64_t max_bytes_;
  BoundedQueue<ShadowLogRecord> queue_;

  // Writer-thread state.
  int fd_;
  int64_t file_bytes_;
  uint64_t sequence_ = 0;
  std::string pending_;

  std::atomic<uint64_t> appended_{0};
  std::atomic<uint64_t> processed_{0};
  std::atomic<uint64_t> written_{0};
  std::atomic<uint64_t> rotations_{0};
  std::atomic<uint64_t> write_errors_{0};
  std::atomic<bool> wake_requested_{false};

  std::mutex mu_;
  std::condition_variable writer_cv_;   // wakes the writer
  std::condition_variable flushed_cv_;  // wakes Flush() callers
  bool stop_ = false;                   // guarded by mu_
  std::thread writer_;
};

template <typename Fill>
bool ShadowLog::Append(Fill&& fill) {
  if (!queue_.Push(fill)) return false;  // counted by the queue
  appended_.fetch_add(1, std::memory_order_release);
  WakeWriterIfBacklogged();
  return true;
}

}  // namespace nethical::shadow
