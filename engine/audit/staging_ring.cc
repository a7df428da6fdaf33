#include "engine/audit/staging_ring.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>

#include "engine/audit/byte_order.h"
#include "engine/audit/crc32c.h"
#include "engine/audit/file_io.h"
#include "engine/audit/segment_format.h"

namespace nethical::audit {
namespace {

constexpr std::string_view kRingMagic = "NETHRING";
constexpr uint64_t kSlotOffsets[2] = {64, 128};
constexpr size_t kSlotBytes = 40;  // before its CRC
// Linux's UIO_MAXIOV: parts per pwritev.
constexpr size_t kMaxParts = 1024;

uint64_t Align8(uint64_t n) { return (n + 7) & ~uint64_t{7}; }

void Store32(char* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<char>(v >> (8 * i));
}
void Store64(char* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<char>(v >> (8 * i));
}

struct Checkpoint {
  uint64_t sequence = 0, epoch = 0, position = 0, segment = 0, offset = 0;
  bool valid = false;
};

Checkpoint ReadSlot(const char* slot) {
  Checkpoint c;
  if (Crc32c(std::string_view(slot, kSlotBytes)) != GetFixed32(slot + kSlotBytes)) return c;
  c.sequence = GetFixed64(slot);
  c.epoch = GetFixed64(slot + 8);
  c.position = GetFixed64(slot + 16);
  c.segment = GetFixed64(slot + 24);
  c.offset = GetFixed64(slot + 32);
  c.valid = true;
  return c;
}

// Whether `bytes` are whole frames with valid checksums (segment_format.h).
bool WholeFrames(std::string_view bytes) {
  while (!bytes.empty()) {
    Frame f;
    if (ParseFrame(bytes, &f) != FrameStatus::kOk) return false;
    bytes.remove_prefix(f.size);
  }
  return true;
}

uint64_t NewEpoch() {
  std::random_device rd;
  return (static_cast<uint64_t>(rd()) << 32) ^ rd();
}

Status CreateRing(const std::string& path, uint64_t bytes) {
  const std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());  // a leftover of a creation cut short holds nothing
  auto fd = OpenPrivateFile(tmp, O_RDWR | O_CREAT | O_EXCL);
  if (!fd.ok()) return fd.status();
  std::string header;
  header.append(kRingMagic);
  PutFixed64(&header, bytes - StagingRing::kHeaderBytes);
  PutFixed32(&header, Crc32c(header));
  Status s = Status::Ok();
  if (int rc = ::posix_fallocate(*fd, 0, static_cast<off_t>(bytes)); rc != 0) {
    errno = rc;
    s = IoErrorFor("cannot allocate", tmp);
  } else if (::pwrite(*fd, header.data(), header.size(), 0) != static_cast<ssize_t>(header.size())) {
    s = IoErrorFor("cannot write", tmp);
  } else if (::fdatasync(*fd) != 0) {
    s = IoErrorFor("cannot fsync", tmp);
  }
  ::close(*fd);
  if (s.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) s = IoErrorFor("cannot rename to", path);
  if (!s.ok()) {
    ::unlink(tmp.c_str());
    return s;
  }
  return SyncDirectory(path.substr(0, path.find_last_of('/')));
}

}  // namespace

StagingRing::StagingRing(std::string path, int fd, char* map, uint64_t capacity)
    : path_(std::move(path)), fd_(fd), map_(map), data_(map + kHeaderBytes), capacity_(capacity) {}

StagingRing::~StagingRing() {
  ::munmap(map_, kHeaderBytes + capacity_);
  ::close(fd_);
}

StatusOr<std::unique_ptr<StagingRing>> StagingRing::Open(const std::string& path, uint64_t bytes) {
  if (::access(path.c_str(), F_OK) != 0) {
    if (errno != ENOENT) return IoErrorFor("cannot access", path);
    if (Status s = CreateRing(path, bytes); !s.ok()) return s;
  }
  return Map(path, true);
}

StatusOr<std::unique_ptr<StagingRing>> StagingRing::OpenForReading(const std::string& path) {
  return Map(path, false);
}

StatusOr<std::unique_ptr<StagingRing>> StagingRing::Map(const std::string& path, bool writable) {
  auto fd = OpenPrivateFile(path, writable ? O_RDWR : O_RDONLY);
  if (!fd.ok()) return fd.status();
  struct stat st;
  if (::fstat(*fd, &st) != 0) {
    ::close(*fd);
    return IoErrorFor("cannot stat", path);
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  char header[20];
  if (size < kHeaderBytes + 4096 || ::pread(*fd, header, sizeof(header), 0) != sizeof(header) ||
      std::string_view(header, 8) != kRingMagic ||
      Crc32c(std::string_view(header, 16)) != GetFixed32(header + 16) ||
      GetFixed64(header + 8) != size - kHeaderBytes || (size - kHeaderBytes) % 8 != 0) {
    ::close(*fd);
    return DataLoss("the audit log's staging ring " + path +
                    " has a damaged header: it may hold acknowledged records that are not in a segment yet; "
                    "keep a copy, then move it away to open the log");
  }
  void* p = ::mmap(nullptr, size, writable ? PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, *fd, 0);
  if (p == MAP_FAILED) {
    ::close(*fd);
    return IoErrorFor("cannot map", path);
  }
  std::unique_ptr<StagingRing> ring(new StagingRing(path, *fd, static_cast<char*>(p), size - kHeaderBytes));
#ifdef MADV_POPULATE_WRITE
  // The data area stays in memory from now on: its pages are reused. A
  // hint: stores fault the pages in otherwise.
  if (writable) static_cast<void>(::madvise(p, size, MADV_POPULATE_WRITE));
#endif
  Checkpoint newest;
  for (uint64_t at : kSlotOffsets) {
    const Checkpoint c = ReadSlot(ring->map_ + at);
    if (c.valid && (!newest.valid || c.sequence > newest.sequence)) newest = c;
  }
  if (newest.valid) {
    ring->checkpoint_sequence_ = newest.sequence;
    ring->epoch_ = newest.epoch;
    ring->head_ = ring->flushed_ = newest.position;
    ring->next_segment_ = newest.segment;
    ring->next_offset_ = newest.offset;
  }
  return ring;
}

uint64_t StagingRing::EntryStart(uint64_t position, uint64_t total) const {
  const uint64_t left = capacity_ - position % capacity_;
  return total <= left ? position : position + left;
}

Status StagingRing::ForEachUnflushed(const EntryVisitor& visit) const {
  if (epoch_ == 0) return Status::Ok();  // never restarted: no entries
  uint64_t position = flushed_;
  uint64_t segment = next_segment_, offset = next_offset_;
  // Each step reads an entry at `position`, or, if that is not the next
  // one, at the start of the data area (where an entry too long for the
  // space left went). Bounded: the walk covers the data area at most once.
  for (uint64_t walked = 0; walked < capacity_;) {
    const uint64_t candidates[2] = {position, EntryStart(position, capacity_)};
    bool found = false;
    for (uint64_t at : candidates) {
      if (capacity_ - at % capacity_ < kEntryHeaderBytes) continue;
      const char* h = At(at);
      const uint64_t length = GetFixed32(h + 24);
      if (GetFixed64(h) != epoch_ || GetFixed64(h + 8) != segment || GetFixed64(h + 16) != offset ||
          length > capacity_ - at % capacity_ - kEntryHeaderBytes) {
        continue;
      }
      if (Crc32c(std::string_view(h, 28)) != GetFixed32(h + 28)) continue;
      const std::string_view frames(h + kEntryHeaderBytes, length);
      if (!WholeFrames(frames)) continue;
      if (Status s = visit(segment, offset, frames); !s.ok()) return s;
      const uint64_t next = at + Align8(kEntryHeaderBytes + length);
      walked += next - position;
      position = next;
      offset += length;
      found = true;
      break;
    }
    if (!found) break;
  }
  return Status::Ok();
}

void StagingRing::WriteCheckpoint(uint64_t position, uint64_t segment, uint64_t offset) {
  ++checkpoint_sequence_;
  char* slot = map_ + kSlotOffsets[checkpoint_sequence_ % 2];
  Store64(slot, checkpoint_sequence_);
  Store64(slot + 8, epoch_);
  Store64(slot + 16, position);
  Store64(slot + 24, segment);
  Store64(slot + 32, offset);
  // The CRC last: a kill before it leaves this slot invalid and the other
  // one, one step older, counting (and its entries are still there: space
  // is freed only after this returns).
  std::atomic_signal_fence(std::memory_order_seq_cst);
  Store32(slot + kSlotBytes, Crc32c(std::string_view(slot, kSlotBytes)));
}

void StagingRing::Restart(uint64_t segment, uint64_t offset) {
  epoch_ = NewEpoch();
  if (epoch_ == 0) epoch_ = 1;
  unflushed_.clear();
  flushed_ = head_;
  next_segment_ = segment;
  next_offset_ = offset;
  WriteCheckpoint(head_, segment, offset);
}

bool StagingRing::Fits(uint64_t frames_bytes) const {
  const uint64_t total = Align8(kEntryHeaderBytes + frames_bytes);
  if (total > max_entry_bytes()) return false;
  return EntryStart(head_, total) + total - flushed_ <= capacity_;
}

void StagingRing::Put(uint64_t segment, uint64_t offset, std::string_view frames, uint64_t records,
                      uint64_t anchored) {
  const uint64_t total = Align8(kEntryHeaderBytes + frames.size());
  const uint64_t start = EntryStart(head_, total);
  char* h = At(start);
  Store64(h, epoch_);
  Store64(h + 8, segment);
  Store64(h + 16, offset);
  Store32(h + 24, static_cast<uint32_t>(frames.size()));
  std::memcpy(h + kEntryHeaderBytes, frames.data(), frames.size());
  // The CRC last (see the header): a kill in the middle of the copy leaves
  // an entry that recovery does not take, never one it takes half of.
  std::atomic_signal_fence(std::memory_order_seq_cst);
  Store32(h + 28, Crc32c(std::string_view(h, 28)));
  unflushed_.push_back({start, segment, offset, frames.size(), records, anchored});
  head_ = start + total;
  next_segment_ = segment;
  next_offset_ = offset + frames.size();
}

void StagingRing::MarkWrittenElsewhere(uint64_t segment, uint64_t offset) {
  next_segment_ = segment;
  next_offset_ = offset;
  flushed_ = head_;
  WriteCheckpoint(head_, segment, offset);
}

StagingRing::Batch StagingRing::Unflushed(uint64_t max_bytes) const {
  Batch b;
  for (const Entry& e : unflushed_) {
    if (!b.parts.empty() && (e.segment != b.segment || b.bytes >= max_bytes || b.parts.size() == kMaxParts))
      break;
    if (b.parts.empty()) {
      b.segment = e.segment;
      b.offset = e.offset;
    }
    b.parts.push_back({At(e.start) + kEntryHeaderBytes, e.bytes});
    b.bytes += e.bytes;
    b.records = e.records;
    b.anchored = e.anchored;
  }
  return b;
}

void StagingRing::MarkFlushed(const Batch& b) {
  if (b.parts.empty()) return;
  unflushed_.erase(unflushed_.begin(), unflushed_.begin() + static_cast<ptrdiff_t>(b.parts.size()));
  // The checkpoint names the next unflushed entry, or where the next Put's
  // frames go if none is left.
  if (unflushed_.empty()) {
    WriteCheckpoint(head_, next_segment_, next_offset_);
    flushed_ = head_;
  } else {
    const Entry& e = unflushed_.front();
    WriteCheckpoint(e.start, e.segment, e.offset);
    flushed_ = e.start;
  }
}

}  // namespace nethical::audit
