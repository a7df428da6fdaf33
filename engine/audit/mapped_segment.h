// MappedSegment: the audit log's active segment file, appended to through
// a MAP_SHARED mapping instead of one write(2) per batch of frames.
//
//   auto seg = MappedSegment::Create(path, header, map_bytes);  // O_EXCL, header by write(2)
//   Status s = (*seg)->Append(frames);   // memcpy into the page cache, no system call
//   fdatasync((*seg)->fd());             // the owner's fsync cadence
//   s = (*seg)->Close();                 // unmap, cut the file to its frames
//
// A store into a shared file mapping is in the page cache once the copy
// has executed: a crash of the process loses it no more than it loses a
// write(2) that returned; a power loss needs fdatasync(fd()) either way
// (on Linux fdatasync writes back the mapping's dirty pages too).
//
// Space: the file is extended with posix_fallocate ahead of the frames, in
// steps of a quarter of its length (kMinAllocationStep to
// kMaxAllocationStep: about 40 calls for a 64 MiB segment) and at least
// kPopulateAhead past them (a refusal of only that margin is not an error:
// the populated window shrinks), so a store never faults on a block
// the file system cannot supply (a full disk or a file size limit is an
// error from Append, naming the errno, never a SIGBUS). Until Close the
// file therefore ends in zeros after its last frame; the readers treat a
// zero run from a frame boundary to the end of a segment as unused space
// (log_reader.h). A file cut short behind the writer's back (by another
// program: the region's LOCK keeps other nethical processes out) would
// make the next store fault with SIGBUS, as for any mapped file.
//
// Crash order: each frame's bytes after its length field are copied
// first and its u32 length last (the file is zero there until then), so a
// kill in the middle of a copy leaves a prefix of whole frames and at most
// one frame with a zero length; never a later whole frame after a hole,
// which recovery would take for corruption (memcpy's own store order is
// not a prefix order). Not thread-safe: one owner (the write lock).
//
// Written pages leave the mapping. Before fdatasync writes back a dirty
// page that is still mapped, the kernel write-protects its page-table
// entry, with a TLB shootdown (an IPI to each other core running the
// process) per page per fsync, and the next store into that page faults
// again. The frames are append-only, so the whole pages before the last
// frame's page are never stored into again: ReleaseWrittenPages drops
// them from the mapping with madvise(MADV_DONTNEED), which for a shared
// file mapping removes only the page-table entries (one range flush per
// call); the data stays in the page cache, dirty, and reads, writeback and
// fdatasync see it as before. The owner calls it before each fsync, and
// Append calls it every kReleaseBytes of frames.
//
// Pages ahead are populated off the writer's path. The first store into a
// fresh page of the mapping faults: the kernel allocates and zeroes a
// page-cache folio, reserves its blocks (page_mkwrite) and maps it, several
// microseconds (tens on this VM when the memory is cold) that the writer
// would spend holding the audit log's write lock. PopulateAhead() names the
// pages from the last frame's page up to kPopulateAhead bytes on that are
// allocated, mapped and not populated yet; any thread may fault them in with
// Populate() (madvise MADV_POPULATE_WRITE: no byte changes, the file already
// ends in zeros) while the owner keeps appending, as long as the owner does
// not Close() or remap (NeedsRemap) meanwhile; the owner then records it with
// Populated().
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace nethical::audit {

class MappedSegment {
 public:
  // The file grows by a quarter of its length, within these bounds; Open
  // and a roll allocate the first step.
  static constexpr uint64_t kMinAllocationStep = 64 << 10;
  static constexpr uint64_t kMaxAllocationStep = 4 << 20;
  // Append releases the written pages once this many bytes of them are
  // still mapped.
  static constexpr uint64_t kReleaseBytes = 256 << 10;
  // Bytes past the last frame's page kept populated (PopulateAhead asks for
  // more once less than half of it is left): at most kPopulateAhead, and
  // after each ReleaseForSync what was appended since the one before, at
  // least kMinPopulateAhead, so that a slow writer does not make every
  // fsync write a large window of zeros.
  static constexpr uint64_t kPopulateAhead = 256 << 10;
  static constexpr uint64_t kMinPopulateAhead = 16 << 10;

  // A page-aligned range of the mapping.
  struct PageRange {
    char* address = nullptr;
    uint64_t offset = 0;  // in the file
    uint64_t length = 0;  // 0: nothing to do
  };

  // Creates `path` (it must not exist, mode 0600) and writes `header`
  // with write(2). `map_bytes` is the address space reserved up front
  // (the segment size limit); a larger segment is remapped.
  static StatusOr<std::unique_ptr<MappedSegment>> Create(const std::string& path, std::string_view header,
                                                         uint64_t map_bytes);
  // Opens an existing segment whose first `valid_bytes` are whole frames
  // and cuts off anything after them (a torn frame, preallocated zeros).
  static StatusOr<std::unique_ptr<MappedSegment>> OpenForAppend(const std::string& path, uint64_t valid_bytes,
                                                                uint64_t map_bytes);
  // Unmaps and closes; also cuts the file to size() unless Close() ran.
  ~MappedSegment();
  MappedSegment(const MappedSegment&) = delete;
  MappedSegment& operator=(const MappedSegment&) = delete;

  // Appends `frames` (whole frames, back to back, segment_format.h) after
  // the last frame, extending the file first if needed.
  Status Append(std::string_view frames);
  // Drops the whole pages before the page holding size() from the mapping
  // (the header: their data stays in the page cache, dirty). No system
  // call when no page was completed since the last release.
  Status ReleaseWrittenPages();
  // Before an fsync: the written pages, and the pages populated ahead too.
  // Those are dirty (zeros) and mapped writable, so writeback would
  // write-protect each with a TLB shootdown, which interrupts the other
  // core on every fsync; unmapped, they are written back without one, and
  // the next PopulateAhead() names them again. Sets the window (above).
  Status ReleaseForSync();
  uint64_t populate_window() const { return window_; }
  // Unmaps the file, truncates it to size() and closes it. Idempotent.
  Status Close();

  // The pages to populate next (empty when at least half of kPopulateAhead
  // past the last frame's page is populated, or nothing more is allocated).
  PageRange PopulateAhead() const;
  // Faults `range` in, writable (any thread; see the header). Returns 0 or
  // an errno (EINVAL: the kernel has no MADV_POPULATE_WRITE, before 5.14).
  static int Populate(const PageRange& range);
  // Records that `range` of PopulateAhead() was populated (ignored if the
  // file was remapped since).
  void Populated(const PageRange& range);
  // Whether appending `bytes` would remap the file (which a Populate()
  // running on another thread must not see).
  bool NeedsRemap(uint64_t bytes) const { return size_ + bytes > mapped_; }

  int fd() const { return fd_; }
  uint64_t size() const { return size_; }
  // Bytes at the start of the file that ReleaseWrittenPages has dropped
  // from the mapping (a page multiple): never stored into again.
  uint64_t released() const { return released_; }
  const std::string& path() const { return path_; }

 private:
  MappedSegment(std::string path, int fd, uint64_t size, uint64_t map_bytes);
  // Makes [0, end) of the file allocated and mapped.
  Status Reserve(uint64_t end);
  // Makes [0, end) of the file mapped.
  Status MapThrough(uint64_t end);

  const std::string path_;
  int fd_;
  uint64_t size_;           // bytes of frames (and header)
  uint64_t allocated_ = 0;  // the file's length
  uint64_t map_bytes_;      // address space wanted
  char* map_ = nullptr;     // [0, mapped_) of the file, MAP_SHARED
  uint64_t mapped_ = 0;
  uint64_t released_ = 0;             // [0, released_) has no page-table entries; a page multiple
  uint64_t populated_ = 0;            // [.., populated_) was populated through this mapping; a page multiple
  bool ahead_refused_ = false;        // the file system refused blocks for the window ahead
  uint64_t window_ = kPopulateAhead;  // bytes kept populated past the last frame's page
  uint64_t size_at_sync_ = 0;         // size() at the last ReleaseForSync
};

}  // namespace nethical::audit
