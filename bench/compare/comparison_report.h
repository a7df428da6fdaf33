// Renders a comparison for people (a fixed-width table) and for machines
// (JSON, format "nethical-bench-compare/1"). The JSON is a data contract:
//
// {
//   "format": "nethical-bench-compare/1",
//   "base": {"file": PATH, "commit": STR|null, "config": STR|null},
//   "new":  {"file": PATH, "commit": STR|null, "config": STR|null},
//   "options": {"metric": "real_time"|"cpu_time", "threshold": 0.05,
//               "alpha": 0.05, "test": "mann-whitney-u-two-sided"},
//   "benchmarks": [{"name": STR, "verdict": "slower"|"faster"|"no_change"|
//                     "only_in_base"|"only_in_new",
//                   "base_repetitions": N, "new_repetitions": N,
//                   "base_median_ns": X|null, "new_median_ns": X|null,
//                   "change": FRACTION|null, "p_value": X|null,
//                   "u": U_base|null, "method": "exact"|"normal"|null,
//                   "underpowered": BOOL}],
//   "slower": N            // the comparison failed iff N > 0
// }
#pragma once

#include <string>
#include <vector>

#include "bench/compare/comparison.h"
#include "nlohmann/json.hpp"

namespace nethical::bench {

struct ComparedFile {
  std::string path;
  nlohmann::json context;  // the result file's "context" object
};

struct ComparisonReport {
  ComparedFile base;
  ComparedFile after;
  CompareOptions options;
  std::vector<BenchmarkComparison> comparisons;
};

std::string FormatTable(const ComparisonReport& report);
nlohmann::json ToJson(const ComparisonReport& report);

// "812 ns", "12.3 us", "4.56 ms", "1.20 s".
std::string FormatDuration(double nanoseconds);

}  // namespace nethical::bench
