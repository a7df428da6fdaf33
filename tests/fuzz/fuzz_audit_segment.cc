// Fuzzes the audit log's reader (engine/audit/log_reader.h): the input is
// written as the only segment file of an audit directory and scanned with
// both tail policies; every frame's payload then goes through the record
// and tree-head decoders. Invariants:
//   * visited frames lie inside the file, in order, after the header, with
//     the payload bytes of the file and record indices counting records;
//   * kStrict succeeds => kRecover succeeds with the same frames, nothing
//     dropped and the whole file valid but a run of zeros at its end (the
//     space the writer allocates ahead of its frames, segment_writer.h);
//   * kStrict's frames are a prefix of kRecover's; kRecover accounts for
//     every byte (the valid prefix, the dropped torn frame, then only
//     zeros) and fails only on a bad header;
//   * the valid prefix kRecover reports scans cleanly under kStrict with
//     the same records (what AuditLog::Open does after truncating);
//   * DecodeRecord, DecodeTreeHead and DecodeRangeCheckpoint, when they
//     accept, re-encode to the exact payload (canonical encodings), and
//     never accept a tree head that is not 112 bytes;
//   * errors are one line.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/audit/audit_record.h"
#include "engine/audit/log_reader.h"
#include "engine/audit/range_checkpoint.h"
#include "engine/audit/segment_format.h"
#include "engine/audit/tree_head.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/temp_file.h"

namespace {

using namespace nethical::audit;

struct Visit {
  FrameType type;
  std::string payload;
  uint64_t offset;
  uint64_t record_index;
  bool operator==(const Visit&) const = default;
};

struct Scan {
  nethical::Status status;
  std::vector<Visit> visits;
  ScanTail tail;
};

Scan RunScan(const std::string& dir, TailPolicy policy, std::string_view file) {
  Scan scan;
  uint64_t records = 0;
  uint64_t next_offset = kSegmentHeaderSize;
  scan.status = ScanLog(
      dir, policy,
      [&](const FrameVisit& f) {
        FUZZ_CHECK(f.offset >= next_offset, "frames out of order or overlapping");
        FUZZ_CHECK(f.offset + kFrameHeaderSize + f.payload.size() <= file.size(),
                   "a frame runs past the file");
        FUZZ_CHECK(f.payload == file.substr(f.offset + kFrameHeaderSize, f.payload.size()),
                   "the payload is not the file's bytes");
        FUZZ_CHECK(f.record_index == records, "record_index does not count the records before");
        FUZZ_CHECK(IsFrameType(static_cast<uint8_t>(f.type)), "unknown frame type visited");
        next_offset = f.offset + kFrameHeaderSize + f.payload.size();
        if (f.type == FrameType::kRecord) ++records;
        scan.visits.push_back({f.type, std::string(f.payload), f.offset, f.record_index});
        return nethical::Status::Ok();
      },
      &scan.tail);
  if (scan.status.ok()) {
    FUZZ_CHECK(scan.tail.records == records, "tail.records differs from the records visited");
  } else {
    FUZZ_CHECK(nethical::fuzz::IsOneLineMessage(scan.status.message()),
               "error message is not one line: " + scan.status.message());
  }
  return scan;
}

void CheckPayloadDecoders(const Visit& v) {
  if (v.type == FrameType::kRecord) {
    auto record = DecodeRecord(v.payload);
    if (!record.ok()) return;
    std::string again;
    EncodeRecord(*record, &again);
    FUZZ_CHECK(again == v.payload, "DecodeRecord accepted a non-canonical record encoding");
  } else if (v.type == FrameType::kRangeCheckpoint) {
    auto checkpoint = DecodeRangeCheckpoint(v.payload);
    if (!checkpoint.ok()) return;
    FUZZ_CHECK(checkpoint->anchored <= checkpoint->range.size(), "a checkpoint anchors more than it holds");
    std::string again;
    EncodeRangeCheckpoint(checkpoint->range, checkpoint->anchored, &again);
    FUZZ_CHECK(again == v.payload, "a range checkpoint does not re-encode to its payload");
  } else {
    auto head = DecodeTreeHead(v.payload);
    FUZZ_CHECK(head.ok() == (v.payload.size() == kTreeHeadPayloadSize), "tree head size check is wrong");
    if (!head.ok()) return;
    std::string again;
    EncodeTreeHead(*head, &again);
    FUZZ_CHECK(again == v.payload, "a tree head does not re-encode to its payload");
  }
}

// True when `file` holds only zero bytes from `offset` to its end (and
// offset is inside it or at its end).
bool ZerosFrom(std::string_view file, uint64_t offset) {
  return offset <= file.size() && file.find_first_not_of('\0', offset) == std::string_view::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  const std::string_view file(reinterpret_cast<const char*>(data), size);
  const std::string dir = nethical::fuzz::ScratchDir() + "/audit";
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);
  const std::string segment = dir + "/" + SegmentFileName(0);
  nethical::fuzz::WriteFileOrDie(segment, file);

  const Scan strict = RunScan(dir, TailPolicy::kStrict, file);
  const Scan recover = RunScan(dir, TailPolicy::kRecover, file);

  FUZZ_CHECK(strict.visits.size() <= recover.visits.size() &&
                 std::equal(strict.visits.begin(), strict.visits.end(), recover.visits.begin()),
             "kStrict's frames are not a prefix of kRecover's");
  if (strict.status.ok()) {
    FUZZ_CHECK(recover.status.ok(), "kRecover failed where kStrict passed");
    FUZZ_CHECK(recover.visits == strict.visits, "kRecover visited other frames than kStrict");
    FUZZ_CHECK(recover.tail.dropped_bytes == 0 && ZerosFrom(file, recover.tail.valid_bytes),
               "a clean log reported a torn tail");
    FUZZ_CHECK(ZerosFrom(file, strict.tail.valid_bytes),
               "kStrict did not take the whole file but its zero tail as valid");
  }
  if (!recover.status.ok()) {
    FUZZ_CHECK(size >= kSegmentHeaderSize, "kRecover failed on a partial header it should drop");
    return 0;
  }
  FUZZ_CHECK(ZerosFrom(file, recover.tail.valid_bytes + recover.tail.dropped_bytes),
             "kRecover's valid and dropped bytes and a zero tail do not make up the file");
  FUZZ_CHECK(recover.tail.dropped_bytes == 0 || !recover.tail.reason.empty(),
             "dropped bytes without a reason");

  for (const Visit& v : recover.visits) CheckPayloadDecoders(v);

  // Recovery truncates to the valid prefix; that must then scan cleanly.
  if (recover.tail.valid_bytes >= kSegmentHeaderSize) {
    const std::string_view prefix = file.substr(0, recover.tail.valid_bytes);
    nethical::fuzz::WriteFileOrDie(segment, prefix);
    const Scan truncated = RunScan(dir, TailPolicy::kStrict, prefix);
    FUZZ_CHECK(truncated.status.ok(),
               "the recovered prefix fails a strict scan: " + truncated.status.message());
    FUZZ_CHECK(truncated.visits == recover.visits, "the recovered prefix holds other frames");
  }
  return 0;
}
