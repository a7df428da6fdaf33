// RedisClient: what every shared stage (the quota, the risk) needs to talk
// to one Redis server: a pool of connections (one per concurrent caller at
// most, reused), Lua scripts run by SHA (SCRIPT LOAD on first use, and again
// after a NOSCRIPT reply, i.e. a restarted server), and a reconnection
// backoff.
//
//   RedisClient client(address, /*timeout_ms=*/50, clock);
//   const int script = client.AddScript(kMyScript);     // before the first Eval
//   StatusOr<RedisReply> r = client.Eval(script, keys, args);
//
// Every connection authenticates with `credentials` (AUTH) when they hold a
// password. Errors are Status values: kUnavailable when the server cannot be
// reached, does not answer within the timeout, or is in backoff (a failed connection
// is not retried for 100 ms, doubling up to 5 s while failures go on; calls
// in between fail at once, without waiting for a timeout; the first call
// after it reconnects and success resets it); kFailedPrecondition for a
// refused AUTH (also backed off); kInternal for an error reply (NOAUTH: the
// server wants a password and none was set).
// What to do then (admit, block, compute locally) is the caller's policy.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/clock.h"
#include "engine/base/status.h"
#include "engine/shared_state/redis_connection.h"
#include "engine/shared_state/redis_url.h"
#include "engine/shared_state/shared_state_counts.h"

namespace nethical::shared_state {

class RedisClient {
 public:
  static constexpr int64_t kFirstBackoffNs = 100'000'000;  // 100 ms
  static constexpr int64_t kMaxBackoffNs = 5'000'000'000;  // 5 s

  // Connects lazily (the first Eval).
  RedisClient(RedisAddress address, RedisCredentials credentials, int timeout_ms, const Clock& clock);
  ~RedisClient();

  // Registers a script; its handle for Eval. REQUIRES: before any Eval.
  int AddScript(const char* source);
  // EVALSHA of script `handle` with `keys` and `args`.
  StatusOr<RedisReply> Eval(int handle, const std::vector<std::string_view>& keys,
                            const std::vector<std::string_view>& args);

  uint64_t connects() const { return connects_.load(std::memory_order_relaxed); }
  uint64_t script_loads() const { return script_loads_.load(std::memory_order_relaxed); }
  // "redis://host:port", for messages.
  const std::string& where() const { return where_; }

 private:
  std::unique_ptr<RedisConnection> Acquire(Status* error);
  void Release(std::unique_ptr<RedisConnection> c);
  void NoteFailure();

  const RedisAddress address_;
  const RedisCredentials credentials_;
  const int timeout_ms_;
  const Clock& clock_;
  const std::string where_;

  std::mutex mu_;  // guards everything below
  std::vector<std::unique_ptr<RedisConnection>> idle_;
  std::vector<const char*> scripts_;
  std::vector<std::string> shas_;  // per script; empty until loaded
  int64_t retry_at_ns_ = 0;
  int64_t backoff_ns_ = 0;

  std::atomic<uint64_t> connects_{0}, script_loads_{0};
};

// What a shared store (the quota, the risk) counts, as it happens; Snapshot
// adds its client's connections and script loads (SharedStateCounts says
// what each means).
struct SharedStateCounters {
  std::atomic<uint64_t> answered{0}, errors{0}, fail_open{0}, fail_closed{0}, local{0}, replayed{0};

  // One request Redis could not answer, decided by the open or closed policy.
  void CountFailure(bool open) {
    errors.fetch_add(1, std::memory_order_relaxed);
    (open ? fail_open : fail_closed).fetch_add(1, std::memory_order_relaxed);
  }
  SharedStateCounts Snapshot(const RedisClient& client) const;
};

}  // namespace nethical::shared_state
