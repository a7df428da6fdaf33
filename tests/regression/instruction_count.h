// Counts the instructions a workload binary executes inside RunWorkload()
// (see workload.h) with valgrind's callgrind. Unlike time, the count does not
// depend on what else the machine is doing: the same binary on the same
// libraries gives the same count run after run, so a small tolerance catches
// real regressions on a noisy shared machine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace nethical::regression {

// The "Ir" (instructions executed) total of a callgrind output file: the
// `totals:` line, or `summary:` when there is none, at the column the
// `events:` line gives Ir. InvalidArgument, naming `source`, when absent.
StatusOr<uint64_t> ParseCallgrindInstructions(std::string_view callgrind_out, std::string_view source);

// Runs `valgrind --tool=callgrind --collect-atstart=no` on the workload, in
// a fixed environment (PATH and LC_ALL only), with its output in
// `scratch_dir`, and returns the count. Errors name the
// workload: valgrind missing (NotFound), a non-zero exit (Internal).
StatusOr<uint64_t> CountWorkloadInstructions(const std::string& workload, const std::string& scratch_dir);

// `valgrind --version`, e.g. "valgrind-3.19.0".
StatusOr<std::string> ValgrindVersion();

}  // namespace nethical::regression
