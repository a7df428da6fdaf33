// SharedQuarantineList: a quarantine list kept outside the process and
// shared by every engine that uses it (RedisQuarantine, with
// NETHICAL_SHARED_QUARANTINE; docs/scale-out.md). A QuarantineManager given
// one sends it every change and reads it back at most every
// QuarantineManager::kSyncIntervalNanos, so a quarantine started or
// released by any engine applies in all of them within that interval.
//
// Times in records are wall-clock nanoseconds since the Unix epoch
// (engines share no monotonic clock).
//
// The manager calls it from one thread at a time (under its own lock).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/quarantine/quarantine_record.h"
#include "engine/shared_state/shared_state_counts.h"

namespace nethical::quarantine {

class SharedQuarantineList {
 public:
  virtual ~SharedQuarantineList() = default;

  // What Sync found.
  struct Snapshot {
    // The server lost the list (restarted without it) since the last Sync:
    // the caller should Put its own live quarantines again and Sync again.
    bool lost = false;
    // Every live shared quarantine, when the list changed since the last
    // Sync that returned it (else nullopt: nothing to apply).
    std::optional<std::vector<QuarantineRecord>> records;
  };

  // Stores one quarantine (replacing the id's), or removes one. When the
  // server cannot take it now the list keeps it, in order, and sends it
  // first at the next Sync: nothing is lost while the server is away.
  virtual void Put(const QuarantineRecord& record) = 0;
  virtual void Remove(QuarantineScope scope, std::string_view id) = 0;

  // Sends what it kept, then reads the list if it changed. nullopt when the
  // server cannot be reached (counted; the caller keeps its own view).
  virtual std::optional<Snapshot> Sync(int64_t now_wall_nanos) = 0;

  // What the shared list did, for reports.
  virtual SharedStateCounts Counts() const = 0;
};

}  // namespace nethical::quarantine
