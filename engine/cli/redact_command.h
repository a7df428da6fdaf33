// The `redact` command: redacts stdin line by line.
//
//   redact [--policy minimal|standard|aggressive] [--mode full|utility|token]
//          [--format text|jsonl] [--min-confidence X] [--token-key-file PATH]
//          [--emit-tokens] [--max-line-bytes N]
//   redact --create-token-key-file PATH
//
// text:  each input line is written back redacted.
// jsonl: each line is an object with a string "text"; each output line is
//        {"redacted": ..., "findings": [{"type", "start", "end",
//        "confidence"}]} with byte offsets into the input text, plus
//        "tokens": {token: value} with --emit-tokens in token mode.
//        A malformed line writes "redact: line N: ..." to `err` and
//        {"error": ..., "line": N} to `out`, and processing continues.
//        Blank lines are skipped.
// A line longer than --max-line-bytes (default 16 MiB, at most 1 GiB) is
// never held in memory: "redact: line N: line is longer than
// --max-line-bytes=M; skipped" on `err`, in jsonl mode also
// {"error": ..., "line": N} on `out` (text mode writes nothing for it).
// Defaults: --policy standard --mode full --format text --min-confidence 0.5.
// The token key comes from --token-key-file (hex, mode 0600: a file group or
// others may read or write is refused); it is never printed.
// --create-token-key-file PATH writes a new random key to PATH (mode 0600
// whatever the umask; an existing file is never overwritten) and exits.
//
// Exit status: 0 on success; 1 if any input line was malformed or too long,
// or on a read error (a directory as stdin) or a write error (a full disk,
// checked after every line and at the final flush: one line on `err`, and
// the run stops there); 2 on a usage error (unknown flag or value, unusable
// key file). Flags are read by the one flag parser (flag_parser.h): a usage
// error is one line, values echoed through ShownValue; `--help` lists every
// flag.
#pragma once

#include <iosfwd>

namespace nethical::cli {

// argv[0] is "redact".
int RunRedactCommand(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace nethical::cli
