// ProgressReporter: a live line about once a second while a run goes on:
//   [  12.0s] 24000/120000 sent  2000.3/s  p99 1.84ms  errors 0  late 3
// On a terminal the line is rewritten in place ("\r"); otherwise one line
// per second is appended. Reads a live merge of the recorder (readers never
// block the workers).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include "engine/base/clock.h"
#include "loadgen/recorder.h"

namespace nethical::loadgen {

// The line itself (pure, for tests).
std::string ProgressLine(double elapsed_s, uint64_t completed, uint64_t planned, double rate,
                         double p99_ms, uint64_t errors, uint64_t late);

class ProgressReporter {
 public:
  // Starts reporting at once. `out` is typically stderr.
  ProgressReporter(const Recorder& recorder, const Clock& clock, uint64_t planned, std::FILE* out,
                   bool terminal);
  ~ProgressReporter() { Stop(); }
  // Stops and joins; idempotent.
  void Stop();

 private:
  void Loop();

  const Recorder& recorder_;
  const Clock& clock_;
  const uint64_t planned_;
  std::FILE* const out_;
  const bool terminal_;
  const int64_t start_ns_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;  // guarded by mu_
  std::thread thread_;
};

}  // namespace nethical::loadgen
