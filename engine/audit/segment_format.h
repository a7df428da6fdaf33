// On-disk format of the audit log's segment files.
//
// A region's audit directory holds segment-<first leaf index, 20 digits>.log
// files. Each starts with a 20-byte header:
//   "NETHAUD1" (8)   u64 first leaf index   u32 CRC-32C of the 16 bytes before
// followed by frames, back to back:
//   u32 payload length   u32 CRC-32C of (type byte || payload)   u8 type   payload
// Type 1 is an audit record (see audit_record.h); type 2 a signed tree head
// (tree_head.h) covering exactly the records before it in the log; type 3
// a range checkpoint (range_checkpoint.h), the first frame of every segment
// after the first: the tree of the records before the segment. All
// integers are little-endian. Pure functions; the writer and the readers
// (recovery, `audit verify`) share them so the format lives in one place.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace nethical::audit {

enum class FrameType : uint8_t { kRecord = 1, kTreeHead = 2, kRangeCheckpoint = 3 };
// True for the type byte of a FrameType.
inline constexpr bool IsFrameType(uint8_t type) {
  return type >= static_cast<uint8_t>(FrameType::kRecord) &&
         type <= static_cast<uint8_t>(FrameType::kRangeCheckpoint);
}

inline constexpr std::string_view kSegmentMagic = "NETHAUD1";
inline constexpr size_t kSegmentHeaderSize = 20;
inline constexpr size_t kFrameHeaderSize = 9;

std::string SegmentFileName(uint64_t first_index);
// True and sets *first_index if `name` is a segment file name.
bool ParseSegmentFileName(std::string_view name, uint64_t* first_index);

void AppendSegmentHeader(uint64_t first_index, std::string* out);
// False unless `bytes` starts with a valid header.
bool ParseSegmentHeader(std::string_view bytes, uint64_t* first_index);

void AppendFrame(FrameType type, std::string_view payload, std::string* out);
// `frame` holds kFrameHeaderSize bytes of any value, then the payload:
// writes the header over them (a frame built in place, without a copy).
void FinishFrame(FrameType type, std::string* frame);

enum class FrameStatus {
  kOk,
  kEnd,        // no bytes left
  kTruncated,  // the frame runs past the end of the data
  kCorrupt,    // checksum mismatch or unknown type
};

struct Frame {
  FrameType type;
  std::string_view payload;
  size_t size;  // header + payload
};

// Parses the frame at the start of `data`.
FrameStatus ParseFrame(std::string_view data, Frame* frame);

}  // namespace nethical::audit
