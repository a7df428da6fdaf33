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
// Written by a JsonlLog (engine/base/jsonl_log.h: bounded queue, drops
// counted, batched writes, rotation to shadow_predictions.jsonl.1 at
// max_bytes, Flush, drain on destruction).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "engine/base/jsonl_log.h"
#include "engine/base/status.h"
#include "engine/shadow/shadow_log_record.h"

namespace nethical::shadow {

// The region name a log uses (directory and lines): `region`, or "default"
// when empty, as the audit log.
std::string ShadowLogRegionName(const std::string& region);

// <storage_dir>/<region or "default">/shadow_logs. InvalidArgument naming
// the region unless the name is 1-64 characters from [A-Za-z0-9._-] other
// than "." and "..", or if storage_dir is empty.
StatusOr<std::string> ShadowLogDirFor(const std::string& storage_dir, const std::string& region);

using ShadowLogCounters = JsonlLogCounters;

class ShadowLog {
 public:
  static constexpr char kFileName[] = "shadow_predictions.jsonl";
  static constexpr size_t kDefaultQueueCapacity = JsonlLogBase::kDefaultQueueCapacity;

  // Creates `dir` (and parents) if needed and opens the log for appending;
  // every line carries "region": ShadowLogRegionName(region).
  // REQUIRES: max_bytes > 0, queue_capacity > 0.
  static StatusOr<std::unique_ptr<ShadowLog>> Open(const std::string& dir, const std::string& region,
                                                   int64_t max_bytes,
                                                   size_t queue_capacity = kDefaultQueueCapacity);

  // Thread-safe and lock-free (a CAS claims the slot). Calls fill(ShadowLogRecord&)
  // on a queue slot, which holds the previous record of that slot: fill sets
  // every field. Returns false (and counts a drop) if the queue is full.
  template <typename Fill>
  bool Append(Fill&& fill) {
    return log_->Append(fill);
  }

  void Flush() { log_->Flush(); }
  ShadowLogCounters Counters() const { return log_->Counters(); }
  const std::string& path() const { return log_->path(); }
  const std::string& region() const { return region_; }

 private:
  ShadowLog(std::string region, std::unique_ptr<JsonlLog<ShadowLogRecord>> log)
      : region_(std::move(region)), log_(std::move(log)) {}

  const std::string region_;
  const std::unique_ptr<JsonlLog<ShadowLogRecord>> log_;
};

}  // namespace nethical::shadow
