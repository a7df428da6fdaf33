// RunCoordinator: N generate_load processes (on one host or many) that
// start at one instant and publish their results, through a Redis server
// (generate_load --coordinate redis://HOST:PORT[/DB] --run-id ID --expect N;
// docs/scale-out.md).
//
//   auto c = RunCoordinator::Join(url, "run-42", 4, /*timeout_s=*/120, clock);   // registers
//   ... create the engine ...
//   Status s = (*c)->WaitForStart(clock, sleeper, stop);   // the barrier
//   RunLoad(...);                                          // all N start now
//   (*c)->PublishResult(json_summary_text);
//
// Keys (every one expires a day after the run registered):
//   nethical:run:<ID>:registered   INCR: the processes so far; ours is our index (1..N)
//   nethical:run:<ID>:members      HSET index -> "host pid"
//   nethical:run:<ID>:start        the common start, Unix ns of the Redis server's clock,
//                                  SET NX by the N-th process: its TIME + 2 s
//   nethical:run:<ID>:result:<i>   process i's JSON summary
//   nethical:run:<ID>:done         RPUSH i when published (CollectResults waits on it)
//
// Clocks: each process measures the offset of its wall clock to the server's
// (TIME, halfway through the round trip) when it joins, and sleeps until the
// start instant converted to its own clock; hosts' clocks need not agree, and
// the start skew between processes is about the round trip (sub-millisecond
// on a LAN). A process registering beyond N, or a barrier not reached
// within the timeout, is an error (generate_load exits 2 before any send).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/clock.h"
#include "engine/base/status.h"
#include "engine/shared_state/redis_connection.h"
#include "loadgen/runner.h"

namespace nethical::loadgen {

class RunCoordinator {
 public:
  // `credentials`: AUTH (NETHICAL_SHARED_STATE_USER/_PASSWORD), if the server wants it.
  static StatusOr<std::unique_ptr<RunCoordinator>> Join(const std::string& url,
                                                        const shared_state::RedisCredentials& credentials,
                                                        const std::string& run_id, int expect,
                                                        double timeout_s, const Clock& clock);

  int index() const { return index_; }  // 1..expect
  int expect() const { return expect_; }
  const std::string& run_id() const { return run_id_; }
  // Set by WaitForStart: the common instant (server clock), and how late
  // this process woke for it by its own clock converted (>= 0).
  int64_t start_unix_ns() const { return start_unix_ns_; }
  int64_t start_lateness_ns() const { return lateness_ns_; }

  // Waits until every process registered and then until the common start.
  // kDeadlineExceeded-like Unavailable on timeout; Cancelled (kInternal
  // "stopped") when `stop` is set meanwhile.
  Status WaitForStart(const Clock& clock, Sleeper& sleeper, const std::atomic<bool>& stop);
  Status PublishResult(std::string_view json);

 private:
  RunCoordinator() = default;
  std::string Key(std::string_view suffix) const {
    return "nethical:run:" + run_id_ + ":" + std::string(suffix);
  }

  std::unique_ptr<shared_state::RedisConnection> redis_;
  std::string run_id_;
  int expect_ = 0;
  int index_ = 0;
  double timeout_s_ = 0;
  int64_t offset_ns_ = 0;  // server wall clock - our wall clock
  int64_t start_unix_ns_ = 0;
  int64_t lateness_ns_ = 0;
};

// Waits (up to timeout_s) until `expect` results of run `run_id` are
// published and returns them in process order.
StatusOr<std::vector<std::string>> CollectResults(const std::string& url,
                                                  const shared_state::RedisCredentials& credentials,
                                                  const std::string& run_id, int expect, double timeout_s);

}  // namespace nethical::loadgen
