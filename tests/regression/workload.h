// A regression workload: a fixed, deterministic amount of one component's
// work (no timing, no randomness, no I/O), whose instruction count under
// callgrind is compared with a committed baseline by
// //tests/regression:<name>_instructions.
//
// Each workload binary defines RunWorkload() in <name>_workload.cc and links
// workload_main.cc, which counts only the instructions inside RunWorkload()
// (process start-up and library loading are excluded) and prints the
// returned checksum so the compiler cannot drop the work. A workload returns
// 0 when a step fails (engine creation, say): the binary then exits 1 and
// the gate fails instead of counting a workload that did not run.
#pragma once

#include <cstdint>

namespace nethical::regression {

// Does the workload; returns a checksum of its results.
uint64_t RunWorkload();

}  // namespace nethical::regression
