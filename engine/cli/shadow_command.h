// `nethical shadow train --input FILE --out FILE [--epochs N]
//  [--learning-rate X] [--l2 X]`: trains the logistic shadow model
// (engine/shadow/logistic_trainer.h) and writes its weights in the model
// file format (engine/shadow/shadow_model.h), ready for
// NETHICAL_SHADOW_MODEL=logistic NETHICAL_SHADOW_MODEL_FILE=FILE.
//
// Input: JSONL, each line either a verdict of `nethical evaluate` (its
// phase567.shadow object) or a line of the shadow log
// (shadow_predictions.jsonl); either way the example is the "features"
// object (feature name -> number; absent features are 0) labelled deny iff
// "rule_classification" is "deny". Lines without a shadow object or without
// a rule classification (shadow off, evaluate's {"line", "error"} lines) are
// skipped and counted; blank lines are ignored. Unknown feature names are
// ignored.
//
// Output: FILE is written whole or not at all (a temporary file beside it,
// renamed); one summary line on `out`.
// Returns 0 on success; 2 for a bad flag (one line naming it); 1 if the input
// cannot be read, a line is not JSON or a feature is not a number (naming
// FILE:LINE), no line is an example, or the output cannot be written.
#pragma once

#include <istream>
#include <ostream>

namespace nethical::cli {

int RunShadowCommand(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace nethical::cli
