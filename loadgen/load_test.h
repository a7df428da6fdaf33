// RunLoadTest: one generate_load invocation once its options and engine
// configuration are settled: builds the workload, schedule and evaluator,
// runs (or searches the maximum rate with --find-max), and reports to the
// console, the CSV and the JSON summary.
//
// Returns the process exit status: 0 every SLO passed, 1 an SLO failed (or
// no action completed, or a requested report could not be written),
// 2 the run could not be set up (e.g. an unreadable --workload-file),
// 3 (kExitInterrupted) the stop flag (SIGINT/SIGTERM/SIGHUP) ended the run
// before its schedule did: the partial run is reported, whatever its SLOs.
#pragma once

#include <atomic>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "engine/base/clock.h"
#include "engine/config/engine_config.h"
#include "loadgen/load_options.h"
#include "loadgen/rate_profile.h"
#include "loadgen/runner.h"

namespace nethical::loadgen {

inline constexpr int kExitInterrupted = 3;

// The grace after the scheduled span during which late sends are still
// made: max(1 s, 10 % of the span). No send starts after span + grace.
double SendGraceSeconds(double span_s);

struct LoadTestEnvironment {
  const Clock* clock = nullptr;
  Sleeper* sleeper = nullptr;
  const std::atomic<bool>* stop = nullptr;
  std::FILE* out = stdout;  // the summary
  std::FILE* err = stderr;  // progress, notices, errors
  bool err_is_terminal = false;
  // The effective engine configuration as NETHICAL_* pairs (for the JSON).
  std::vector<std::pair<std::string, std::string>> engine_config;
};

int RunLoadTest(const LoadOptions& options, const EngineConfig& config, const LoadTestEnvironment& env);

// The rate profile the options ask for, at `rps` for `duration_s`.
RateProfile BuildProfile(const LoadOptions& options, double rps, double duration_s);

}  // namespace nethical::loadgen
