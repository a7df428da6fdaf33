// ProgressReporter: the live progress line of a run, fed by the RunMonitor
// (one merged snapshot a second; no thread of its own):
//
//   [  12.0s/60.0s]  24000/120000 sent  2000.3/s of 2000.0/s  p99 1.84ms  errors 2  late 3  ETA 48s
//
// elapsed / scheduled span, completed / planned sends, the rate achieved
// over the last tick against the target rate at that moment (the rate
// profile's), response-time p99 so far, errors, late sends, and the time
// left. On a terminal the line is rewritten in place every tick ("\r", then
// erase to the end of the line); otherwise (a log file, a CI console) a
// plain line is appended every `plain_every_s` seconds (default 10), so a
// long run does not flood its log.
//
// ETA: the scheduled span still ahead, or, when the run has fallen behind,
// the sends left at the current rate, whichever is longer; never past the
// send deadline (after which nothing is sent).
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <string>

#include "loadgen/recorder.h"
#include "loadgen/run_monitor.h"

namespace nethical::loadgen {

struct ProgressFigures {
  double elapsed_s = 0, span_s = 0;
  uint64_t completed = 0, planned = 0;
  double rate = 0, target_rps = 0;
  double p99_ms = 0;
  uint64_t errors = 0, late = 0;
  std::optional<double> eta_s;  // unset: unknown (nothing completed yet and behind)
};

// The line itself (pure, for tests).
std::string ProgressLine(const ProgressFigures& f);

// Seconds left: max(span - elapsed, left / rate), at most deadline - elapsed;
// unset when sends are left, the span is over and the rate is 0.
std::optional<double> EstimateSecondsLeft(double elapsed_s, double span_s, double deadline_s, uint64_t left,
                                          double rate);

struct ProgressOptions {
  uint64_t planned = 0;
  double span_s = 0;                        // the scheduled span
  double deadline_s = 0;                    // the send deadline (span + grace); 0: span
  std::function<double(double)> target_at;  // the target rate at t; unset: 0
  double plain_every_s = 10;
};

class ProgressReporter final : public RunObserver {
 public:
  // `out` is typically stderr; `terminal`: rewrite one line in place.
  ProgressReporter(ProgressOptions options, std::FILE* out, bool terminal);
  void OnSample(int64_t elapsed_ns, const RunTotals& totals) override;
  // Ends the in-place line on a terminal (the summary starts on a fresh one).
  void OnFinish(int64_t elapsed_ns, const RunTotals& totals) override;

 private:
  const ProgressOptions options_;
  std::FILE* const out_;
  const bool terminal_;
  uint64_t last_completed_ = 0;
  int64_t last_ns_ = 0;
  double next_plain_s_;
  bool printed_ = false;
};

}  // namespace nethical::loadgen
