#include "loadgen/progress_reporter.h"

#include <chrono>

namespace nethical::loadgen {

std::string ProgressLine(double elapsed_s, uint64_t completed, uint64_t planned, double rate,
                         double p99_ms, uint64_t errors, uint64_t late) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "[%7.1fs] %llu/%llu sent  %.1f/s  p99 %.2fms  errors %llu  late %llu",
                elapsed_s, static_cast<unsigned long long>(completed),
                static_cast<unsigned long long>(planned), rate, p99_ms,
                static_cast<unsigned long long>(errors), static_cast<unsigned long long>(late));
  return buf;
}

ProgressReporter::ProgressReporter(const Recorder& recorder, const Clock& clock, uint64_t planned,
                                   std::FILE* out, bool terminal)
    : recorder_(recorder), clock_(clock), planned_(planned), out_(out), terminal_(terminal),
      start_ns_(clock.NowNanos()), thread_([this] { Loop(); }) {}

void ProgressReporter::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stop_) return;
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (terminal_) std::fputc('\n', out_);
  std::fflush(out_);
}

void ProgressReporter::Loop() {
  uint64_t last_completed = 0;
  int64_t last_ns = start_ns_;
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, std::chrono::seconds(1), [this] { return stop_; })) {
    const auto totals = recorder_.Merge();
    const int64_t now = clock_.NowNanos();
    // The rate over the last interval: what the generator achieves now.
    const double rate = (totals->completed - last_completed) / std::max(1e-9, (now - last_ns) / 1e9);
    last_completed = totals->completed;
    last_ns = now;
    const std::string line =
        ProgressLine((now - start_ns_) / 1e9, totals->completed, planned_, rate,
                     totals->response_time.Quantile(0.99) / 1e6, totals->errors, totals->late);
    if (terminal_) std::fprintf(out_, "\r%s\033[K", line.c_str());
    else std::fprintf(out_, "%s\n", line.c_str());
    std::fflush(out_);
  }
}

}  // namespace nethical::loadgen
