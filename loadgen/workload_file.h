// --workload-file: a JSONL file of actions (one JSON object per line, the
// engine's action JSON), replayed in order and cycled (ReplayWorkload).
// Blank lines are skipped; any other unparsable line is an error naming the
// file and line. The file is read once, at startup.
#pragma once

#include <memory>
#include <string>

#include "engine/base/status.h"
#include "loadgen/workload.h"

namespace nethical::loadgen {

StatusOr<std::unique_ptr<Workload>> LoadWorkloadFile(const std::string& path);

}  // namespace nethical::loadgen
