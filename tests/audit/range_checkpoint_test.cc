// Range checkpoints (engine/audit/range_checkpoint.h): every segment after
// the first starts with the tree of the records before it, opening a log
// reads from the newest such segment only, and `audit verify` checks each
// checkpoint against the records and heads before it.
#include "engine/audit/range_checkpoint.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/audit/audit_log.h"
#include "engine/audit/log_reader.h"
#include "engine/audit/log_verifier.h"
#include "engine/audit/segment_format.h"
#include "engine/audit/tree_head.h"
#include "engine/audit/tree_head_signer.h"
#include "tests/audit/audit_test_util.h"
#include "tests/testing/fake_clock.h"

namespace nethical::audit {
namespace {

using testing::NewTempDir;
using testing::RawFrame;
using testing::ReadFile;
using testing::ReadFrames;
using testing::SampleRecord;
using testing::WriteFile;

constexpr uint64_t kRecords = 500;

// A tree head every 50 records and a segment every ~4 KiB: about ten
// segments for kRecords records.
AuditConfig SmallSegments() {
  AuditConfig config = testing::ConfigWithBatch(50);
  config.segment_bytes = 4096;
  return config;
}

// storage/r/audit holding kRecords records over several segments, closed.
std::string WriteRolledLog(const std::string& storage) {
  FakeClock clock;
  auto log = AuditLog::Open(storage, "r", SmallSegments(), clock);
  EXPECT_TRUE(log.ok()) << log.status().message();
  for (uint64_t i = 0; i < kRecords; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  return storage + "/r/audit";
}

Status Verify(const std::string& dir) {
  VerifyReport report;
  return VerifyLog(dir, dir + "/" + kPublicKeyFile, &report);
}

// The first frame of the newest segment: its checkpoint.
RawFrame NewestCheckpoint(const std::string& dir) {
  const std::string newest = ListSegments(dir)->back().path;
  for (const RawFrame& f : ReadFrames(dir)) {
    if (f.segment == newest) return f;
  }
  ADD_FAILURE() << "no frame in " << newest;
  return {};
}

// Rewrites the frame `f` in its segment with `payload` and a valid CRC.
void ReplaceFrame(const RawFrame& f, const std::string& payload) {
  std::string frame;
  AppendFrame(f.type, payload, &frame);
  ASSERT_EQ(frame.size(), f.size);
  std::string data = ReadFile(f.segment);
  data.replace(f.offset, f.size, frame);
  WriteFile(f.segment, data);
}

TEST(RangeCheckpointTest, EncodingRoundTrips) {
  CompactRange range;
  for (uint64_t i = 0; i < 13; ++i) range.Append(LeafHash(std::to_string(i)));
  std::string payload;
  EncodeRangeCheckpoint(range, 10, &payload);
  EXPECT_EQ(payload.size(), 16 + 3 * kHashSize);  // 13 = 0b1101: three peaks
  auto decoded = DecodeRangeCheckpoint(payload);
  ASSERT_TRUE(decoded.ok()) << decoded.status().message();
  EXPECT_TRUE(decoded->range == range);
  EXPECT_EQ(decoded->range.Root(), range.Root());
  EXPECT_EQ(decoded->anchored, 10u);
}

TEST(RangeCheckpointTest, DecodeRejectsPeaksThatDoNotMatchTheTreeSize) {
  CompactRange range;
  for (uint64_t i = 0; i < 13; ++i) range.Append(LeafHash(std::to_string(i)));
  std::string payload;
  EncodeRangeCheckpoint(range, 0, &payload);
  auto short_one = DecodeRangeCheckpoint(std::string_view(payload).substr(0, payload.size() - 1));
  EXPECT_EQ(short_one.status().code(), StatusCode::kDataLoss);
  payload[0] = 14;  // 0b1110: also three peaks
  EXPECT_TRUE(DecodeRangeCheckpoint(payload).ok());
  payload[0] = 15;  // four peaks, three stored
  EXPECT_EQ(DecodeRangeCheckpoint(payload).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(DecodeRangeCheckpoint("short").status().code(), StatusCode::kDataLoss);
}

TEST(RangeCheckpointTest, DecodeRejectsMoreAnchoredRecordsThanTheTreeHolds) {
  CompactRange range;
  range.Append(LeafHash("a"));
  std::string payload;
  EncodeRangeCheckpoint(range, 2, &payload);
  EXPECT_EQ(DecodeRangeCheckpoint(payload).status().code(), StatusCode::kDataLoss);
}

TEST(RangeCheckpointTest, CompactRangeFromPeaksNeedsOnePeakPerSetBit) {
  EXPECT_TRUE(CompactRange::FromPeaks(0, {}).has_value());
  EXPECT_TRUE(CompactRange::FromPeaks(5, {Hash{}, Hash{}}).has_value());
  EXPECT_FALSE(CompactRange::FromPeaks(5, {Hash{}}).has_value());
  EXPECT_FALSE(CompactRange::FromPeaks(4, {Hash{}, Hash{}}).has_value());
}

TEST(RangeCheckpointTest, EverySegmentAfterTheFirstStartsWithTheTreeAndHeadBeforeIt) {
  const std::string dir = WriteRolledLog(NewTempDir());
  const auto segments = *ListSegments(dir);
  ASSERT_GT(segments.size(), 5u);
  CompactRange range;
  uint64_t anchored = 0;
  std::string segment;
  size_t checkpoints = 0;
  for (const RawFrame& f : ReadFrames(dir)) {
    const bool first_of_segment = f.segment != segment;
    segment = f.segment;
    if (f.type == FrameType::kRecord) {
      range.Append(LeafHash(f.payload));
    } else if (f.type == FrameType::kTreeHead) {
      anchored = DecodeTreeHead(f.payload)->tree_size;
    } else {
      ASSERT_TRUE(first_of_segment) << "a checkpoint inside " << f.segment << " at " << f.offset;
      auto checkpoint = DecodeRangeCheckpoint(f.payload);
      ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().message();
      EXPECT_TRUE(checkpoint->range == range) << "at " << f.segment;
      EXPECT_EQ(checkpoint->anchored, anchored) << "at " << f.segment;
      ++checkpoints;
    }
  }
  EXPECT_EQ(checkpoints, segments.size() - 1);
  EXPECT_EQ(range.size(), kRecords);
  EXPECT_TRUE(Verify(dir).ok()) << Verify(dir).message();
}

TEST(RangeCheckpointTest, ReopeningReadsOnlyTheNewestSegmentAndContinuesTheTree) {
  const std::string storage = NewTempDir();
  const std::string dir = WriteRolledLog(storage);
  const uint64_t newest_first = ListSegments(dir)->back().first_index;
  ASSERT_GT(newest_first, 0u);
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", SmallSegments(), clock);
    ASSERT_TRUE(log.ok()) << log.status().message();
    EXPECT_EQ((*log)->recovery().records, kRecords);
    EXPECT_EQ((*log)->recovery().records_read, kRecords - newest_first);
    EXPECT_EQ((*log)->recovery().anchored_before, kRecords);
    for (uint64_t i = kRecords; i < kRecords + 200; ++i) EXPECT_EQ((*log)->Append(SampleRecord(i)), i);
  }
  // The heads written after the reopen sign the roots of the whole log.
  EXPECT_TRUE(Verify(dir).ok()) << Verify(dir).message();
}

TEST(RangeCheckpointTest, ALogWithoutCheckpointsIsReadWholeAndContinued) {
  // A log written before checkpoints existed: the same log without them.
  const std::string storage = NewTempDir();
  const std::string dir = WriteRolledLog(storage);
  const auto segments = ListSegments(dir);
  ASSERT_TRUE(segments.ok());
  for (const SegmentFile& seg : *segments) {
    std::string data = ReadFile(seg.path);
    Frame f;
    if (ParseFrame(std::string_view(data).substr(kSegmentHeaderSize), &f) == FrameStatus::kOk &&
        f.type == FrameType::kRangeCheckpoint) {
      data.erase(kSegmentHeaderSize, f.size);
      WriteFile(seg.path, data);
    }
  }
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", SmallSegments(), clock);
    ASSERT_TRUE(log.ok()) << log.status().message();
    EXPECT_EQ((*log)->recovery().records_read, kRecords);
    EXPECT_EQ((*log)->Append(SampleRecord(kRecords)), kRecords);
  }
  EXPECT_TRUE(Verify(dir).ok()) << Verify(dir).message();
  // It went on in a new segment with a checkpoint: read from there now.
  EXPECT_EQ(ListSegments(dir)->back().first_index, kRecords);
  auto log = AuditLog::Open(storage, "r", SmallSegments(), clock);
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_EQ((*log)->recovery().records, kRecords + 1);
  EXPECT_EQ((*log)->recovery().records_read, 1u);
}

TEST(RangeCheckpointTest, ASegmentKilledWhileItsCheckpointWasWrittenIsOpenedFromTheSegmentBefore) {
  const std::string storage = NewTempDir();
  const std::string dir = WriteRolledLog(storage);
  const uint64_t previous_first = ListSegments(dir)->back().first_index;
  // The roll to a new segment at record kRecords stopped inside its first
  // write: the header and part of the checkpoint.
  std::string torn;
  AppendSegmentHeader(kRecords, &torn);
  AppendFrame(FrameType::kRangeCheckpoint, std::string(16 + 2 * kHashSize, '\x01'), &torn);
  torn.resize(torn.size() - 20);
  const std::string torn_path = dir + "/" + SegmentFileName(kRecords);
  WriteFile(torn_path, torn);
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", SmallSegments(), clock);
    ASSERT_TRUE(log.ok()) << log.status().message();
    EXPECT_EQ((*log)->recovery().records, kRecords);
    EXPECT_EQ((*log)->recovery().records_read, kRecords - previous_first);
    EXPECT_EQ((*log)->recovery().truncated_bytes, torn.size() - kSegmentHeaderSize);
    EXPECT_EQ((*log)->recovery().dropped_records, 0u);
    EXPECT_EQ((*log)->Append(SampleRecord(kRecords)), kRecords);
  }
  EXPECT_TRUE(Verify(dir).ok()) << Verify(dir).message();
}

TEST(RangeCheckpointTest, OpeningRefusesACheckpointThatDoesNotMatchTheHeadsAfterItAndLeavesItAlone) {
  const std::string storage = NewTempDir();
  const std::string dir = WriteRolledLog(storage);
  const RawFrame f = NewestCheckpoint(dir);
  ASSERT_EQ(f.type, FrameType::kRangeCheckpoint);
  std::string forged = f.payload;
  forged.back() ^= 1;  // a peak
  ReplaceFrame(f, forged);
  const std::string before = ReadFile(f.segment);
  FakeClock clock;
  auto log = AuditLog::Open(storage, "r", SmallSegments(), clock);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(log.status().message().find("does not match"), std::string::npos) << log.status().message();
  EXPECT_EQ(ReadFile(f.segment), before) << "opening changed the segment";
}

TEST(RangeCheckpointTest, VerifyReportsACheckpointWhoseTreeDoesNotMatchTheRecordsBeforeIt) {
  const std::string dir = WriteRolledLog(NewTempDir());
  const RawFrame f = NewestCheckpoint(dir);
  std::string forged = f.payload;
  forged.back() ^= 1;
  ReplaceFrame(f, forged);
  const Status s = Verify(dir);
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("range checkpoint"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("does not match records"), std::string::npos) << s.message();
}

TEST(RangeCheckpointTest, VerifyReportsACheckpointThatMisstatesTheNewestHead) {
  const std::string dir = WriteRolledLog(NewTempDir());
  const RawFrame f = NewestCheckpoint(dir);
  auto checkpoint = DecodeRangeCheckpoint(f.payload);
  ASSERT_TRUE(checkpoint.ok());
  ASSERT_GT(checkpoint->anchored, 0u);
  std::string forged;
  EncodeRangeCheckpoint(checkpoint->range, checkpoint->anchored - 1, &forged);
  ReplaceFrame(f, forged);
  const Status s = Verify(dir);
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("newest tree head before it"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace nethical::audit
