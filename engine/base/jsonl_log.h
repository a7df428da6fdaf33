// JsonlLog<Record>: an append-only JSONL file (<dir>/<file_name>) written by
// one background thread, so the thread that appends never does I/O. The
// diagnostic logs are built on it: the shadow predictions
// (engine/shadow/shadow_log.h), the anomaly alerts
// (engine/anomaly/anomaly_log.h) and the blended decisions
// (engine/shadow/blended_log.h).
//
//   auto log = JsonlLog<MyRecord>::Open(dir, "my.jsonl", 64 << 20, 4096, "my log",
//       [](const MyRecord& r, uint64_t seq, std::string* out) { ... out->push_back('\n'); });
//   (*log)->Append([&](MyRecord& r) { r.x = x; });   // any thread, never blocks
//
// Contract:
//  - Append() never blocks and never waits for I/O: it fills the record into
//    a slot of a bounded queue (BoundedQueue, drop policy); if the queue is
//    full the record is dropped and counted.
//  - Batching: the writer drains the queue in batches, formats each record
//    straight from its slot (format(record, sequence, &line); `sequence`
//    counts the log's lines from 0) and hands the lines to write(2) in
//    buffers of up to 64 KiB (one write per buffer, not per line). No fsync.
//  - Size bound: before a line would take the file past max_bytes, the
//    previous <file_name>.1 is removed, the file is renamed to it and a new
//    file is started, so the log never holds more than about 2 * max_bytes on
//    disk. A single line longer than max_bytes still goes into a file of
//    its own.
//  - Flush() returns once every line appended before the call is written to
//    the file (write(2); no fsync: the logs are diagnostic, not an audit trail).
//  - The destructor drains the queue, writes it and joins the thread.
//  - A log that is off is no JsonlLog at all: its owner holds none, so no
//    file is created and nothing is queued.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "engine/base/bounded_queue.h"
#include "engine/base/region_log_dir.h"
#include "engine/base/status.h"

namespace nethical {

struct JsonlLogCounters {
  uint64_t written = 0;
  uint64_t dropped = 0;
  uint64_t rotations = 0;
  uint64_t write_errors = 0;
};

// The record-independent part: file, rotation, writer thread, flush.
class JsonlLogBase {
 public:
  static constexpr size_t kDefaultQueueCapacity = 4096;

  JsonlLogBase(const JsonlLogBase&) = delete;
  JsonlLogBase& operator=(const JsonlLogBase&) = delete;

  void Flush();
  JsonlLogCounters Counters() const;
  const std::string& path() const { return path_; }

 protected:
  struct OpenedFile {
    std::string path;
    int fd = -1;
    int64_t size = 0;
  };
  // Creates `dir` (and parents) and opens <dir>/<file_name> for appending.
  // Errors name `what` ("shadow log") and the path.
  static StatusOr<OpenedFile> OpenFile(const std::string& dir, const std::string& file_name,
                                       int64_t max_bytes, size_t queue_capacity, const std::string& what);

  JsonlLogBase(OpenedFile file, int64_t max_bytes);
  virtual ~JsonlLogBase();  // closes the file; the derived destructor calls StopWriter()

  void StartWriter();   // derived constructor, once the queue exists
  void StopWriter();    // derived destructor: drains, writes, joins
  void NoteAppended();  // after a successful push

  // Writer thread: pops up to `max` records, formats each and passes the
  // line to WriteLine; returns how many it popped.
  virtual size_t DrainBatch(size_t max) = 0;
  virtual size_t QueueDepth() const = 0;
  virtual size_t QueueCapacity() const = 0;
  // Records pushed so far (tickets claimed; each is consumed in turn).
  virtual uint64_t QueueClaimed() const = 0;
  virtual uint64_t QueueDropped() const = 0;

  // Writer thread only.
  void WriteLine(const std::string& line);
  uint64_t NextSequence() { return sequence_++; }

 private:
  void WriterLoop();
  void WritePending();
  void Rotate();

  const std::string path_;
  const int64_t max_bytes_;

  // Writer-thread state.
  int fd_;
  int64_t file_bytes_;
  uint64_t sequence_ = 0;
  std::string pending_;

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

template <typename Record>
class JsonlLog final : public JsonlLogBase {
 public:
  // Appends one line (ending in '\n') for `record` to `out`.
  using Format = std::function<void(const Record& record, uint64_t sequence, std::string* out)>;

  // REQUIRES: max_bytes > 0, queue_capacity > 0 (else InvalidArgument
  // naming `what`).
  static StatusOr<std::unique_ptr<JsonlLog>> Open(const std::string& dir, const std::string& file_name,
                                                  int64_t max_bytes, size_t queue_capacity,
                                                  const std::string& what, Format format) {
    StatusOr<OpenedFile> file = OpenFile(dir, file_name, max_bytes, queue_capacity, what);
    if (!file.ok()) return file.status();
    return std::unique_ptr<JsonlLog>(
        new JsonlLog(std::move(file).value(), max_bytes, queue_capacity, std::move(format)));
  }
  ~JsonlLog() override { StopWriter(); }

  // Thread-safe and lock-free (a CAS claims the slot). Calls fill(Record&)
  // on a queue slot, which holds the previous record of that slot: fill sets
  // every field. Returns false (and counts a drop) if the queue is full.
  template <typename Fill>
  bool Append(Fill&& fill) {
    if (!queue_.Push(fill)) return false;  // counted by the queue
    NoteAppended();
    return true;
  }

 private:
  JsonlLog(OpenedFile file, int64_t max_bytes, size_t queue_capacity, Format format)
      : JsonlLogBase(std::move(file), max_bytes),
        queue_(queue_capacity, QueueFullPolicy::kDrop),
        format_(std::move(format)) {
    StartWriter();
  }
  size_t DrainBatch(size_t max) override {
    return queue_.PopBatch(max, [&](const Record& record, uint64_t) {
      line_.clear();
      format_(record, NextSequence(), &line_);
      WriteLine(line_);
    });
  }
  size_t QueueDepth() const override { return queue_.ApproximateDepth(); }
  uint64_t QueueClaimed() const override { return queue_.claimed(); }
  size_t QueueCapacity() const override { return queue_.capacity(); }
  uint64_t QueueDropped() const override { return queue_.dropped(); }

  BoundedQueue<Record> queue_;
  const Format format_;
  std::string line_;  // writer thread only
};

// Opens <storage_dir>/<region or "default">/<leaf>/<file_name> (RegionLogDir);
// append_line(record, sequence, region name, out) formats a line.
template <typename Record>
StatusOr<std::unique_ptr<JsonlLog<Record>>> OpenRegionJsonlLog(
    const std::string& storage_dir, const std::string& region, const std::string& leaf,
    const std::string& file_name, int64_t max_bytes, size_t queue_capacity, const std::string& what,
    void (*append_line)(const Record&, uint64_t, std::string_view, std::string*)) {
  StatusOr<std::string> dir = RegionLogDir(storage_dir, region, leaf);
  if (!dir.ok()) return dir.status();
  return JsonlLog<Record>::Open(
      *dir, file_name, max_bytes, queue_capacity, what,
      [append_line, name = LogRegionName(region)](const Record& r, uint64_t sequence, std::string* out) {
        append_line(r, sequence, name, out);
      });
}

}  // namespace nethical
