#include "engine/audit/mapped_segment.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

#include "engine/audit/byte_order.h"
#include "engine/audit/file_io.h"
#include "engine/audit/segment_format.h"

namespace nethical::audit {
namespace {

uint64_t RoundUp(uint64_t n, uint64_t to) { return (n + to - 1) / to * to; }

uint64_t PageSize() {
  static const uint64_t page = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  return page;
}

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return IoErrorFor("cannot write to", path);
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

}  // namespace

MappedSegment::MappedSegment(std::string path, int fd, uint64_t size, uint64_t map_bytes)
    : path_(std::move(path)), fd_(fd), size_(size), allocated_(size), map_bytes_(map_bytes) {}

StatusOr<std::unique_ptr<MappedSegment>> MappedSegment::Create(const std::string& path,
                                                               std::string_view header, uint64_t map_bytes) {
  auto fd = OpenPrivateFile(path, O_RDWR | O_CREAT | O_EXCL);
  if (!fd.ok()) return fd.status();
  // write(2), not the mapping: a kill leaves a short file, which the
  // readers know as a partial header, never a header followed by zeros.
  if (Status s = WriteAll(*fd, header, path); !s.ok()) {
    ::close(*fd);
    return s;
  }
  std::unique_ptr<MappedSegment> seg(new MappedSegment(path, *fd, header.size(), map_bytes));
  // The first step now: a full disk shows at Open or at the segment roll.
  if (Status s = seg->Reserve(seg->size_ + 1); !s.ok()) return s;
  return seg;
}

StatusOr<std::unique_ptr<MappedSegment>> MappedSegment::OpenForAppend(const std::string& path,
                                                                      uint64_t valid_bytes,
                                                                      uint64_t map_bytes) {
  auto fd = OpenPrivateFile(path, O_RDWR);
  if (!fd.ok()) return fd.status();
  std::unique_ptr<MappedSegment> seg(new MappedSegment(path, *fd, valid_bytes, map_bytes));
  struct stat st;
  if (::fstat(*fd, &st) != 0) return IoErrorFor("cannot stat", path);
  // Frames are appended at valid_bytes over zeros only (the crash order
  // of Append relies on it): cut a torn frame and old preallocation.
  if (static_cast<uint64_t>(st.st_size) != valid_bytes &&
      ::ftruncate(*fd, static_cast<off_t>(valid_bytes)) != 0) {
    return IoErrorFor("cannot truncate the torn tail of", path);
  }
  if (Status s = seg->Reserve(seg->size_ + 1); !s.ok()) return s;
  return seg;
}

MappedSegment::~MappedSegment() { static_cast<void>(Close()); }

Status MappedSegment::Reserve(uint64_t end) {
  // Blocks for the frames, and kPopulateAhead more for the pages
  // PopulateAhead() names. Only a failure for the frames is an error: near
  // a full disk (or a file size limit) the window shrinks instead, and is
  // not asked for again until an extension for frames succeeds.
  const bool want_ahead = !ahead_refused_ && end + kPopulateAhead > allocated_;
  if (end > allocated_ || want_ahead) {
    const uint64_t step = std::clamp(allocated_ / 4, kMinAllocationStep, kMaxAllocationStep);
    const uint64_t needed = std::max(end, allocated_ + step);
    uint64_t target = want_ahead ? std::max(end + kPopulateAhead, needed) : needed;
    // posix_fallocate returns the error number instead of setting errno.
    int rc = ::posix_fallocate(fd_, static_cast<off_t>(allocated_), static_cast<off_t>(target - allocated_));
    if (rc != 0 && want_ahead) {
      ahead_refused_ = true;
      if (end <= allocated_) return MapThrough(end);
      target = needed;
      rc = ::posix_fallocate(fd_, static_cast<off_t>(allocated_), static_cast<off_t>(target - allocated_));
    }
    if (rc != 0) {
      errno = rc;
      return IoErrorFor("cannot extend", path_);
    }
    if (end > allocated_) ahead_refused_ = false;
    allocated_ = target;
  }
  return MapThrough(end);
}

Status MappedSegment::MapThrough(uint64_t end) {
  if (end > mapped_) {
    const uint64_t length = RoundUp(std::max({map_bytes_, end, 2 * mapped_}), PageSize());
    if (map_ != nullptr && ::munmap(map_, mapped_) != 0) return IoErrorFor("cannot unmap", path_);
    map_ = nullptr;
    mapped_ = 0;
    // The mapping may reach past the end of the file; only allocated
    // bytes are ever touched.
    void* p = ::mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd_, 0);
    if (p == MAP_FAILED) return IoErrorFor("cannot map", path_);
    map_ = static_cast<char*>(p);
    mapped_ = length;
    // A fresh mapping has no page-table entries yet.
    released_ = size_ / PageSize() * PageSize();
    populated_ = released_;
  }
  return Status::Ok();
}

Status MappedSegment::Append(std::string_view frames) {
  if (fd_ < 0) return FailedPrecondition("segment " + path_ + " is closed");
  if (Status s = Reserve(size_ + frames.size()); !s.ok()) return s;
  char* out = map_ + size_;
  size_t at = 0;
  while (at < frames.size()) {
    if (frames.size() - at < kFrameHeaderSize) return Internal("a partial frame was handed to " + path_);
    const size_t length = kFrameHeaderSize + GetFixed32(frames.data() + at);
    if (length > frames.size() - at) return Internal("a partial frame was handed to " + path_);
    std::memcpy(out + at + 4, frames.data() + at + 4, length - 4);
    // The length field last (see the header): not moved before the copy.
    std::atomic_signal_fence(std::memory_order_seq_cst);
    std::memcpy(out + at, frames.data() + at, 4);
    at += length;
  }
  size_ += frames.size();
  if (size_ - released_ >= kReleaseBytes) return ReleaseWrittenPages();
  return Status::Ok();
}

Status MappedSegment::ReleaseWrittenPages() {
  if (map_ == nullptr) return Status::Ok();
  const uint64_t end = size_ / PageSize() * PageSize();
  if (end <= released_) return Status::Ok();
  if (::madvise(map_ + released_, end - released_, MADV_DONTNEED) != 0) {
    return IoErrorFor("cannot release written pages of", path_);
  }
  released_ = end;
  return Status::Ok();
}

MappedSegment::PageRange MappedSegment::PopulateAhead() const {
  if (map_ == nullptr) return {};
  const uint64_t from = std::max(populated_, RoundUp(size_, PageSize()));
  const uint64_t limit = std::min(allocated_ / PageSize() * PageSize(), mapped_);
  const uint64_t to = std::min(RoundUp(size_, PageSize()) + window_, limit);
  if (to <= from || from - size_ >= window_ / 2) return {};
  return {map_ + from, from, to - from};
}

int MappedSegment::Populate(const PageRange& range) {
#ifdef MADV_POPULATE_WRITE
  if (range.length == 0) return 0;
  int rc;
  do rc = ::madvise(range.address, range.length, MADV_POPULATE_WRITE);
  while (rc != 0 && errno == EINTR);
  return rc == 0 ? 0 : errno;
#else
  return EINVAL;
#endif
}

void MappedSegment::Populated(const PageRange& range) {
  if (map_ == nullptr || range.address != map_ + range.offset) return;  // remapped since
  populated_ = std::max(populated_, range.offset + range.length);
}

Status MappedSegment::ReleaseForSync() {
  if (Status s = ReleaseWrittenPages(); !s.ok()) return s;
  window_ = std::clamp(RoundUp(size_ - std::min(size_, size_at_sync_), PageSize()), kMinPopulateAhead,
                       kPopulateAhead);
  size_at_sync_ = size_;
  const uint64_t from = RoundUp(size_, PageSize());
  if (map_ == nullptr || populated_ <= from) return Status::Ok();
  if (::madvise(map_ + from, populated_ - from, MADV_DONTNEED) != 0) {
    return IoErrorFor("cannot release populated pages of", path_);
  }
  populated_ = from;
  return Status::Ok();
}

Status MappedSegment::Close() {
  if (fd_ < 0) return Status::Ok();
  Status s = Status::Ok();
  if (map_ != nullptr && ::munmap(map_, mapped_) != 0) s = IoErrorFor("cannot unmap", path_);
  map_ = nullptr;
  mapped_ = 0;
  if (s.ok() && allocated_ != size_) {
    if (::ftruncate(fd_, static_cast<off_t>(size_)) != 0) {
      s = IoErrorFor("cannot truncate", path_);
    } else {
      allocated_ = size_;
    }
  }
  ::close(fd_);
  fd_ = -1;
  return s;
}

}  // namespace nethical::audit
