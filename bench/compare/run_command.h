// Runs a program to completion, the way a shell would run `argv[0] argv[1]..`
// (argv[0] is searched in $PATH when it has no slash), with no shell in
// between: arguments are passed as they are, never re-split or expanded.
#pragma once

#include <string>
#include <vector>

#include "engine/base/status.h"

namespace nethical::bench {

// Returns the program's exit status (0..255). When `standard_output` is not
// null it receives everything the program wrote to stdout; otherwise stdout
// is inherited. stderr is always inherited. The program gets `environment`
// ("NAME=value" entries) when it is not null, else this process's. Errors: InvalidArgument for an
// empty argv, NotFound when the program cannot be started, Internal when it
// was killed by a signal (the message names the signal).
StatusOr<int> RunCommand(const std::vector<std::string>& argv, std::string* standard_output = nullptr,
                         const std::vector<std::string>* environment = nullptr);

}  // namespace nethical::bench
