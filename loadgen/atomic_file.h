// Files that appear whole or not at all: content is written to
// "<path>.tmp", flushed, fsynced, then renamed over <path> (the original's
// os.replace). A failure removes the temporary file and names the path.
//
// Mode: every file is created 0600 (owner read/write only, whatever the
// umask): the CSV and JSON summary hold the workload's texts' identifiers,
// verdicts and the run's configuration. A stale "<path>.tmp" of another
// mode is reset to 0600 before it is written.
//
// A temporary file is registered from OpenTempFile() until it is committed
// or removed, so that a process ending at once on a signal can remove it
// (RemoveOpenTempFilesFromSignalHandler; stop_signal.h).
#pragma once

#include <sys/types.h>

#include <cstdio>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace nethical::loadgen {

inline constexpr mode_t kOutputFileMode = 0600;

// Opens "<path>.tmp" for writing; null (and *error set) on failure.
std::FILE* OpenTempFile(const std::string& path, Status* error);
// Flushes, fsyncs and closes `tmp` (opened by OpenTempFile(path)), then
// renames it to `path`. `write_failed` reports an earlier failed write.
Status CommitTempFile(std::FILE* tmp, const std::string& path, bool write_failed = false);
// Removes the temporary file of `path` after closing `tmp`.
void AbortTempFile(std::FILE* tmp, const std::string& path);

Status WriteFileAtomically(const std::string& path, std::string_view content);

// Unlinks every temporary file still registered. Async-signal-safe (only
// unlink(2) and lock-free atomics): for a handler about to _exit().
void RemoveOpenTempFilesFromSignalHandler();

}  // namespace nethical::loadgen
