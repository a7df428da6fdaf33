// Opening the audit log writes what the staging ring holds after the
// newest segment's frames (engine/audit/audit_log.h, staging_ring.h): the
// acknowledged records a killed process had not written to the segment
// yet. Here the ring's entries are placed by hand after a clean close, so
// that each case is exact.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "engine/audit/audit_log.h"
#include "engine/audit/log_reader.h"
#include "engine/audit/log_verifier.h"
#include "engine/audit/segment_format.h"
#include "engine/audit/staging_ring.h"
#include "engine/audit/tree_head_signer.h"
#include "tests/audit/audit_test_util.h"
#include "tests/testing/fake_clock.h"

namespace nethical::audit {
namespace {

using testing::FramesOfType;
using testing::NewTempDir;
using testing::ReadFile;
using testing::SampleRecord;

AuditConfig Config() { return testing::ConfigWithBatch(10); }

// A closed log of `n` records in <storage>/r/audit; returns that directory.
std::string ClosedLog(const std::string& storage, uint64_t n) {
  FakeClock clock;
  auto log = AuditLog::Open(storage, "r", Config(), clock);
  EXPECT_TRUE(log.ok()) << log.status().message();
  for (uint64_t i = 0; i < n; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  return (*log)->dir();
}

std::string RecordFrame(uint64_t i) {
  std::string record, frame;
  EncodeRecord(SampleRecord(i), &record);
  AppendFrame(FrameType::kRecord, record, &frame);
  return frame;
}

std::string Segment0(const std::string& dir) { return dir + "/" + SegmentFileName(0); }

// Adds an unflushed entry to the closed log's ring, as a killed writer
// leaves it.
void PutInRing(const std::string& dir, uint64_t offset, const std::string& frames) {
  auto ring = StagingRing::Open(dir + "/" + std::string(kStagingRingFile));
  ASSERT_TRUE(ring.ok()) << ring.status().message();
  (*ring)->Put(0, offset, frames, 0, 0);
}

TEST(RingRecoveryTest, RecordsOnlyTheRingHeldAreWrittenToTheSegment) {
  const std::string storage = NewTempDir();
  const std::string dir = ClosedLog(storage, 5);
  const uint64_t end = std::filesystem::file_size(Segment0(dir));
  PutInRing(dir, end, RecordFrame(5) + RecordFrame(6));
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    ASSERT_TRUE(log.ok()) << log.status().message();
    EXPECT_EQ((*log)->recovery().restored_records, 2u);
    EXPECT_EQ((*log)->recovery().records, 7u);
    EXPECT_EQ((*log)->Append(SampleRecord(7)), 7u);
  }
  const auto records = FramesOfType(dir, FrameType::kRecord);
  ASSERT_EQ(records.size(), 8u);
  std::string want;
  EncodeRecord(SampleRecord(6), &want);
  EXPECT_EQ(records[6].payload, want);
  VerifyReport report;
  EXPECT_TRUE(VerifyLog(dir, dir + "/" + kPublicKeyFile, &report).ok());
}

TEST(RingRecoveryTest, VerifyCountsTheFramesOnlyTheRingHoldsUntilTheLogIsOpened) {
  const std::string storage = NewTempDir();
  const std::string dir = ClosedLog(storage, 5);
  const uint64_t end = std::filesystem::file_size(Segment0(dir));
  PutInRing(dir, end, RecordFrame(5));
  const std::string ring = ReadFile(dir + "/" + std::string(kStagingRingFile));
  VerifyReport report;
  ASSERT_TRUE(VerifyLog(dir, dir + "/" + kPublicKeyFile, &report).ok());
  EXPECT_EQ(report.records, 5u);
  EXPECT_EQ(report.staged_bytes, RecordFrame(5).size());
  EXPECT_EQ(ReadFile(dir + "/" + std::string(kStagingRingFile)), ring);  // read only
  {
    FakeClock clock;
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    ASSERT_TRUE(log.ok()) << log.status().message();
  }
  ASSERT_TRUE(VerifyLog(dir, dir + "/" + kPublicKeyFile, &report).ok());
  EXPECT_EQ(report.records, 6u);
  EXPECT_EQ(report.staged_bytes, 0u);
}

TEST(RingRecoveryTest, AnEntryTheSegmentAlreadyHoldsIsNotWrittenTwice) {
  const std::string storage = NewTempDir();
  const std::string dir = ClosedLog(storage, 5);
  const uint64_t end = std::filesystem::file_size(Segment0(dir));
  // The entry's first frame reached the segment before the kill, the second
  // did not: only the second is written.
  const std::string first = RecordFrame(5), second = RecordFrame(6);
  {
    std::string segment = ReadFile(Segment0(dir));
    testing::WriteFile(Segment0(dir), segment + first);
  }
  PutInRing(dir, end, first + second);
  FakeClock clock;
  auto log = AuditLog::Open(storage, "r", Config(), clock);
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_EQ((*log)->recovery().restored_records, 1u);
  EXPECT_EQ((*log)->recovery().records, 7u);
}

TEST(RingRecoveryTest, AnEntryAfterAGapIsReportedNotWritten) {
  const std::string storage = NewTempDir();
  const std::string dir = ClosedLog(storage, 5);
  const uint64_t end = std::filesystem::file_size(Segment0(dir));
  PutInRing(dir, end, RecordFrame(5));
  // The segment lost its last frame (the closing head) to a power loss
  // before its fsync: the entry no longer follows the frames.
  std::filesystem::resize_file(Segment0(dir), testing::ReadFrames(dir).back().offset);
  FakeClock clock;
  auto log = AuditLog::Open(storage, "r", Config(), clock);
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_EQ((*log)->recovery().restored_records, 0u);
  EXPECT_EQ((*log)->recovery().unrestored_bytes, RecordFrame(5).size());
  EXPECT_EQ((*log)->recovery().records, 5u);
}

TEST(RingRecoveryTest, AnEntryThatDisagreesWithTheSegmentIsDataLossAndNothingChanges) {
  const std::string storage = NewTempDir();
  const std::string dir = ClosedLog(storage, 5);
  const uint64_t end = std::filesystem::file_size(Segment0(dir));
  PutInRing(dir, end, RecordFrame(5));
  // The segment holds another valid frame where the entry's goes.
  testing::WriteFile(Segment0(dir), ReadFile(Segment0(dir)) + RecordFrame(99));
  const std::string segment = ReadFile(Segment0(dir));
  const std::string ring = ReadFile(dir + "/" + std::string(kStagingRingFile));
  FakeClock clock;
  auto log = AuditLog::Open(storage, "r", Config(), clock);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(log.status().message().find(kStagingRingFile), std::string::npos) << log.status().message();
  EXPECT_EQ(ReadFile(dir + "/" + std::string(kStagingRingFile)), ring);
  EXPECT_EQ(ReadFile(Segment0(dir)).substr(0, segment.size()), segment);
}

}  // namespace
}  // namespace nethical::audit
