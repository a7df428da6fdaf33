// FindMaxRate: the highest constant rate at which a run still meets every
// SLO. Trials of a fixed length search exponentially (doubling from the
// starting rate while trials pass, halving while they fail) until a passing
// and a failing rate bracket the answer, then bisect until the bracket is
// narrower than `precision` (relative). The answer is the highest passing
// rate tried; each trial is reported.
#pragma once

#include <functional>
#include <vector>

#include "loadgen/run_report.h"

namespace nethical::loadgen {

struct FindMaxTrial {
  double rps = 0;
  bool passed = false;
  RunReport report;
};

struct FindMaxResult {
  bool found = false;      // some rate passed
  double max_rps = 0;      // highest passing rate (0 if none)
  bool hit_limit = false;  // every rate up to the limit passed
  bool interrupted = false;
  std::vector<FindMaxTrial> trials;
};

struct FindMaxOptions {
  double start_rps = 50;
  double limit_rps = 1e7;
  double min_rps = 0.1;  // give up halving below this
  double precision = 0.05;
};

// `trial(rps)` runs one trial and returns its verdict; it returns false in
// `*stop` to end the search (an interrupt).
using TrialFn = std::function<FindMaxTrial(double rps, bool* stop)>;

FindMaxResult FindMaxRate(const FindMaxOptions& options, const TrialFn& trial);

}  // namespace nethical::loadgen
