// RangeCheckpoint: the state of the log's tree before a segment, written
// as the first frame of every segment after the first, so that opening a
// log reads its newest segment instead of every record ever written
// (AuditLog::Open; docs/audit.md, "Recovery").
//
// Payload of a type-3 frame (little-endian), 16 + 32·k bytes:
//   u64 tree_size   u64 anchored   k = popcount(tree_size) peaks, 32 bytes each
// tree_size is the number of records before the segment (its first leaf
// index); the peaks are the CompactRange of those records' leaf hashes
// (the roots of the perfect subtrees that tile them, largest first);
// anchored is the tree size of the newest tree head before the segment
// (0 if none). It is protected by the frame's CRC only: it is not signed,
// because it states nothing the records and signed heads before it do not;
// `nethical audit verify` checks it against them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/audit/compact_range.h"
#include "engine/base/status.h"

namespace nethical::audit {

struct RangeCheckpoint {
  CompactRange range;
  uint64_t anchored = 0;
};

void EncodeRangeCheckpoint(const CompactRange& range, uint64_t anchored, std::string* out);
// DataLoss unless `payload` is exactly one encoding with anchored <= tree_size.
StatusOr<RangeCheckpoint> DecodeRangeCheckpoint(std::string_view payload);

}  // namespace nethical::audit
