// StagingRing: where the audit log acknowledges records. A fixed-size file
// (<audit dir>/staging.ring) mapped MAP_SHARED and kept in memory: an
// appender's frames are copied into it (in the page cache once the copy
// ran, so a killed process loses nothing acknowledged), and the audit
// log's background thread later writes them to the segment with one
// pwritev per up to kFlushChunk bytes. The ring's pages are reused, so
// acknowledging a record costs a copy and no page fault; the segment's
// fresh pages are filled by large writes (docs/audit.md, "The staging
// ring").
//
//   auto ring = StagingRing::Open(dir + "/staging.ring");
//   ring->ForEachUnflushed(replay);          // recovery: frames not in a segment yet
//   ring->Restart(segment, offset);          // a new epoch; entries go to (segment, offset)
//   if (!ring->Put(segment, offset, frames)) { /* flush first */ }
//   StagingRing::Batch b = ring->Unflushed(kFlushChunk);   // the views stay valid
//   pwritev(fd, b.parts, b.offset); ring->MarkFlushed(b); // until MarkFlushed
//
// Layout. A 4 KiB header page: "NETHRING" (8), u64 capacity, u32 CRC-32C
// of those 16 bytes; at 64 and 128 two checkpoint slots of
//   u64 sequence  u64 epoch  u64 ring position  u64 segment  u64 offset
//   u32 CRC-32C of the 40 bytes before
// naming the first entry not yet written to a segment, its place in the
// log (segment = the segment's first leaf index, offset in that file) and
// the epoch it belongs to; the slot with the valid CRC and the higher
// sequence counts (a kill in the middle of a slot's update leaves the
// other). Then the data area, entries back to back, 8-byte aligned:
//   u64 epoch  u64 segment  u64 offset  u32 length  u32 CRC-32C of the 28
//   bytes before it   payload (whole frames, each with its own CRC-32C)
// The CRC is stored last, after the payload: a kill in the middle of a
// copy leaves an entry whose CRC does not match (the frames' own CRCs
// cover the payload, which recovery checks too, for a power loss that
// kept the header's page and not the payload's). An entry never wraps: one
// that does not fit before the end of the data area starts at its
// beginning.
//
// Recovery walks from the checkpoint: each entry must carry the
// checkpoint's epoch (random per Restart, so a stale entry from an earlier
// run, or bytes inside an older entry's payload, are never taken for a new
// one), a valid CRC, whole valid frames, and the place right after the
// previous entry's.
// Not thread-safe: the owner's lock; Batch views may be written out
// without it, as Put never overwrites bytes not marked flushed.
#pragma once

#include <sys/uio.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"

namespace nethical::audit {

inline constexpr std::string_view kStagingRingFile = "staging.ring";

class StagingRing {
 public:
  static constexpr uint64_t kDefaultBytes = 8 << 20;
  static constexpr uint64_t kHeaderBytes = 4096;
  static constexpr uint64_t kEntryHeaderBytes = 32;
  // Frames larger than this bypass the ring (the owner writes them to the
  // segment directly after flushing the ring).
  uint64_t max_entry_bytes() const { return capacity_ / 4; }

  // Opens `path`, or creates it (`bytes` long, written through a temporary
  // file and a rename, fsynced) if it does not exist. A ring whose header
  // is damaged is an error (DataLoss naming the file), never recreated.
  static StatusOr<std::unique_ptr<StagingRing>> Open(const std::string& path, uint64_t bytes = kDefaultBytes);
  // Maps an existing ring read-only (`nethical audit verify`): only
  // ForEachUnflushed may be called; nothing in the file changes.
  static StatusOr<std::unique_ptr<StagingRing>> OpenForReading(const std::string& path);
  ~StagingRing();
  StagingRing(const StagingRing&) = delete;
  StagingRing& operator=(const StagingRing&) = delete;

  // Recovery: calls `visit` with each entry after the checkpoint, in order
  // (a new ring has none). Stops at the first entry that is not the next
  // one; returns visit's first error.
  using EntryVisitor = std::function<Status(uint64_t segment, uint64_t offset, std::string_view frames)>;
  Status ForEachUnflushed(const EntryVisitor& visit) const;

  // Forgets every entry (a new epoch) and names where the next one goes.
  void Restart(uint64_t segment, uint64_t offset);

  // Whether an entry of `frames_bytes` fits now (false: flush first).
  bool Fits(uint64_t frames_bytes) const;
  // Copies `frames` as the next entry; `records` and `anchored` are the
  // owner's counts once they are in the segment (given back by Batch).
  // REQUIRES: Fits(frames.size()), and (segment, offset) right after the
  // previous entry's frames or at the place Restart /
  // MarkWrittenElsewhere named.
  void Put(uint64_t segment, uint64_t offset, std::string_view frames, uint64_t records, uint64_t anchored);
  // Frames were written to the segment without the ring (too large for it,
  // or durability always): the next entry goes to (segment, offset).
  // REQUIRES: nothing unflushed.
  void MarkWrittenElsewhere(uint64_t segment, uint64_t offset);

  // The oldest entries not yet flushed, up to about `max_bytes` of frames
  // (at least one entry) and at most IOV_MAX parts, all of one segment.
  struct Batch {
    std::vector<iovec> parts;
    uint64_t segment = 0;
    uint64_t offset = 0;                 // where parts[0] goes in that segment
    uint64_t bytes = 0;                  // frames in parts
    uint64_t records = 0, anchored = 0;  // the last entry's counts (Put)
  };
  Batch Unflushed(uint64_t max_bytes) const;
  // The batch is in its segment: its space is free, and the checkpoint
  // names the entry after it. REQUIRES: b is Unflushed()'s oldest batch.
  void MarkFlushed(const Batch& b);

  uint64_t unflushed_bytes() const { return head_ - flushed_; }
  bool empty() const { return head_ == flushed_; }
  const std::string& path() const { return path_; }

 private:
  struct Entry {
    uint64_t start;  // ring position of its header
    uint64_t segment, offset, bytes;
    uint64_t records, anchored;
  };
  StagingRing(std::string path, int fd, char* map, uint64_t capacity);
  static StatusOr<std::unique_ptr<StagingRing>> Map(const std::string& path, bool writable);
  void WriteCheckpoint(uint64_t position, uint64_t segment, uint64_t offset);
  char* At(uint64_t position) const { return data_ + position % capacity_; }
  // Where an entry of `total` bytes starts if the previous one ended at
  // `position` (skips to the start of the data area if it would wrap).
  uint64_t EntryStart(uint64_t position, uint64_t total) const;

  const std::string path_;
  int fd_;
  char* map_;          // the whole file
  char* data_;         // map_ + kHeaderBytes
  uint64_t capacity_;  // bytes in the data area
  uint64_t epoch_ = 0;
  uint64_t checkpoint_sequence_ = 0;
  // Positions count bytes of the data area ever used (monotonic); the
  // byte is at position % capacity_.
  uint64_t head_ = 0;                            // after the newest entry
  uint64_t flushed_ = 0;                         // start of the oldest unflushed entry
  uint64_t next_segment_ = 0, next_offset_ = 0;  // where the next entry's frames go
  std::deque<Entry> unflushed_;
};

}  // namespace nethical::audit
