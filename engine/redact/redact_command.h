// The `redact` command: redacts stdin line by line.
//
//   redact [--policy minimal|standard|aggressive] [--mode full|utility|token]
//          [--format text|jsonl] [--min-confidence X] [--token-key-file PATH]
//          [--emit-tokens]
//
// text:  each input line is written back redacted.
// jsonl: each line is an object with a string "text"; each output line is
//        {"redacted": ..., "findings": [{"type", "start", "end",
//        "confidence"}]} with byte offsets into the input text, plus
//        "tokens": {token: value} with --emit-tokens in token mode.
//        A malformed line writes "redact: line N: ..." to `err` and
//        {"error": ..., "line": N} to `out`, and processing continues.
//        Blank lines are skipped.
// Defaults: --policy standard --mode full --format text --min-confidence 0.5.
// The token key comes from --token-key-file (hex); it is never printed.
//
// Exit status: 0 on success, 1 if any input line was malformed, 2 on a usage
// error (unknown flag or value, unusable key file).
#pragma once

#include <iosfwd>

namespace nethical::redact {

// argv[0] is "redact".
int RunRedactCommand(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace nethical::redact
