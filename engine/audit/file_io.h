// Small POSIX file helpers for the audit log; every failure is a Status
// naming the path and the errno text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace nethical::audit {

Status IoErrorFor(const std::string& what, const std::string& path);  // uses errno
StatusOr<std::string> ReadWholeFile(const std::string& path);
// The file's first `max_bytes` (all of it by default) into *out, whose
// capacity is reused: a buffer read into again and again costs no
// allocation and no page fault once it is large enough (docs/audit.md,
// "Reading segments"). Reads what the file holds when it is read, also if
// it grows or shrinks meanwhile.
Status ReadFileInto(const std::string& path, std::string* out, size_t max_bytes = SIZE_MAX);
// Creates `path` with `mode` atomically (temp file, fsync, rename, fsync of
// the directory). Fails if `path` already exists.
Status CreateFileAtomically(const std::string& path, std::string_view data, int mode);
Status SyncDirectory(const std::string& dir);
// mkdir -p; each directory it creates gets mode 0700 regardless of the
// umask (existing directories are not touched).
Status MakeDirectories(const std::string& dir);
// open(2) with O_CREAT in `flags` allowed; the file gets mode 0600 regardless
// of the umask (fchmod after open). Returns the fd.
StatusOr<int> OpenPrivateFile(const std::string& path, int flags);

}  // namespace nethical::audit
