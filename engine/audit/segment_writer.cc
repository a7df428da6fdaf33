#include "engine/audit/segment_writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "engine/audit/file_io.h"

namespace nethical::audit {

SegmentWriter::SegmentWriter(std::string path, int fd, uint64_t size)
    : path_(std::move(path)), fd_(fd), size_(size), allocated_(size) {}

StatusOr<std::unique_ptr<SegmentWriter>> SegmentWriter::Create(const std::string& path,
                                                               std::string_view header) {
  auto fd = OpenPrivateFile(path, O_RDWR | O_CREAT | O_EXCL);
  if (!fd.ok()) return fd.status();
  std::unique_ptr<SegmentWriter> seg(new SegmentWriter(path, *fd, 0));
  // The header before any allocation: a kill leaves a short file, which
  // the readers know as a partial header, never a header followed by zeros.
  const std::vector<iovec> part = {{const_cast<char*>(header.data()), header.size()}};
  if (int rc = WriteAt(seg->fd_, part, 0); rc != 0) {
    errno = rc;
    return IoErrorFor("cannot write to", path);
  }
  seg->size_ = seg->allocated_ = header.size();
  // The first step now: a full disk shows at Open or at the segment roll.
  if (Status s = seg->Reserve(seg->size_ + 1); !s.ok()) return s;
  return seg;
}

StatusOr<std::unique_ptr<SegmentWriter>> SegmentWriter::OpenForAppend(const std::string& path,
                                                                      uint64_t valid_bytes) {
  auto fd = OpenPrivateFile(path, O_RDWR);
  if (!fd.ok()) return fd.status();
  std::unique_ptr<SegmentWriter> seg(new SegmentWriter(path, *fd, valid_bytes));
  struct stat st;
  if (::fstat(*fd, &st) != 0) return IoErrorFor("cannot stat", path);
  // Frames are appended at valid_bytes: cut a torn frame and old
  // preallocation.
  if (static_cast<uint64_t>(st.st_size) != valid_bytes &&
      ::ftruncate(*fd, static_cast<off_t>(valid_bytes)) != 0) {
    return IoErrorFor("cannot truncate the torn tail of", path);
  }
  if (Status s = seg->Reserve(seg->size_ + 1); !s.ok()) return s;
  return seg;
}

SegmentWriter::~SegmentWriter() { static_cast<void>(Close()); }

Status SegmentWriter::Reserve(uint64_t end) {
  if (fd_ < 0) return FailedPrecondition("segment " + path_ + " is closed");
  if (end <= allocated_) return Status::Ok();
  const uint64_t step = std::clamp(allocated_ / 4, kMinAllocationStep, kMaxAllocationStep);
  const uint64_t target = std::max(end, allocated_ + step);
  // posix_fallocate returns the error number instead of setting errno.
  if (int rc =
          ::posix_fallocate(fd_, static_cast<off_t>(allocated_), static_cast<off_t>(target - allocated_));
      rc != 0) {
    errno = rc;
    return IoErrorFor("cannot extend", path_);
  }
  allocated_ = target;
  return Status::Ok();
}

int SegmentWriter::WriteAt(int fd, const std::vector<iovec>& parts, uint64_t offset) {
  std::vector<iovec> left(parts);
  size_t first = 0;
  while (first < left.size()) {
    const ssize_t n =
        ::pwritev(fd, left.data() + first, static_cast<int>(left.size() - first), static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    offset += static_cast<uint64_t>(n);
    size_t done = static_cast<size_t>(n);
    while (first < left.size() && done >= left[first].iov_len) done -= left[first++].iov_len;
    if (first < left.size()) {
      left[first].iov_base = static_cast<char*>(left[first].iov_base) + done;
      left[first].iov_len -= done;
    }
  }
  return 0;
}

Status SegmentWriter::Append(std::string_view frames) {
  if (fd_ < 0) return FailedPrecondition("segment " + path_ + " is closed");
  if (frames.empty()) return Status::Ok();
  if (Status s = Reserve(size_ + frames.size()); !s.ok()) return s;
  const std::vector<iovec> part = {{const_cast<char*>(frames.data()), frames.size()}};
  if (int rc = WriteAt(fd_, part, size_); rc != 0) {
    errno = rc;
    return IoErrorFor("cannot write to", path_);
  }
  size_ += frames.size();
  return Status::Ok();
}

Status SegmentWriter::ReadAt(uint64_t offset, uint64_t n, std::string* out) const {
  out->resize(n);
  uint64_t done = 0;
  while (done < n) {
    const ssize_t got = ::pread(fd_, out->data() + done, n - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return IoErrorFor("cannot read", path_);
    if (got == 0) break;
    done += static_cast<uint64_t>(got);
  }
  out->resize(done);
  return Status::Ok();
}

Status SegmentWriter::Close() {
  if (fd_ < 0) return Status::Ok();
  Status s = Status::Ok();
  if (allocated_ != size_) {
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
