// The one call everything drives: the load generator, the CLI and the
// benchmarks all hold an Evaluator. The real engine implements it; tests and
// the load generator's overhead benchmark use trivial ones.
#pragma once

#include "engine/model/action.h"
#include "engine/model/verdict.h"

namespace nethical {

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  // Thread-safe. Never throws: bad input yields a Verdict that says why.
  virtual Verdict Evaluate(const Action& action) = 0;
};

}  // namespace nethical
