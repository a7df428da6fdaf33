#include "engine/audit/log_verifier.h"

#include <algorithm>
#include <filesystem>

#include "engine/audit/audit_record.h"
#include "engine/audit/compact_range.h"
#include "engine/audit/log_reader.h"
#include "engine/audit/range_checkpoint.h"
#include "engine/audit/segment_format.h"
#include "engine/audit/staging_ring.h"
#include "engine/audit/tree_head_signer.h"

namespace nethical::audit {
namespace {

std::string Where(const FrameVisit& f) {
  return std::filesystem::path(f.segment->path).filename().string() + " offset " + std::to_string(f.offset);
}

// Bytes of the frames the staging ring holds after the last segment's
// valid frames (0 without a ring: a log written before it).
Status CountStagedBytes(const std::string& audit_dir, const ScanTail& tail, uint64_t* staged) {
  *staged = 0;
  const std::string path = audit_dir + "/" + std::string(kStagingRingFile);
  if (!std::filesystem::exists(path)) return Status::Ok();
  auto ring = StagingRing::OpenForReading(path);
  if (!ring.ok()) return ring.status();
  uint64_t last = 0;
  ParseSegmentFileName(std::filesystem::path(tail.last_segment).filename().string(), &last);
  return (*ring)->ForEachUnflushed([&](uint64_t segment, uint64_t offset, std::string_view frames) {
    if (segment == last && offset + frames.size() > tail.valid_bytes) {
      *staged += offset + frames.size() - std::max(offset, tail.valid_bytes);
    }
    return Status::Ok();
  });
}

// A range checkpoint must state exactly the tree of the records before it
// and the newest head before it: what opening the log trusts it for.
Status CheckRangeCheckpoint(const FrameVisit& f, const CompactRange& range, uint64_t anchored) {
  const std::string name = "range checkpoint (" + Where(f) + ")";
  auto checkpoint = DecodeRangeCheckpoint(f.payload);
  if (!checkpoint.ok()) return DataLoss(name + ": " + checkpoint.status().message());
  if (checkpoint->range.size() != f.record_index) {
    return DataLoss(name + " stands for " + std::to_string(checkpoint->range.size()) + " records but " +
                    std::to_string(f.record_index) + " precede it");
  }
  if (!(checkpoint->range == range)) {
    return DataLoss(name + ": its tree does not match records 0.." + std::to_string(f.record_index - 1) +
                    " (opening the log would continue a wrong tree)");
  }
  if (checkpoint->anchored != anchored) {
    return DataLoss(name + " says the newest tree head before it covers " +
                    std::to_string(checkpoint->anchored) + " records, but it covers " +
                    std::to_string(anchored));
  }
  return Status::Ok();
}

}  // namespace

Status VerifyLog(const std::string& audit_dir, const std::string& public_key_path, VerifyReport* report,
                 bool live) {
  *report = VerifyReport();
  auto verifier = TreeHeadVerifier::Load(public_key_path);
  if (!verifier.ok()) return verifier.status();
  // The records' tree as the writer grows it: O(log n) memory however long
  // the log.
  CompactRange range;
  bool have_head = false;
  TreeHead previous;
  uint64_t segments = 0;  // with a frame
  const SegmentFile* segment = nullptr;
  ScanTail tail;
  Status s = ScanLog(
      audit_dir, live ? TailPolicy::kRecover : TailPolicy::kStrict,
      [&](const FrameVisit& f) -> Status {
        if (f.segment != segment) {
          segment = f.segment;
          ++segments;
        }
        if (f.type == FrameType::kRecord) {
          if (auto r = DecodeRecord(f.payload); !r.ok()) {
            return DataLoss("record " + std::to_string(f.record_index) + " (" + Where(f) +
                            "): " + r.status().message());
          }
          range.Append(LeafHash(f.payload));
          return Status::Ok();
        }
        if (f.type == FrameType::kRangeCheckpoint) {
          return CheckRangeCheckpoint(f, range, have_head ? previous.tree_size : 0);
        }
        const std::string name = "tree head " + std::to_string(report->heads) + " (" + Where(f) + ")";
        auto head = DecodeTreeHead(f.payload);
        if (!head.ok()) return DataLoss(name + ": " + head.status().message());
        if (head->tree_size != f.record_index) {
          return DataLoss(name + " covers " + std::to_string(head->tree_size) + " records but " +
                          std::to_string(f.record_index) +
                          " precede it (records were deleted, inserted or the head moved)");
        }
        if (head->root != range.Root()) {
          return DataLoss(name + ": root " + ToHex(head->root) + " does not match records 0.." +
                          std::to_string(head->tree_size - 1) + " (a record was changed or reordered)");
        }
        if (Status sig = (*verifier)->Verify(*head); !sig.ok()) {
          return DataLoss(name + ": signature does not verify with " + public_key_path);
        }
        // Each head's root is the root of the records before it, so every
        // two heads are consistent (an RFC 6962 consistency proof between
        // them verifies) once each matches; what is left is that the tree
        // grows.
        if (have_head && head->tree_size <= previous.tree_size) {
          return DataLoss(name + " has tree size " + std::to_string(head->tree_size) +
                          ", not above the previous head's " + std::to_string(previous.tree_size));
        }
        previous = *head;
        have_head = true;
        ++report->heads;
        return Status::Ok();
      },
      &tail);
  if (!s.ok()) return s;
  report->records = tail.records;
  report->segments = segments;
  if (tail.last_segment.empty()) return NotFound("no audit segments in " + audit_dir);
  if (Status st = CountStagedBytes(audit_dir, tail, &report->staged_bytes); !st.ok()) return st;
  const uint64_t anchored = have_head ? previous.tree_size : 0;
  if (live) {
    report->unanchored = tail.records - anchored;
    report->incomplete_bytes = tail.dropped_bytes;
    return Status::Ok();
  }
  if (tail.records > anchored) {
    return DataLoss("records " + std::to_string(anchored) + ".." + std::to_string(tail.records - 1) +
                    " are not covered by any tree head (the log was cut off after its last head, "
                    "or a writer crashed and has not recovered yet" +
                    (report->staged_bytes > 0
                         ? ": its staging ring holds " + std::to_string(report->staged_bytes) +
                               " bytes of frames more, which opening the log writes and anchors"
                         : std::string()) +
                    ")");
  }
  return Status::Ok();
}

}  // namespace nethical::audit
