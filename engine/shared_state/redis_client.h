// RedisClient: what every shared stage (the quota, the risk) needs to talk
// to one Redis server: connections (one per concurrent caller, i.e. per
// worker thread at most, reused: no worker waits for another's round trip),
// Lua scripts run by SHA, and a reconnection backoff.
//
//   RedisClient client(address, credentials, /*timeout_ms=*/50, clock);
//   const int script = client.AddScript(kMyScript);     // before the first Eval
//   StatusOr<RedisReply> r = client.Eval(script, keys, args);
//
// Round trips: an Eval is one. The scripts' SHA1s are computed here, so no
// round trip waits for SCRIPT LOAD: a new connection (the first, a
// reconnection) sends AUTH and SELECT (RedisConnection::Connect, one round
// trip) and then SCRIPT LOAD of every script with the first EVALSHA,
// pipelined (one); a NOSCRIPT reply on a connection in use (the server lost
// its scripts) is answered by SCRIPT LOAD and EVALSHA pipelined (one more).
//
// Every connection authenticates with `credentials` (AUTH) when they hold a
// password. Errors are Status values: kUnavailable when the server cannot be
// reached, does not answer within the timeout, or is in backoff (a failed
// connection is not retried for 100 ms, doubling up to 5 s while failures
// go on; calls in between fail at once, without waiting for a timeout; the
// first call after it reconnects and success resets it); kFailedPrecondition
// for a refused AUTH (also backed off); kInternal for an error reply
// (NOAUTH: the server wants a password and none was set). What to do then
// (admit, block, compute locally) is the caller's policy.
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

// The SHA1 of a script, lower-case hex: the name EVALSHA runs it by.
std::string ScriptSha1(std::string_view source);

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
  // Every exchange with the server: connection setups (AUTH/SELECT) and Evals.
  uint64_t round_trips() const { return round_trips_.load(std::memory_order_relaxed); }
  // "redis://host:port", for messages.
  const std::string& where() const { return where_; }

 private:
  struct Script {
    const char* source;
    std::string sha;
  };
  struct Connection {
    std::unique_ptr<RedisConnection> redis;
    bool scripts_loaded = false;  // this connection sent SCRIPT LOAD of every script
  };
  Connection Acquire(Status* error);
  void Release(Connection c);
  void NoteFailure();

  const RedisAddress address_;
  const RedisCredentials credentials_;
  const int timeout_ms_;
  const Clock& clock_;
  const std::string where_;
  std::vector<Script> scripts_;  // fixed before the first Eval

  std::mutex mu_;  // guards the pool and the backoff
  std::vector<Connection> idle_;
  int64_t retry_at_ns_ = 0;
  int64_t backoff_ns_ = 0;

  std::atomic<uint64_t> connects_{0}, script_loads_{0}, round_trips_{0};
};

// What a shared store (the quota, the risk) counts, as it happens; Snapshot
// adds its client's connections, script loads and round trips
// (SharedStateCounts says what each means).
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
