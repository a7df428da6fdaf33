// Files that appear whole or not at all: content is written to
// "<path>.tmp", flushed, fsynced, then renamed over <path> (the original's
// os.replace). A failure removes the temporary file and names the path.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace nethical::loadgen {

// Opens "<path>.tmp" for writing; null (and *error set) on failure.
std::FILE* OpenTempFile(const std::string& path, Status* error);
// Flushes, fsyncs and closes `tmp` (opened by OpenTempFile(path)), then
// renames it to `path`. `write_failed` reports an earlier failed write.
Status CommitTempFile(std::FILE* tmp, const std::string& path, bool write_failed = false);
// Removes the temporary file of `path` after closing `tmp`.
void AbortTempFile(std::FILE* tmp, const std::string& path);

Status WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace nethical::loadgen
