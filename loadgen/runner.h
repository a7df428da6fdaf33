// RunLoad: the open-loop engine of the load generator.
//
// Worker threads claim planned sends from a SendSource, build the action
// (Workload::Fill) before its time, wait until the send's intended time,
// call Evaluator::Evaluate, and record the sample. Intended times never move:
// if the engine is slow, later sends start late and their response time
// shows it (no coordinated omission).
//
// Waiting: the Sleeper sleeps until `spin_ns` before the deadline, then the
// worker spins on the clock (docs/perf-floors.md §6: a sleeping vCPU needs 25-35
// µs to wake; spinning the last 50 µs gives ~0 µs median lag). Sleeps are cut
// into slices of at most 50 ms so that a stop request is seen promptly.
//
// Stop: when `stop` becomes true no new send starts; evaluations in flight
// finish and are recorded; RunLoad returns once every worker is done.
//
// Deadline: no send starts later than `send_deadline_ns` after time zero
// (generate_load: the scheduled span plus a grace period). When the
// evaluator cannot keep up, sends pile up behind the schedule; past the
// deadline the rest are abandoned (not sent, RunResult::cut_off) instead of
// running, and writing audit data, long after the planned duration.
#pragma once

#include <atomic>
#include <cstdint>

#include "engine/base/clock.h"
#include "engine/model/evaluator.h"
#include "loadgen/recorder.h"
#include "loadgen/send_source.h"
#include "loadgen/workload.h"

namespace nethical::loadgen {

// Blocks until a monotonic deadline (the Clock's NowNanos() scale).
class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void SleepUntil(int64_t deadline_ns) = 0;
  // Called once on each worker thread before its first send.
  virtual void PrepareWorkerThread() {}
};

// clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME); pairs with SteadyClock.
// Worker threads get a 1 ns timer slack (the default 50 µs adds ~50 µs lag).
class MonotonicSleeper final : public Sleeper {
 public:
  void SleepUntil(int64_t deadline_ns) override;
  void PrepareWorkerThread() override;
};

struct RunnerOptions {
  int workers = 1;           // >= 1
  int64_t spin_ns = 50'000;  // 0: never spin (required with a FakeClock)
  // Sends a worker claims at once (1 .. kMaxClaimBatch); ClaimBatchFor()
  // picks one that spans ~20 µs of schedule.
  size_t claim_batch = 1;
  // No send starts after time zero + this (a send that would is not made).
  int64_t send_deadline_ns = INT64_MAX;
};

inline constexpr size_t kMaxClaimBatch = 64;
// The batch for a peak rate: floor(rate * 20 µs), within [1, kMaxClaimBatch].
// Below 100,000 sends/s it is 1, so a slow engine never holds back a send
// another worker could make.
size_t ClaimBatchFor(double peak_rps);

struct RunResult {
  int64_t start_ns = 0;  // the schedule's time zero (monotonic)
  int64_t end_ns = 0;    // when the last worker finished
  bool stopped = false;  // `stop` ended the run before the schedule did
  bool cut_off = false;  // the send deadline passed with sends left
};

RunResult RunLoad(const RunnerOptions& options, SendSource& sends, const Workload& workload,
                  Evaluator& evaluator, Recorder& recorder, const Clock& clock, Sleeper& sleeper,
                  const std::atomic<bool>& stop);

}  // namespace nethical::loadgen
