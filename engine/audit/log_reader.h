// ScanLog: reads a region's audit directory frame by frame, in log order,
// checking segment headers, segment continuity and frame checksums. Shared
// by recovery (AuditLog::Open) and every `audit` tool subcommand.
//
//   Status s = ScanLog(dir, TailPolicy::kStrict, [&](const FrameVisit& f) {
//     ...; return Status::Ok();   // a non-OK Status stops the scan and is returned
//   }, &tail);
//
// Errors are DataLoss Statuses that name the segment file and byte offset
// of the first bad byte and, for frames, the index of the record it would
// have been.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/audit/range_checkpoint.h"
#include "engine/audit/segment_format.h"
#include "engine/base/status.h"

namespace nethical::audit {

struct SegmentFile {
  uint64_t first_index = 0;
  std::string path;
};

// Segment files of `audit_dir`, ordered by first leaf index. An empty list
// if the directory has none; NotFound if the directory does not exist.
StatusOr<std::vector<SegmentFile>> ListSegments(const std::string& audit_dir);

struct FrameVisit {
  FrameType type;
  std::string_view payload;
  const SegmentFile* segment;
  uint64_t offset;        // of the frame header within the segment
  uint64_t record_index;  // records before this frame in the whole log
};

// In every policy a run of zero bytes from a frame boundary to the end of
// a segment ends that segment's frames: the writer allocates the file
// ahead of its frames (segment_writer.h), and an active or crashed
// segment ends in zeros until it is rolled, closed or recovered.
enum class TailPolicy {
  kStrict,  // any other bad or partial byte is an error
  // A bad or partial frame in the LAST segment ends the scan (a torn tail)
  // only if no frame with a good checksum starts anywhere after it; if one
  // does, the damage is corruption and the scan fails with DataLoss like
  // kStrict. A torn write leaves a prefix of one frame, never a valid
  // frame after the damage.
  kRecover,
};

struct ScanTail {
  std::string last_segment;      // empty if the log has no segment
  uint64_t valid_bytes = 0;      // length of the last segment's valid prefix
  uint64_t dropped_bytes = 0;    // bytes of the torn frame after it (not the zeros after that), kRecover only
  uint64_t dropped_records = 0;  // partial record frames in those bytes (0 or 1)
  std::string reason;            // why the tail was dropped
  uint64_t records = 0;          // records in the valid log
};

Status ScanLog(const std::string& audit_dir, TailPolicy policy,
               const std::function<Status(const FrameVisit&)>& visit, ScanTail* tail);

// Where a scan of a segment list starts: the segments before index
// `segment` are not read, and `records` records precede it.
struct ScanStart {
  size_t segment = 0;
  uint64_t records = 0;
};

// ScanLog over `segments` (as ListSegments returns them) from `start`;
// tail->records counts the records before it too.
Status ScanSegments(const std::vector<SegmentFile>& segments, ScanStart start, TailPolicy policy,
                    const std::function<Status(const FrameVisit&)>& visit, ScanTail* tail);

// The newest segment after the first whose first frame is a range
// checkpoint (range_checkpoint.h) for exactly the records before it, and
// that checkpoint; reads only the first frame of each segment it tries,
// newest first. A segment without a valid one (written before checkpoints
// existed, or created by a process killed before it finished the frame)
// is passed over for an older one. nullopt if there is none: then a scan
// starts at the first segment.
struct CheckpointedStart {
  ScanStart start;
  RangeCheckpoint checkpoint;
};
StatusOr<std::optional<CheckpointedStart>> FindNewestCheckpoint(const std::vector<SegmentFile>& segments);

}  // namespace nethical::audit
