// One quarantine: who (an agent or a cohort), why, and when it starts and
// ends. QuarantineManager hands them out; SharedQuarantineList stores them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace nethical::quarantine {

enum class QuarantineScope { kAgent, kCohort };
std::string_view QuarantineScopeName(QuarantineScope s);  // "agent" | "cohort"

struct QuarantineRecord {
  QuarantineScope scope = QuarantineScope::kAgent;
  std::string id;
  std::string reason;
  // The manager's clock (Clock::NowNanos()) in what QuarantineManager
  // returns; the wall clock in what a SharedQuarantineList holds.
  int64_t start_nanos = 0;  // when quarantined
  int64_t end_nanos = 0;    // released at and after this instant
};

}  // namespace nethical::quarantine
