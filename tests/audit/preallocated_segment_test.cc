// The active segment is a file allocated ahead of its frames
// (engine/audit/segment_writer.h): while the log is open, and after a
// crash, the segment ends in zeros. These tests
// pin what that means for readers, recovery, rolling and allocation
// errors. A "crash" here is a child that appends and leaves with _exit(),
// so no destructor cuts the file to its frames.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "engine/audit/audit_log.h"
#include "engine/audit/log_reader.h"
#include "engine/audit/log_verifier.h"
#include "engine/audit/segment_writer.h"
#include "engine/audit/tree_head_signer.h"
#include "tests/audit/audit_test_util.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/file_size_limit.h"

namespace nethical::audit {
namespace {

using testing::FramesOfType;
using testing::NewTempDir;
using testing::ReadFile;
using testing::SampleRecord;

AuditConfig Config() { return testing::ConfigWithBatch(10); }

Status Verify(const std::string& dir) {
  VerifyReport report;
  return VerifyLog(dir, dir + "/" + kPublicKeyFile, &report);
}

// The end of the last frame of `segment` (its valid length).
uint64_t FramesEnd(const std::string& dir, const std::string& segment) {
  uint64_t end = kSegmentHeaderSize;
  for (const auto& f : testing::ReadFrames(dir)) {
    if (f.segment == segment) end = f.offset + f.size;
  }
  return end;
}

// A child process opens the log, appends `n` records (acknowledged) and
// leaves without closing it, as a crash would.
void AppendInChildAndCrash(const std::string& storage, uint64_t n) {
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    FakeClock clock;
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    if (!log.ok()) _exit(3);
    for (uint64_t i = 0; i < n; ++i) {
      if (!(*log)->Append(SampleRecord(i))) _exit(4);
    }
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

// Opens the log that AppendInChildAndCrash(storage, 30) left: recovery
// reports what it cut, the log continues at leaf 30 and verifies.
void ExpectRecoveryOf30Records(const std::string& storage, uint64_t truncated_bytes,
                               uint64_t dropped_records) {
  FakeClock clock;
  auto log = AuditLog::Open(storage, "r", Config(), clock);
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_EQ((*log)->recovery().records, 30u);
  EXPECT_EQ((*log)->recovery().truncated_bytes, truncated_bytes);
  EXPECT_EQ((*log)->recovery().dropped_records, dropped_records);
  EXPECT_EQ((*log)->Append(SampleRecord(30)), 30u);
  log->reset();
  const std::string dir = storage + "/r/audit";
  EXPECT_TRUE(Verify(dir).ok()) << Verify(dir).message();
  EXPECT_EQ(FramesOfType(dir, FrameType::kRecord).size(), 31u);
}

TEST(PreallocatedSegmentTest, AnOpenSegmentEndsInZerosThatReadersSkip) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  auto log = AuditLog::Open(storage, "r", Config(), clock);
  ASSERT_TRUE(log.ok()) << log.status().message();
  for (uint64_t i = 0; i < 20; ++i) ASSERT_TRUE((*log)->Append(SampleRecord(i)));
  ASSERT_TRUE((*log)->Flush().ok());  // the staging ring's entries go to the segment
  const std::string dir = (*log)->dir();
  const std::string last = ListSegments(dir)->back().path;
  const std::string data = ReadFile(last);
  const uint64_t end = FramesEnd(dir, last);
  ASSERT_GT(data.size(), end);
  EXPECT_EQ(data.find_first_not_of('\0', end), std::string::npos);
  EXPECT_EQ(FramesOfType(dir, FrameType::kRecord).size(), 20u);
  EXPECT_TRUE(Verify(dir).ok()) << Verify(dir).message();  // 20 records, 2 heads: all anchored
}

TEST(PreallocatedSegmentTest, ClosingCutsTheSegmentToItsFrames) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    ASSERT_TRUE(log.ok());
    for (uint64_t i = 0; i < 25; ++i) ASSERT_TRUE((*log)->Append(SampleRecord(i)));
  }
  const std::string dir = storage + "/r/audit";
  const std::string last = ListSegments(dir)->back().path;
  EXPECT_EQ(std::filesystem::file_size(last), FramesEnd(dir, last));
}

TEST(PreallocatedSegmentTest, RolledSegmentsAreCutToTheirFramesWhileTheLogIsOpen) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  AuditConfig config = Config();
  config.segment_bytes = 4096;
  auto log = AuditLog::Open(storage, "r", config, clock);
  ASSERT_TRUE(log.ok());
  for (uint64_t i = 0; i < 200; ++i) ASSERT_TRUE((*log)->Append(SampleRecord(i)));
  ASSERT_TRUE((*log)->Flush().ok());  // the staging ring's entries go to the segment
  const std::string dir = (*log)->dir();
  const auto segments = *ListSegments(dir);
  ASSERT_GT(segments.size(), 3u);
  for (size_t i = 0; i + 1 < segments.size(); ++i) {
    EXPECT_EQ(std::filesystem::file_size(segments[i].path), FramesEnd(dir, segments[i].path))
        << segments[i].path;
  }
  EXPECT_EQ(FramesOfType(dir, FrameType::kRecord).size(), 200u);
}

TEST(PreallocatedSegmentTest, RecoveryCutsTheZerosOfACrashedSegmentAndReportsNoLoss) {
  const std::string storage = NewTempDir();
  const std::string dir = storage + "/r/audit";
  AppendInChildAndCrash(storage, 30);
  const std::string last = ListSegments(dir)->back().path;
  const uint64_t end = FramesEnd(dir, last);
  ASSERT_GT(std::filesystem::file_size(last), end);  // the crash left the zeros
  // Before recovery the segment verifies, or (when the crash came while
  // the writer thread was between two writes) the verifier names the frames
  // the staging ring still holds, which recovery writes and anchors.
  const Status before = Verify(dir);
  EXPECT_TRUE(before.ok() || before.message().find("its staging ring holds") != std::string::npos)
      << before.message();

  ExpectRecoveryOf30Records(storage, 0, 0);
}

TEST(PreallocatedSegmentTest, RecoveryReportsOnlyTheBytesOfATornFrameBeforeTheZeros) {
  const std::string storage = NewTempDir();
  const std::string dir = storage + "/r/audit";
  AppendInChildAndCrash(storage, 30);
  const std::string last = ListSegments(dir)->back().path;
  const uint64_t end = FramesEnd(dir, last);
  std::string data = ReadFile(last);
  // A kill in the middle of a copy: the frame's bytes but its length.
  std::string record, frame;
  EncodeRecord(SampleRecord(30), &record);
  AppendFrame(FrameType::kRecord, record, &frame);
  ASSERT_GT(data.size(), end + frame.size());
  const std::string torn = frame.substr(4, frame.size() - 5);  // ends in the text
  ASSERT_NE(torn.back(), '\0');
  data.replace(end + 4, torn.size(), torn);
  testing::WriteFile(last, data);

  ExpectRecoveryOf30Records(storage, 4 + torn.size(), 1);
}

TEST(PreallocatedSegmentTest, OpenFailsWhenTheSegmentCannotBeAllocated) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  // A file size limit below one allocation step: as a full disk, the
  // error shows at Open, not as a SIGBUS on a later copy.
  ::nethical::testutil::FileSizeLimit limit(SegmentWriter::kMinAllocationStep / 2);
  ASSERT_TRUE(limit.ok());
  auto log = AuditLog::Open(storage, "r", Config(), clock);
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.status().message().find("File too large"), std::string::npos) << log.status().message();
}

}  // namespace
}  // namespace nethical::audit
