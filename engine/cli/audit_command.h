// `nethical audit ...`: offline inspection of a region's audit log.
//
//   nethical audit verify DIR [--public-key FILE]
//   nethical audit proof DIR --index I [--tree-size N]
//   nethical audit consistency DIR --from M --to N
//   nethical audit export DIR
//   nethical audit heads DIR
//   nethical audit compat-root FILE
//
// DIR is a region's audit directory (<storage_dir>/<region>/audit); with
// `--region R` it is the storage directory instead. Output goes to `out`
// (JSON / JSONL for proof, consistency, export, heads, compat-root);
// diagnostics to `err`, one line each. Exit status: 0 success; 1 the log
// (or chunk) failed a check or could not be read; 2 usage error (one line,
// from the one flag parser, flag_parser.h; `audit <sub> --help` lists the
// subcommand's flags).
// Reading is safe while a writer runs, but its unanchored tail makes
// `verify` fail until the writer anchors it.
#pragma once

#include <ostream>

namespace nethical::cli {

// argv[0] is "audit".
int RunAuditCommand(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace nethical::cli
