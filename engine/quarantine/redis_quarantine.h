// RedisQuarantine: the quarantine list in Redis, shared by every engine
// that uses the server (NETHICAL_SHARED_QUARANTINE=true with
// NETHICAL_SHARED_STATE=redis://...; docs/scale-out.md). A
// QuarantineManager holds one and keeps its own table equal to it
// (shared_quarantine_list.h).
//
//   auto list = std::make_unique<RedisQuarantine>(options, clock);
//   QuarantineManager manager(config, clock, std::move(list));
//
// Keys: nethical:quarantine, a hash from "agent:<id>" or "cohort:<id>" to
// "<start_ns> <end_ns> <reason>" (wall clock); nethical:quarantine:version,
// a counter every change increments; nethical:quarantine:era, the wall time
// at which the list was (re)created, so an engine can tell a server that
// lost the list (restarted without persistence) from one that did not
// change. Three Lua scripts, each one round trip: put, remove, and sync
// (the version, and the whole live list when the version or era differs
// from the caller's; expired entries are deleted as it reads). Expiry is
// compared in Lua numbers (doubles): exact to a microsecond.
//
// A change the server cannot take (down, timeout, error) is kept, in order,
// at most max_pending of them (the oldest dropped beyond that, counted as
// errors), and sent before anything else at the next Sync; Sync fails while
// any is left, so an engine never applies a list that misses its own
// changes. Quarantine has no open/closed policy: lookups are local and go on
// with the last list read whatever happens to the server.
//
// Counts: checks = requests answered, errors = requests not answered,
// replayed = kept changes sent later, plus the client's connections, script
// loads and round trips.
//
// Not thread-safe by itself: the manager calls it under its own lock.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/clock.h"
#include "engine/quarantine/shared_quarantine_list.h"
#include "engine/shared_state/redis_client.h"
#include "engine/shared_state/redis_url.h"

namespace nethical::quarantine {

// The server-side scripts (exposed for tests and docs).
extern const char* const kRedisQuarantinePutScript;
extern const char* const kRedisQuarantineRemoveScript;
extern const char* const kRedisQuarantineSyncScript;
// The hash's field of one quarantine: "agent:<id>" or "cohort:<id>".
std::string RedisQuarantineField(QuarantineScope scope, std::string_view id);

class RedisQuarantine final : public SharedQuarantineList {
 public:
  struct Options {
    shared_state::RedisAddress address;
    shared_state::RedisCredentials credentials;
    int timeout_ms = 50;
    size_t max_pending = 100'000;  // changes kept while the server is away
  };

  RedisQuarantine(const Options& options, const Clock& clock);

  void Put(const QuarantineRecord& record) override;
  void Remove(QuarantineScope scope, std::string_view id) override;
  std::optional<Snapshot> Sync(int64_t now_wall_nanos) override;
  SharedStateCounts Counts() const override { return counters_.Snapshot(client_); }

  // Changes kept for the next Sync.
  size_t pending() const { return pending_.size(); }

 private:
  struct Change {
    int script;
    std::vector<std::string> args;
  };
  // Sends one change; false (counted) when the server did not take it.
  bool Send(const Change& change);
  void Keep(Change change);

  const Clock& clock_;
  shared_state::RedisClient client_;
  const int put_, remove_, sync_;
  const size_t max_pending_;
  std::deque<Change> pending_;
  std::string known_era_;  // empty: nothing read yet
  long long known_version_ = -1;
  shared_state::SharedStateCounters counters_;
};

}  // namespace nethical::quarantine
