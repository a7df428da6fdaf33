// Merges the JSON outputs of several Google Benchmark binaries (one per
// component) into one document shaped like a single binary's output, so
// //bench:compare and Google Benchmark's own tools/compare.py read it as is.
//
//  * "context" is the first output's context (host, CPU, caches, and the
//    commit/config passed with --benchmark_context), with "executable"
//    replaced by "executables": the binaries' names in run order.
//  * "benchmarks" is every output's list, concatenated in run order. Each
//    binary numbers its benchmark families from 0; family_index is shifted
//    so families stay distinct (compare.py groups and sorts by it).
// Key order is kept as the binaries wrote it (ordered_json).
#pragma once

#include <string>
#include <vector>

#include "engine/base/status.h"
#include "nlohmann/json.hpp"

namespace nethical::bench {

struct BenchmarkOutput {
  std::string executable;           // a name for the binary, e.g. "sha256_bench"
  nlohmann::ordered_json document;  // its --benchmark_format=json output
};

// InvalidArgument, naming the executable, when an output has no
// "benchmarks" array or a family_index that is not a non-negative integer;
// also when `outputs` is empty.
StatusOr<nlohmann::ordered_json> MergeBenchmarkOutputs(const std::vector<BenchmarkOutput>& outputs);

}  // namespace nethical::bench
