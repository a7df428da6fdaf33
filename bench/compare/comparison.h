// Pairs the benchmarks of two result files by name and decides, for each,
// whether the new commit is slower, faster or not measurably different.
//
// A benchmark is kSlower when BOTH hold:
//   * its median time grew by more than `threshold` (a fraction: 0.05 = 5 %),
//   * the Mann–Whitney U test over the per-repetition times gives a
//     two-sided p-value below `alpha`.
// The first guards against flagging tiny real changes, the second against
// flagging noise. kFaster is the mirror image. With too few repetitions the
// test cannot reach alpha (see MinimumTwoSidedPValue), so nothing is flagged;
// `underpowered` says so. Benchmarks present in only one file are listed as
// kOnlyInBase / kOnlyInNew and never fail a comparison.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bench/compare/benchmark_results.h"
#include "bench/compare/mann_whitney.h"
#include "engine/base/status.h"

namespace nethical::bench {

enum class TimeMetric { kRealTime, kCpuTime };

struct CompareOptions {
  TimeMetric metric =
      TimeMetric::kCpuTime;  // see docs/benchmarks.md: wall time waits for a CPU on a shared machine
  double threshold = 0.05;   // fraction of the base median; > 0
  double alpha = 0.05;       // significance level; in (0, 1)
};

enum class Verdict { kSlower, kFaster, kNoChange, kOnlyInBase, kOnlyInNew };

struct BenchmarkComparison {
  std::string name;
  Verdict verdict = Verdict::kNoChange;
  size_t base_repetitions = 0;
  size_t new_repetitions = 0;
  double base_median_ns = 0;              // meaningful unless kOnlyInNew
  double new_median_ns = 0;               // meaningful unless kOnlyInBase
  double change = 0;                      // (new - base) / base median; both present only
  std::optional<MannWhitneyResult> test;  // both present only
  bool underpowered = false;              // the test could not reach alpha at these sizes
};

// Returns InvalidArgument for options out of range.
Status ValidateCompareOptions(const CompareOptions& options);

// Base order first, then benchmarks only in `after`, in its order.
// REQUIRES: ValidateCompareOptions(options).ok().
std::vector<BenchmarkComparison> CompareResults(const BenchmarkResults& base, const BenchmarkResults& after,
                                                const CompareOptions& options);

// The number of kSlower entries: the comparison fails when it is not zero.
size_t CountSlower(const std::vector<BenchmarkComparison>& comparisons);

double Median(std::vector<double> values);  // REQUIRES: !values.empty()

const char* VerdictName(Verdict verdict);
const char* MetricName(TimeMetric metric);

}  // namespace nethical::bench
