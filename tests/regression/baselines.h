// The committed instruction-count baselines (tests/regression/baselines.json)
// and the gate that compares a measured count with them.
//
// File format (a data contract; `bazel run //tests/regression:update_baselines`
// writes it):
//   {
//     "about": "...what the numbers are and how to update them...",
//     "valgrind": "valgrind-3.19.0",      // the version that measured them
//     "workloads": {"sha256": 123456789}  // callgrind Ir inside RunWorkload()
//   }
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace nethical::regression {

struct Baselines {
  std::string valgrind;
  std::map<std::string, uint64_t> workloads;
};

StatusOr<Baselines> ParseBaselines(std::string_view json_text, std::string_view source);
std::string SerializeBaselines(const Baselines& baselines);

struct GateResult {
  bool passed = false;
  double change = 0;    // (measured - baseline) / baseline
  std::string message;  // one line for the test log
};

// Fails when `measured` exceeds the baseline by more than `tolerance` (a
// fraction: 0.05 = +5 %) or when `name` has no baseline. A count that fell
// by more than the tolerance passes, with a message asking for the baseline
// to be updated so later regressions are measured from the new level.
GateResult CheckInstructionCount(const std::string& name, uint64_t measured, const Baselines& baselines,
                                 double tolerance);

}  // namespace nethical::regression
