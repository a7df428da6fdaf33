#include "engine/audit/log_appender.h"

#include "engine/audit/segment_format.h"
#include "engine/audit/tree_head.h"

namespace nethical::audit {

void LogAppender::Resume(CompactRange range, uint64_t anchored) {
  range_ = std::move(range);
  anchored_ = anchored;
}

void LogAppender::AddRecord(std::string_view record_bytes, const Hash& leaf) {
  range_.Append(leaf);
  AppendFrame(FrameType::kRecord, record_bytes, &buffer_);
}

void LogAppender::AddRecordFrame(std::string_view frame, const Hash& leaf) {
  range_.Append(leaf);
  buffer_.append(frame);
}

Status LogAppender::Anchor(const TreeHeadSigner& signer) {
  if (pending() == 0) return Status::Ok();
  TreeHead head;
  head.tree_size = range_.size();
  head.root = range_.Root();
  head.timestamp_ns = clock_.WallNanos();
  if (Status s = signer.Sign(&head); !s.ok()) return s;
  head_payload_.clear();
  EncodeTreeHead(head, &head_payload_);
  AppendFrame(FrameType::kTreeHead, head_payload_, &buffer_);
  anchored_ = head.tree_size;
  return Status::Ok();
}

}  // namespace nethical::audit
