#include "engine/audit/log_reader.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "engine/audit/file_io.h"

namespace nethical::audit {
namespace {

namespace fs = std::filesystem;

std::string Where(const SegmentFile& seg, uint64_t offset) {
  return fs::path(seg.path).filename().string() + " offset " + std::to_string(offset);
}

// The offset of the first frame at or after `from` that parses with a good
// checksum, or 0 if there is none. A torn write leaves only a prefix of one
// frame, so a valid frame after a bad one means the bad bytes are damage in
// the middle of the log, not a torn tail.
uint64_t NextValidFrame(std::string_view bytes, uint64_t from) {
  for (uint64_t at = from; at + kFrameHeaderSize <= bytes.size(); ++at) {
    if (!IsFrameType(static_cast<uint8_t>(bytes[at + 8]))) continue;
    Frame frame;
    if (ParseFrame(bytes.substr(at), &frame) == FrameStatus::kOk) return at;
  }
  return 0;
}

// The length of `bytes` without its trailing zero bytes.
uint64_t NonZeroLength(std::string_view bytes) {
  const size_t last = bytes.find_last_not_of('\0');
  return last == std::string_view::npos ? 0 : last + 1;
}

}  // namespace

StatusOr<std::vector<SegmentFile>> ListSegments(const std::string& audit_dir) {
  std::error_code ec;
  if (!fs::is_directory(audit_dir, ec)) {
    return NotFound("audit directory " + audit_dir + " does not exist");
  }
  std::vector<SegmentFile> segments;
  for (const auto& entry : fs::directory_iterator(audit_dir, ec)) {
    uint64_t first = 0;
    if (ParseSegmentFileName(entry.path().filename().string(), &first)) {
      segments.push_back({first, entry.path().string()});
    }
  }
  if (ec) return IoError("cannot list " + audit_dir + ": " + ec.message());
  std::sort(segments.begin(), segments.end(),
            [](const SegmentFile& a, const SegmentFile& b) { return a.first_index < b.first_index; });
  return segments;
}

Status ScanLog(const std::string& audit_dir, TailPolicy policy,
               const std::function<Status(const FrameVisit&)>& visit, ScanTail* tail) {
  auto segments = ListSegments(audit_dir);
  if (!segments.ok()) return segments.status();
  return ScanSegments(*segments, ScanStart(), policy, visit, tail);
}

StatusOr<std::optional<CheckpointedStart>> FindNewestCheckpoint(const std::vector<SegmentFile>& segments) {
  // A segment header, then the largest checkpoint frame (64 peaks).
  constexpr size_t kPrefix = kSegmentHeaderSize + kFrameHeaderSize + 16 + 64 * kHashSize;
  std::string prefix;
  for (size_t i = segments.size(); i-- > 1;) {
    const SegmentFile& seg = segments[i];
    if (Status s = ReadFileInto(seg.path, &prefix, kPrefix); !s.ok()) return s;
    const std::string_view bytes = prefix;
    uint64_t header_index = 0;
    Frame frame;
    if (!ParseSegmentHeader(bytes, &header_index) || header_index != seg.first_index ||
        ParseFrame(bytes.substr(kSegmentHeaderSize), &frame) != FrameStatus::kOk ||
        frame.type != FrameType::kRangeCheckpoint) {
      continue;
    }
    auto checkpoint = DecodeRangeCheckpoint(frame.payload);
    if (!checkpoint.ok() || checkpoint->range.size() != seg.first_index) continue;
    return std::optional<CheckpointedStart>(CheckpointedStart{{i, seg.first_index}, std::move(*checkpoint)});
  }
  return std::optional<CheckpointedStart>();
}

Status ScanSegments(const std::vector<SegmentFile>& segments, ScanStart start, TailPolicy policy,
                    const std::function<Status(const FrameVisit&)>& visit, ScanTail* tail) {
  *tail = ScanTail();
  uint64_t records = start.records;
  std::string data;  // one buffer for every segment (file_io.h: ReadFileInto)
  for (size_t i = start.segment; i < segments.size(); ++i) {
    const SegmentFile& seg = segments[i];
    const bool last = i + 1 == segments.size();
    const bool tolerate = last && policy == TailPolicy::kRecover;
    if (Status s = ReadFileInto(seg.path, &data); !s.ok()) return s;
    const std::string_view bytes = data;
    if (last) tail->last_segment = seg.path;

    uint64_t header_index = 0;
    if (!ParseSegmentHeader(bytes, &header_index)) {
      if (tolerate && bytes.size() < kSegmentHeaderSize) {
        // Killed while creating the segment: nothing in it was ever written.
        tail->valid_bytes = 0;
        tail->dropped_bytes = bytes.size();
        tail->reason = "partial segment header";
        break;
      }
      return DataLoss("segment " + Where(seg, 0) + ": bad segment header");
    }
    if (header_index != seg.first_index) {
      return DataLoss("segment " + Where(seg, 0) + ": header says first record " +
                      std::to_string(header_index) + ", file name says " + std::to_string(seg.first_index));
    }
    if (seg.first_index != records) {
      return DataLoss("segment " + Where(seg, 0) + " starts at record " + std::to_string(seg.first_index) +
                      " but " + std::to_string(records) + " records precede it (a segment was " +
                      (seg.first_index > records ? "deleted)" : "duplicated or inserted)"));
    }
    uint64_t offset = kSegmentHeaderSize;
    // Zeros from a frame boundary to the end are space the writer
    // allocated ahead of its frames (segment_writer.h), not data.
    const uint64_t end = NonZeroLength(bytes);
    while (true) {
      Frame frame;
      const FrameStatus fs = ParseFrame(bytes.substr(offset), &frame);
      if (fs == FrameStatus::kEnd) break;
      if (fs != FrameStatus::kOk && end <= offset) break;
      if (fs != FrameStatus::kOk) {
        const char* why = fs == FrameStatus::kTruncated ? "truncated frame" : "checksum mismatch";
        if (tolerate) {
          if (const uint64_t next = NextValidFrame(bytes.substr(0, end), offset + 1); next != 0) {
            return DataLoss("record " + std::to_string(records) + " or the tree head after it (" +
                            Where(seg, offset) + "): " + why + ", but a valid frame follows at offset " +
                            std::to_string(next) +
                            ": this is corruption, not a torn tail, and nothing was truncated");
          }
          tail->dropped_bytes = end - offset;  // the torn frame, without the zeros after it
          // One partial frame: a record unless its type byte says head or
          // checkpoint.
          const uint8_t type = bytes.size() > offset + 8 ? static_cast<uint8_t>(bytes[offset + 8]) : 0;
          const bool not_record = type == static_cast<uint8_t>(FrameType::kTreeHead) ||
                                  type == static_cast<uint8_t>(FrameType::kRangeCheckpoint);
          tail->dropped_records = not_record ? 0 : 1;
          tail->reason = std::string(why) + " at " + Where(seg, offset);
          break;
        }
        return DataLoss("record " + std::to_string(records) + " or the tree head after it (" +
                        Where(seg, offset) + "): " + why);
      }
      const FrameVisit v{frame.type, frame.payload, &seg, offset, records};
      if (Status s = visit(v); !s.ok()) return s;
      if (frame.type == FrameType::kRecord) ++records;
      offset += frame.size;
    }
    if (last) tail->valid_bytes = offset;
  }
  tail->records = records;
  return Status::Ok();
}

}  // namespace nethical::audit
