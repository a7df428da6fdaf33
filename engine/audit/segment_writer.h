// SegmentWriter: the audit log's newest segment file, written with
// pwrite(2) at its end, and allocated ahead of its frames.
//
//   auto seg = SegmentWriter::Create(path, header);   // O_EXCL, header written
//   Status s = (*seg)->Reserve((*seg)->size() + n);   // blocks for n more bytes
//   s = (*seg)->Append(frames);                       // at size()
//   int rc = SegmentWriter::WriteAt(fd, parts, offset);  // any thread, then Advance()
//   s = (*seg)->Close();                              // cut the file to its frames
//
// Space: Reserve extends the file with posix_fallocate in steps of a
// quarter of its length (kMinAllocationStep to kMaxAllocationStep: about
// 40 calls for a 64 MiB segment), so that a full disk shows as an error
// before the audit log acknowledges the frames (they wait in its staging
// ring, staging_ring.h), not when they are written later. Until Close the
// file therefore ends in zeros after its last frame; the readers treat a
// zero run from a frame boundary to the end of a segment as unused space
// (log_reader.h). A write is a prefix of its bytes if the process dies in
// it, as for write(2) in general: at most one torn frame at the end, which
// recovery cuts (and the staging ring restores). Not thread-safe: one
// owner (the write lock); WriteAt needs only the file descriptor.
#pragma once

#include <sys/uio.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"

namespace nethical::audit {

class SegmentWriter {
 public:
  static constexpr uint64_t kMinAllocationStep = 64 << 10;
  static constexpr uint64_t kMaxAllocationStep = 4 << 20;

  // Creates `path` (it must not exist, mode 0600) and writes `header`.
  static StatusOr<std::unique_ptr<SegmentWriter>> Create(const std::string& path, std::string_view header);
  // Opens an existing segment whose first `valid_bytes` are whole frames
  // and cuts off anything after them (a torn frame, preallocated zeros).
  static StatusOr<std::unique_ptr<SegmentWriter>> OpenForAppend(const std::string& path,
                                                                uint64_t valid_bytes);
  // Closes; also cuts the file to size() unless Close() ran.
  ~SegmentWriter();
  SegmentWriter(const SegmentWriter&) = delete;
  SegmentWriter& operator=(const SegmentWriter&) = delete;

  // Makes [0, end) of the file allocated.
  Status Reserve(uint64_t end);
  // Writes `frames` at size().
  Status Append(std::string_view frames);
  // Writes `parts` back to back at `offset` of the file (whole, retrying
  // short writes). Returns 0 or an errno. Any thread.
  static int WriteAt(int fd, const std::vector<iovec>& parts, uint64_t offset);
  // `bytes` were written at size() by WriteAt.
  void Advance(uint64_t bytes) { size_ += bytes; }
  // Reads `n` bytes at `offset` into *out (recovery compares with them).
  Status ReadAt(uint64_t offset, uint64_t n, std::string* out) const;
  // Cuts the file to size() and closes it. Idempotent.
  Status Close();

  int fd() const { return fd_; }
  uint64_t size() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  SegmentWriter(std::string path, int fd, uint64_t size);

  const std::string path_;
  int fd_;
  uint64_t size_;           // bytes of frames (and header)
  uint64_t allocated_ = 0;  // the file's length
};

}  // namespace nethical::audit
