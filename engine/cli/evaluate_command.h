// `nethical evaluate [--env-file F] [engine flags]`: reads JSONL actions
// (action_json.h) from `in` and writes one JSONL verdict (verdict_json.h)
// per action to `out`, in input order. A malformed line yields
// {"line": N, "error": "..."} (N counts from 1) and the run goes on; blank
// lines are skipped. Configuration notices go to `err`.
//
// Returns 0 if every line was an action, 1 if any line was malformed, 2 for
// a bad flag or configuration (one line on `err` naming it; nothing read).
// argv[0] is the subcommand name; the process environment's NETHICAL_*
// variables are read.
#pragma once

#include <istream>
#include <ostream>

namespace nethical::cli {

int RunEvaluateCommand(int argc, char** argv, std::istream& in, std::ostream& out,
                       std::ostream& err);

}  // namespace nethical::cli
