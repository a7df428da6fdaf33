// SIGINT/SIGTERM handling for generate_load: the first signal asks the run
// to stop (no new sends; in-flight actions drain; the partial run is
// reported and the engine flushed); a second one exits at once with status
// 128 + signal.
#pragma once

#include <atomic>

namespace nethical::loadgen {

// Installs the handlers (once per process) and returns the flag they set.
const std::atomic<bool>& InstallStopSignalHandlers();

}  // namespace nethical::loadgen
