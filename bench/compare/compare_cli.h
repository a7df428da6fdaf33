// The command line of //bench:compare, as a function so tests can drive it.
//
//   bazel run -c opt //bench:compare -- [flags] BASE.json NEW.json
//
// Flags:
//   --threshold_pct=P   fail on a median slowdown above P percent (default 5)
//   --alpha=A           ... that is significant at level A (default 0.05)
//   --metric=M          cpu_time (default) or real_time
//   --format=F          table (default) or json (see comparison_report.h)
//   --out=FILE          write the report to FILE instead of stdout
//   --help              every flag
// Flags are read by the one flag parser (engine/cli/flag_parser.h):
// "--flag=V" or "--flag V"; a usage error is one line naming the flag, the
// value (escaped) and what is allowed.
// Relative paths resolve against the directory `bazel run` was typed in.
//
// Exit status: 0 no benchmark significantly slower, 1 at least one,
// 2 bad usage or unreadable input (the message says which flag or file).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace nethical::bench {

inline constexpr int kCompareNoSlowdown = 0;
inline constexpr int kCompareSlowdown = 1;
inline constexpr int kCompareUsageError = 2;

// `args` excludes the program name.
int RunCompareCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace nethical::bench
