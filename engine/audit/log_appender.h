// LogAppender: the audit writer's CPU work for each record and anchor,
// with no I/O and no threads, so the writer and the benchmarks run the
// same code.
//
//   LogAppender appender(clock);
//   appender.AddRecord(record_bytes);     // leaf hash, compact range, framed
//   if (appender.pending() >= 100) appender.Anchor(signer);  // signed head, framed
//   write(fd, appender.buffer().data(), ...); appender.buffer().clear();
//
// Each record costs one leaf hash, amortised one node hash and a CRC-32C;
// each anchor O(log n) node hashes plus one Ed25519 signature. Not
// thread-safe: one owner.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/audit/compact_range.h"
#include "engine/audit/merkle_hash.h"
#include "engine/audit/tree_head_signer.h"
#include "engine/base/clock.h"
#include "engine/base/status.h"

namespace nethical::audit {

class LogAppender {
 public:
  explicit LogAppender(const Clock& clock) : clock_(clock) {}

  // Continues a log whose records hash to `range` and whose newest head
  // covers the first `anchored` of them.
  void Resume(CompactRange range, uint64_t anchored);

  // Appends the record's frame to buffer() and its leaf to the tree.
  void AddRecord(std::string_view record_bytes) { AddRecord(record_bytes, LeafHash(record_bytes)); }
  // The same with the leaf hash computed by the caller (the audit log's
  // appenders hash their records in parallel, before the write lock).
  // REQUIRES: leaf == LeafHash(record_bytes).
  void AddRecord(std::string_view record_bytes, const Hash& leaf);
  // The same with the record's whole frame built by the caller too
  // (FinishFrame), so that its CRC is not computed here.
  // REQUIRES: `frame` is one record frame and leaf is its payload's LeafHash.
  void AddRecordFrame(std::string_view frame, const Hash& leaf);
  // Appends a signed head over every record added so far to buffer(); does
  // nothing if pending() == 0.
  Status Anchor(const TreeHeadSigner& signer);

  uint64_t size() const { return range_.size(); }
  // The tree of every record added so far.
  const CompactRange& range() const { return range_; }
  uint64_t anchored() const { return anchored_; }
  uint64_t pending() const { return range_.size() - anchored_; }
  // Frames not yet written out; the owner writes and clears it.
  std::string& buffer() { return buffer_; }

 private:
  const Clock& clock_;
  CompactRange range_;
  uint64_t anchored_ = 0;
  std::string buffer_;
  std::string head_payload_;
};

}  // namespace nethical::audit
