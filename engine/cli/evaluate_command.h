// `nethical evaluate [--env-file F] [--max-line-bytes N] [engine flags]`
// (`--help` lists every flag, one per NETHICAL_* key):
// reads JSONL actions (action_json.h) from `in` and writes one JSONL verdict
// (verdict_json.h) per action to `out`, in input order. A malformed line
// yields {"line": N, "error": "..."} (N counts from 1) and the run goes on;
// so does a line longer than --max-line-bytes (default 16 MiB, at most
// 1 GiB), which is never held in memory: {"line": N, "error": "line is longer
// than --max-line-bytes=16777216; skipped"}. Blank lines are skipped.
// Configuration notices go to `err`.
//
// Returns 0 if every line was an action, 1 if any line was malformed or too
// long, or on a read error (a directory as stdin) or a write error (a full
// disk, checked after every line and at the final flush): one line on `err`
// naming it, and the run stops there. 2 for a bad flag or configuration (one
// line on `err` naming it; nothing read).
// argv[0] is the subcommand name; the process environment's NETHICAL_*
// variables are read.
#pragma once

#include <istream>
#include <ostream>

namespace nethical::cli {

int RunEvaluateCommand(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace nethical::cli
