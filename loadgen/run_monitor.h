// RunMonitor: one background thread that, about once a period, merges the
// recorder's per-worker counters (RunTotals, a read of single-writer
// atomics: the workers never wait) and hands the snapshot to every observer
// (the time series, the Prometheus publisher, the progress line). One merge
// per tick, whatever the number of observers.
//
//   RunMonitor monitor(recorder, clock, 1'000'000'000);
//   monitor.Add(&series_observer);
//   monitor.Start();            // time zero of the observers: now
//   RunLoad(...);
//   monitor.Finish();           // joins, then a last merge -> OnFinish
//
// Ticks fall on time zero + k periods of the real steady clock (a late wake
// does not shift the later ones); `elapsed_ns` comes from the Clock, so
// tests drive SampleNow() by hand with a FakeClock and never start the
// thread. Time zero is when Start() (or, without it, the constructor) ran:
// within the workers' start-up (well under 1 ms) of RunLoad's own.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/base/clock.h"
#include "loadgen/recorder.h"

namespace nethical::loadgen {

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // Cumulative totals, `elapsed_ns` after time zero. Monitor thread.
  virtual void OnSample(int64_t elapsed_ns, const RunTotals& totals) = 0;
  // The last snapshot, once every worker is done. Caller of Finish().
  virtual void OnFinish(int64_t elapsed_ns, const RunTotals& totals) { OnSample(elapsed_ns, totals); }
};

class RunMonitor {
 public:
  RunMonitor(const Recorder& recorder, const Clock& clock, int64_t period_ns);
  ~RunMonitor();
  RunMonitor(const RunMonitor&) = delete;
  RunMonitor& operator=(const RunMonitor&) = delete;

  // Before Start(). Observers must outlive the monitor's Finish().
  void Add(RunObserver* observer) { observers_.push_back(observer); }
  bool empty() const { return observers_.empty(); }
  // Resets time zero to now and starts the thread (at most once).
  void Start();
  // One merge, handed to every observer's OnSample (the thread's tick).
  void SampleNow();
  // Stops and joins the thread, then one last merge to every OnFinish.
  // `end_ns` (Clock scale, absolute): the run's end; 0 = now. Idempotent.
  void Finish(int64_t end_ns = 0);
  int64_t start_ns() const { return start_ns_; }

 private:
  void Loop();

  const Recorder& recorder_;
  const Clock& clock_;
  const int64_t period_ns_;
  int64_t start_ns_;
  std::vector<RunObserver*> observers_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;  // guarded by mu_
  bool finished_ = false;
  std::thread thread_;
};

}  // namespace nethical::loadgen
