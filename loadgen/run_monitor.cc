#include "loadgen/run_monitor.h"

#include <chrono>

namespace nethical::loadgen {

RunMonitor::RunMonitor(const Recorder& recorder, const Clock& clock, int64_t period_ns)
    : recorder_(recorder),
      clock_(clock),
      period_ns_(period_ns > 0 ? period_ns : 1'000'000'000),
      start_ns_(clock.NowNanos()) {}

RunMonitor::~RunMonitor() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RunMonitor::Start() {
  if (thread_.joinable() || finished_) return;
  start_ns_ = clock_.NowNanos();
  thread_ = std::thread([this] { Loop(); });
}

void RunMonitor::SampleNow() {
  const std::unique_ptr<RunTotals> totals = recorder_.Merge();
  const int64_t elapsed = clock_.NowNanos() - start_ns_;
  for (RunObserver* o : observers_) o->OnSample(elapsed, *totals);
}

void RunMonitor::Loop() {
  const auto zero = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mu_);
  for (int64_t tick = 1;; ++tick) {
    const auto due = zero + std::chrono::nanoseconds(tick * period_ns_);
    if (cv_.wait_until(lock, due, [this] { return stop_; })) return;
    // A tick that came very late (a stalled machine) skips the ones it missed.
    const auto now = std::chrono::steady_clock::now();
    while (zero + std::chrono::nanoseconds((tick + 1) * period_ns_) <= now) ++tick;
    lock.unlock();
    SampleNow();
    lock.lock();
  }
}

void RunMonitor::Finish(int64_t end_ns) {
  if (finished_) return;
  finished_ = true;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  const std::unique_ptr<RunTotals> totals = recorder_.Merge();
  const int64_t elapsed = (end_ns > 0 ? end_ns : clock_.NowNanos()) - start_ns_;
  for (RunObserver* o : observers_) o->OnFinish(elapsed, *totals);
}

}  // namespace nethical::loadgen
