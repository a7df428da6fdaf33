// The SafetyJudge (docs/original.md §3 step 6): maps what the screens
// found to a decision.
//
//   stage-0 reject            -> TERMINATE 1.0
//   max severity EMERGENCY    -> TERMINATE 0.95
//                CRITICAL     -> BLOCK 0.9
//                HIGH         -> QUARANTINE 0.85 if the mean confidence > 0.8,
//                                else WARN 0.7
//                MEDIUM       -> ALLOW_WITH_MODIFICATION 0.65
//                LOW          -> ALLOW 0.5
//   no violation              -> ALLOW 1.0 (no reason)
//
// Severities compare as the ordered enum (the original compared its integer
// severities with strings). Pure function; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "engine/detect/detector_suite.h"
#include "engine/model/verdict.h"

namespace nethical::detect {

struct Judgment {
  Decision decision = Decision::kAllow;
  double confidence = 1.0;
  std::vector<Violation> violations;
  std::string reason;  // empty for a plain ALLOW
};

Judgment Judge(TextFindings findings);

}  // namespace nethical::detect
