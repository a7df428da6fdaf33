// SIGINT/SIGTERM/SIGHUP handling for generate_load: the first signal asks
// the run to stop (no new sends; in-flight actions drain; the partial run is
// reported, the CSV completed under its real name, the engine flushed, and
// generate_load exits 3, kExitInterrupted); a second one removes the
// temporary files still open (atomic_file.h: no "*.tmp" is left behind) and
// exits at once with status 128 + signal.
#pragma once

#include <atomic>

namespace nethical::loadgen {

// Installs the handlers (once per process) and returns the flag they set.
const std::atomic<bool>& InstallStopSignalHandlers();

}  // namespace nethical::loadgen
