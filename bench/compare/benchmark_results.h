// Reads Google Benchmark's JSON output (--benchmark_format=json or
// --benchmark_out=FILE, library 1.7; also the merged file //bench:run_all
// writes) into per-benchmark samples.
//
// Only per-repetition entries are kept ("run_type": "iteration", or no
// run_type in older files): aggregates (_mean, _median, _stddev, _cv) are
// summaries of those same runs and would count them twice. Entries are keyed
// by "run_name" (the name without an aggregate suffix), falling back to
// "name". Times are converted to nanoseconds from each entry's "time_unit".
// Entries with "error_occurred": true are reported in `errored`, not sampled.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "nlohmann/json.hpp"

namespace nethical::bench {

struct BenchmarkSamples {
  std::string name;
  std::vector<double> real_time_ns;  // one per repetition, in file order
  std::vector<double> cpu_time_ns;
};

struct BenchmarkResults {
  nlohmann::json context = nlohmann::json::object();  // the file's "context"
  std::vector<BenchmarkSamples> benchmarks;           // in order of first appearance
  std::vector<std::string> errored;                   // names of failed benchmarks

  // Returns nullptr when no benchmark has this name.
  const BenchmarkSamples* Find(std::string_view name) const;
};

// `source` names the input in error messages (a file path).
StatusOr<BenchmarkResults> ParseBenchmarkResults(std::string_view json_text, std::string_view source);

// Reads and parses a file; IoError names the path when it cannot be read.
StatusOr<BenchmarkResults> LoadBenchmarkResults(const std::string& path);

// Reads a whole file into memory.
StatusOr<std::string> ReadFile(const std::string& path);

}  // namespace nethical::bench
