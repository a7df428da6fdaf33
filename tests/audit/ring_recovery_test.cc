// Opening the audit log writes what the staging ring holds after the
// newest segment's frames (engine/audit/audit_log.h, staging_ring.h): the
// acknowledged records a killed process had not written to the segment
// yet. Here the ring's entries are placed by hand after a clean close, so
// that each case is exact.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "engine/audit/audit_log.h"
#include "engine/audit/log_verifier.h"
#include "engine/audit/segment_format.h"
#include "engine/audit/staging_ring.h"
#include "engine/audit/tree_head_signer.h"
#include "tests/audit/audit_test_util.h"
#include "tests/testing/fake_clock.h"

namespace nethical::audit {
namespace {

std::string RecordFrame(uint64_t i) {
  std::string record, frame;
  EncodeRecord(testing::SampleRecord(i), &record);
  AppendFrame(FrameType::kRecord, record, &frame);
  return frame;
}

// A closed log of 5 records (a head every 10, so the last frame is the
// head the close wrote), and what a killed writer's ring would add to it.
class RingRecoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto log = AuditLog::Open(storage_, "r", config_, clock_);
    ASSERT_TRUE(log.ok()) << log.status().message();
    for (uint64_t i = 0; i < 5; ++i) ASSERT_TRUE((*log)->Append(testing::SampleRecord(i)));
    dir_ = (*log)->dir();
    log->reset();
    segment_ = dir_ + "/" + SegmentFileName(0);
    ring_ = dir_ + "/" + std::string(kStagingRingFile);
    end_ = std::filesystem::file_size(segment_);
  }

  // Adds an unflushed entry to the ring, as a killed writer leaves it.
  void PutInRing(uint64_t offset, const std::string& frames) {
    auto ring = StagingRing::Open(ring_);
    ASSERT_TRUE(ring.ok()) << ring.status().message();
    (*ring)->Put(0, offset, frames, 0, 0);
  }

  StatusOr<std::unique_ptr<AuditLog>> Reopen() { return AuditLog::Open(storage_, "r", config_, clock_); }

  VerifyReport Verified() {
    VerifyReport report;
    const Status s = VerifyLog(dir_, dir_ + "/" + kPublicKeyFile, &report);
    EXPECT_TRUE(s.ok()) << s.message();
    return report;
  }

  const std::string storage_ = testing::NewTempDir();
  const AuditConfig config_ = testing::ConfigWithBatch(10);
  FakeClock clock_;
  std::string dir_, segment_, ring_;
  uint64_t end_ = 0;  // the segment's size after the close
};

TEST_F(RingRecoveryTest, RecordsOnlyTheRingHeldAreWrittenToTheSegment) {
  PutInRing(end_, RecordFrame(5) + RecordFrame(6));
  {
    auto log = Reopen();
    ASSERT_TRUE(log.ok()) << log.status().message();
    EXPECT_EQ((*log)->recovery().restored_records, 2u);
    EXPECT_EQ((*log)->recovery().records, 7u);
    EXPECT_EQ((*log)->Append(testing::SampleRecord(7)), 7u);
  }
  const auto records = testing::FramesOfType(dir_, FrameType::kRecord);
  ASSERT_EQ(records.size(), 8u);
  std::string want;
  EncodeRecord(testing::SampleRecord(6), &want);
  EXPECT_EQ(records[6].payload, want);
  EXPECT_EQ(Verified().records, 8u);
}

TEST_F(RingRecoveryTest, VerifyCountsTheFramesOnlyTheRingHoldsUntilTheLogIsOpened) {
  PutInRing(end_, RecordFrame(5));
  const std::string ring = testing::ReadFile(ring_);
  VerifyReport before = Verified();
  EXPECT_EQ(before.records, 5u);
  EXPECT_EQ(before.staged_bytes, RecordFrame(5).size());
  EXPECT_EQ(testing::ReadFile(ring_), ring);  // read only
  ASSERT_TRUE(Reopen().ok());
  VerifyReport after = Verified();
  EXPECT_EQ(after.records, 6u);
  EXPECT_EQ(after.staged_bytes, 0u);
}

TEST_F(RingRecoveryTest, AnEntryTheSegmentAlreadyHoldsIsNotWrittenTwice) {
  // The entry's first frame reached the segment before the kill, the second
  // did not: only the second is written.
  const std::string first = RecordFrame(5), second = RecordFrame(6);
  testing::WriteFile(segment_, testing::ReadFile(segment_) + first);
  PutInRing(end_, first + second);
  auto log = Reopen();
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_EQ((*log)->recovery().restored_records, 1u);
  EXPECT_EQ((*log)->recovery().records, 7u);
}

TEST_F(RingRecoveryTest, AnEntryAfterAGapIsReportedNotWritten) {
  PutInRing(end_, RecordFrame(5));
  // The segment lost its last frame (the closing head) to a power loss
  // before its fsync: the entry no longer follows the frames.
  std::filesystem::resize_file(segment_, testing::ReadFrames(dir_).back().offset);
  auto log = Reopen();
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_EQ((*log)->recovery().restored_records, 0u);
  EXPECT_EQ((*log)->recovery().unrestored_bytes, RecordFrame(5).size());
  EXPECT_EQ((*log)->recovery().records, 5u);
}

TEST_F(RingRecoveryTest, AnEntryThatDisagreesWithTheSegmentIsDataLossAndNothingChanges) {
  PutInRing(end_, RecordFrame(5));
  // The segment holds another valid frame where the entry's goes.
  testing::WriteFile(segment_, testing::ReadFile(segment_) + RecordFrame(99));
  const std::string segment = testing::ReadFile(segment_);
  const std::string ring = testing::ReadFile(ring_);
  auto log = Reopen();
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(log.status().message().find(kStagingRingFile), std::string::npos) << log.status().message();
  EXPECT_EQ(testing::ReadFile(ring_), ring);
  // Unchanged but for the allocation ahead of the frames (zeros after them).
  EXPECT_EQ(testing::ReadFile(segment_).substr(0, segment.size()), segment);
}

}  // namespace
}  // namespace nethical::audit
