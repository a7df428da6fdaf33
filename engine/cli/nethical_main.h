// The `nethical` binary's dispatch: `nethical <subcommand> [args]`.
// Subcommands are rows of one table (nethical_main.cc). An unknown or
// missing subcommand prints one line naming it and returns 2; `help` (or
// --help) lists the subcommands and returns 0.
#pragma once

#include <istream>
#include <ostream>

namespace nethical::cli {

int RunNethical(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace nethical::cli
