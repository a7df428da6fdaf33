#include "loadgen/find_max.h"

#include <algorithm>

namespace nethical::loadgen {

FindMaxResult FindMaxRate(const FindMaxOptions& o, const TrialFn& trial) {
  FindMaxResult result;
  double pass = 0, fail = 0;  // 0: not yet known
  double rate = std::min(o.start_rps, o.limit_rps);
  auto run = [&](double rps) {
    bool stop = false;
    FindMaxTrial t = trial(rps, &stop);
    t.rps = rps;
    if (stop) {
      result.interrupted = true;
      return false;
    }
    result.trials.push_back(t);
    if (t.passed)
      pass = std::max(pass, rps);
    else
      fail = fail == 0 ? rps : std::min(fail, rps);
    return true;
  };
  // Exponential phase: find a bracket [pass, fail].
  while (pass == 0 || fail == 0) {
    if (!run(rate)) break;
    if (fail == 0) {
      if (rate >= o.limit_rps) {
        result.hit_limit = true;
        break;
      }
      rate = std::min(rate * 2, o.limit_rps);
    } else if (pass == 0) {
      rate /= 2;
      if (rate < o.min_rps) break;
    }
  }
  // Bisection.
  while (!result.interrupted && pass > 0 && fail > 0 && (fail - pass) / pass > o.precision) {
    if (!run((pass + fail) / 2)) break;
  }
  result.found = pass > 0;
  result.max_rps = pass;
  return result;
}

}  // namespace nethical::loadgen
