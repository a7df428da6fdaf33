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
// PrepareWorkload() below runs first, uncounted.
#pragma once

#include <cstdint>

namespace nethical::regression {

// Does the workload; returns a checksum of its results.
uint64_t RunWorkload();

// Runs before counting starts. What a process compiles once and shares
// (the Hyperscan databases of the rule scan and the PII prefilter: about
// 300M instructions each under callgrind, tens of milliseconds natively)
// is compiled here, so the count is the workload's own work; each later
// creation of a stage in RunWorkload() still counts. Workloads that need
// nothing link the default, which does nothing (workload_main.cc);
// warm_up.cc compiles the shared databases.
void PrepareWorkload();

}  // namespace nethical::regression
