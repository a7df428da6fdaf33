#include "engine/audit/audit_log.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "engine/audit/log_reader.h"
#include "engine/audit/log_verifier.h"
#include "engine/audit/segment_format.h"
#include "engine/audit/segment_writer.h"
#include "engine/audit/tree_head_signer.h"
#include "tests/audit/audit_test_util.h"
#include "tests/testing/fake_clock.h"
#include "tests/testing/file_size_limit.h"

namespace nethical::audit {
namespace {

using testing::FramesOfType;
using testing::NewTempDir;
using testing::SampleRecord;

AuditConfig Config(int64_t batch_size = 100, Durability durability = Durability::kBatch) {
  return testing::ConfigWithBatch(batch_size, durability);
}

std::vector<uint64_t> HeadSizes(const std::string& dir) {
  std::vector<uint64_t> sizes;
  for (const auto& f : FramesOfType(dir, FrameType::kTreeHead)) {
    sizes.push_back(DecodeTreeHead(f.payload)->tree_size);
  }
  return sizes;
}

Status Verify(const std::string& dir) {
  VerifyReport report;
  return VerifyLog(dir, dir + "/" + kPublicKeyFile, &report);
}

// The frames of `type` that a kill of this process right now would leave:
// the live log's directory is copied and opened (recovery writes what the
// staging ring holds to the copy's segment).
std::vector<testing::RawFrame> FramesAfterAKill(const AuditLog& log, FrameType type) {
  const std::string storage = NewTempDir();
  const std::filesystem::path copy = storage + "/r/audit";
  std::filesystem::create_directories(copy);
  // The ring first: the background thread may write entries to the
  // segment and advance the ring's checkpoint past them meanwhile, so a
  // later copy of the ring alone could miss what an earlier copy of the
  // segment did not have yet (a kill stops both files at once).
  const std::string ring = std::string("/") + std::string(kStagingRingFile);
  std::filesystem::copy_file(log.dir() + ring, copy.string() + ring);
  for (const auto& entry : std::filesystem::directory_iterator(log.dir())) {
    if (entry.path().filename() != kStagingRingFile)
      std::filesystem::copy_file(entry.path(), copy / entry.path().filename());
  }
  FakeClock clock;
  AuditConfig config;
  config.durability = Durability::kNone;
  {
    auto recovered = AuditLog::Open(storage, "r", config, clock);
    EXPECT_TRUE(recovered.ok()) << recovered.status().message();
  }
  return FramesOfType(copy.string(), type);
}

std::vector<uint64_t> HeadSizesAfterAKill(const AuditLog& log) {
  std::vector<uint64_t> sizes;
  for (const auto& f : FramesAfterAKill(log, FrameType::kTreeHead)) {
    sizes.push_back(DecodeTreeHead(f.payload)->tree_size);
  }
  return sizes;
}

// Waits (bounded, real time) for the writer thread to reach a state; the
// assertion is about the state, never about how long it took.
bool EventuallyAnchored(const AuditLog& log, uint64_t size) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (log.AnchoredSize() < size) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::yield();
  }
  return true;
}

TEST(AuditLogTest, CreatesTheRegionDirectoryUnderStorage) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  auto log = AuditLog::Open(storage, "eu-west", Config(), clock);
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_EQ((*log)->dir(), storage + "/eu-west/audit");
  EXPECT_TRUE(std::filesystem::exists(storage + "/eu-west/audit/LOCK"));
  auto default_log = AuditLog::Open(storage, "", Config(), clock);
  ASSERT_TRUE(default_log.ok());
  EXPECT_EQ((*default_log)->dir(), storage + "/default/audit");
}

TEST(AuditLogTest, ReturnsConsecutiveLeafIndexes) {
  FakeClock clock;
  auto log = AuditLog::Open(NewTempDir(), "r", Config(), clock);
  ASSERT_TRUE(log.ok());
  for (uint64_t i = 0; i < 250; ++i) EXPECT_EQ((*log)->Append(SampleRecord(i)), i);
}

TEST(AuditLogTest, AnchorsEveryBatchSizeRecordsAndTheRestOnFlush) {
  FakeClock clock;
  auto log = AuditLog::Open(NewTempDir(), "r", Config(10), clock);
  ASSERT_TRUE(log.ok());
  for (uint64_t i = 0; i < 25; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  ASSERT_TRUE((*log)->Flush().ok());
  EXPECT_EQ((*log)->AnchoredSize(), 25u);
  EXPECT_EQ(HeadSizes((*log)->dir()), (std::vector<uint64_t>{10, 20, 25}));
}

TEST(AuditLogTest, AnchorsPendingRecordsOnceFlushMsPassOnTheInjectedClock) {
  FakeClock clock;
  AuditConfig config = Config(1000);
  config.flush_ms = 5000;
  auto log = AuditLog::Open(NewTempDir(), "r", config, clock);
  ASSERT_TRUE(log.ok());
  for (uint64_t i = 0; i < 3; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  clock.Advance(std::chrono::milliseconds(5000));
  ASSERT_TRUE(EventuallyAnchored(**log, 3));
  EXPECT_EQ(HeadSizes((*log)->dir()), (std::vector<uint64_t>{3}));
}

// The engine passes its own reading for the action: the deadline counts
// from that time, not from the clock's reading at Append.
TEST(AuditLogTest, AnAppendAtAGivenTimeStartsTheAnchorDeadlineThen) {
  FakeClock clock;
  clock.Advance(std::chrono::seconds(10));
  AuditConfig config = Config(1000);
  config.flush_ms = 5000;
  auto log = AuditLog::Open(NewTempDir(), "r", config, clock);
  ASSERT_TRUE(log.ok());
  const int64_t five_seconds_ago = clock.NowNanos() - 5'000'000'000;
  for (uint64_t i = 0; i < 3; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i), five_seconds_ago));
  ASSERT_TRUE(EventuallyAnchored(**log, 3));  // the clock did not move
  EXPECT_EQ(HeadSizes((*log)->dir()), (std::vector<uint64_t>{3}));
}

// A batch log with a head every 10 records and `sync_interval_ms`.
StatusOr<std::unique_ptr<AuditLog>> OpenWithSyncInterval(const Clock& clock, int64_t sync_interval_ms) {
  AuditConfig config = Config(10);
  config.sync_interval_ms = sync_interval_ms;
  return AuditLog::Open(NewTempDir(), "r", config, clock);
}

TEST(AuditLogTest, BatchFsyncsWrittenHeadsAtMostOncePerSyncIntervalOnTheInjectedClock) {
  FakeClock clock;
  auto log = OpenWithSyncInterval(clock, 100);
  ASSERT_TRUE(log.ok());
  for (uint64_t i = 0; i < 10; ++i) ASSERT_TRUE((*log)->Append(SampleRecord(i)));
  ASSERT_TRUE(EventuallyAnchored(**log, 10));  // the first head is fsynced at once
  for (uint64_t i = 10; i < 30; ++i) ASSERT_TRUE((*log)->Append(SampleRecord(i)));
  EXPECT_EQ(HeadSizesAfterAKill(**log), (std::vector<uint64_t>{10, 20, 30}));
  EXPECT_EQ((*log)->AnchoredSize(), 10u);  // heads 20 and 30 wait for the interval
  clock.Advance(std::chrono::milliseconds(100));
  ASSERT_TRUE(EventuallyAnchored(**log, 30));  // both in one fsync
}

TEST(AuditLogTest, BatchSyncDropsTheSyncedWholePagesFromThePageCache) {
  FakeClock clock;
  auto log = OpenWithSyncInterval(clock, 0);
  ASSERT_TRUE(log.ok());
  const std::string segment = (*log)->dir() + "/" + SegmentFileName(0);
  struct statfs fs;
  ASSERT_EQ(::statfs(segment.c_str(), &fs), 0);
  if (fs.f_type == TMPFS_MAGIC) GTEST_SKIP() << "tmpfs keeps its pages whatever the advice";
  for (uint64_t i = 0; i < 40; ++i) {
    AuditRecord r = SampleRecord(i);
    r.text.assign(2000, 'x');  // 40 records: about 20 pages
    ASSERT_TRUE((*log)->Append(r));
  }
  ASSERT_TRUE(EventuallyAnchored(**log, 40));  // the fsync after the head of 40 has run
  const long page = ::sysconf(_SC_PAGESIZE);
  const int fd = ::open(segment.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  const size_t pages = 16;  // well before the page being filled
  void* map = ::mmap(nullptr, pages * page, PROT_READ, MAP_SHARED, fd, 0);
  ASSERT_NE(map, MAP_FAILED);
  std::vector<unsigned char> resident(pages);
  ASSERT_EQ(::mincore(map, pages * page, resident.data()), 0);
  ::munmap(map, pages * page);
  ::close(fd);
  for (size_t p = 0; p < pages; ++p) EXPECT_EQ(resident[p] & 1, 0) << "page " << p << " is still cached";
  // The records are on disk and read back.
  ASSERT_TRUE((*log)->Flush().ok());
  EXPECT_EQ(HeadSizes((*log)->dir()).back(), 40u);
}

TEST(AuditLogTest, FlushFsyncsAtOnceWhateverTheSyncInterval) {
  FakeClock clock;
  auto log = OpenWithSyncInterval(clock, 60'000);
  ASSERT_TRUE(log.ok());
  for (uint64_t i = 0; i < 25; ++i) ASSERT_TRUE((*log)->Append(SampleRecord(i)));
  ASSERT_TRUE((*log)->Flush().ok());
  EXPECT_EQ((*log)->AnchoredSize(), 25u);
}

TEST(AuditLogTest, FlushedLogVerifies) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    ASSERT_TRUE(log.ok());
    for (uint64_t i = 0; i < 1234; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
    ASSERT_TRUE((*log)->Flush().ok());
  }
  VerifyReport report;
  const std::string dir = storage + "/r/audit";
  ASSERT_TRUE(VerifyLog(dir, dir + "/" + kPublicKeyFile, &report).ok());
  EXPECT_EQ(report.records, 1234u);
  EXPECT_EQ(report.heads, 13u);
}

TEST(AuditLogTest, NoneDurabilityLogVerifiesAfterFlush) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  auto log = AuditLog::Open(storage, "r", Config(100, Durability::kNone), clock);
  ASSERT_TRUE(log.ok());
  for (uint64_t i = 0; i < 150; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  ASSERT_TRUE((*log)->Flush().ok());
  EXPECT_EQ((*log)->AnchoredSize(), 150u);
  EXPECT_TRUE(Verify((*log)->dir()).ok());
}

TEST(AuditLogTest, DestructorFlushesAndAnchors) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    for (uint64_t i = 0; i < 7; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  }
  EXPECT_EQ(HeadSizes(storage + "/r/audit"), (std::vector<uint64_t>{7}));
  EXPECT_TRUE(Verify(storage + "/r/audit").ok());
}

TEST(AuditLogTest, ReopeningContinuesTheLeafIndexes) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    for (uint64_t i = 0; i < 5; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  }
  auto log = AuditLog::Open(storage, "r", Config(), clock);
  ASSERT_TRUE(log.ok());
  EXPECT_EQ((*log)->recovery().records, 5u);
  EXPECT_EQ((*log)->Append(SampleRecord(5)), 5u);
}

TEST(AuditLogTest, SecondOpenOfTheSameRegionIsRefused) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  auto first = AuditLog::Open(storage, "us-east", Config(), clock);
  ASSERT_TRUE(first.ok());
  auto second = AuditLog::Open(storage, "us-east", Config(), clock);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find("region 'us-east' is in use"), std::string::npos)
      << second.status().message();
}

TEST(AuditLogTest, DifferentRegionsShareOneStorageDir) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  auto a = AuditLog::Open(storage, "a", Config(), clock);
  auto b = AuditLog::Open(storage, "b", Config(), clock);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_EQ((*a)->Append(SampleRecord(0)), 0u);
  EXPECT_EQ((*b)->Append(SampleRecord(0)), 0u);
}

TEST(AuditLogTest, RejectsBadRegionNames) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  EXPECT_EQ(AuditLog::Open(storage, "../x", Config(), clock).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(AuditLog::Open(storage, "..", Config(), clock).status().code(), StatusCode::kInvalidArgument);
}

TEST(AuditLogTest, RecoveryTruncatesATornTail) {
  const std::string storage = NewTempDir();
  const std::string dir = storage + "/r/audit";
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    for (uint64_t i = 0; i < 30; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  }
  const auto segments = *ListSegments(dir);
  const std::string last = segments.back().path;
  std::string frame;
  std::string record;
  EncodeRecord(SampleRecord(30), &record);
  AppendFrame(FrameType::kRecord, record, &frame);
  testing::WriteFile(last, testing::ReadFile(last) + frame.substr(0, frame.size() - 3));
  EXPECT_FALSE(Verify(dir).ok());

  auto log = AuditLog::Open(storage, "r", Config(), clock);
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_EQ((*log)->recovery().truncated_bytes, frame.size() - 3);
  EXPECT_EQ((*log)->recovery().records, 30u);
  EXPECT_EQ((*log)->Append(SampleRecord(30)), 30u);
  log->reset();
  EXPECT_TRUE(Verify(dir).ok());
}

TEST(AuditLogTest, RecoveryAnchorsRecordsAfterTheLastHead) {
  const std::string storage = NewTempDir();
  const std::string dir = storage + "/r/audit";
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    for (uint64_t i = 0; i < 10; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  }
  // Records that reached the disk but whose head did not (a crash).
  const std::string last = (*ListSegments(dir)).back().path;
  std::string frames;
  for (uint64_t i = 10; i < 14; ++i) {
    std::string record;
    EncodeRecord(SampleRecord(i), &record);
    AppendFrame(FrameType::kRecord, record, &frames);
  }
  testing::WriteFile(last, testing::ReadFile(last) + frames);
  EXPECT_FALSE(Verify(dir).ok());

  auto log = AuditLog::Open(storage, "r", Config(), clock);
  ASSERT_TRUE(log.ok());
  EXPECT_EQ((*log)->recovery().anchored_before, 10u);
  EXPECT_EQ((*log)->AnchoredSize(), 14u);
  EXPECT_TRUE(Verify(dir).ok());
}

TEST(AuditLogTest, RecoveryRefusesALogWhoseHeadDoesNotMatch) {
  const std::string storage = NewTempDir();
  const std::string dir = storage + "/r/audit";
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    for (uint64_t i = 0; i < 10; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  }
  // Replace record 3 by another one with a valid checksum.
  const auto records = FramesOfType(dir, FrameType::kRecord);
  std::string data = testing::ReadFile(records[3].segment);
  std::string forged;
  AuditRecord r = SampleRecord(3);
  r.decision = "ALLOW";
  r.text = "forged!";
  std::string bytes;
  EncodeRecord(r, &bytes);
  AppendFrame(FrameType::kRecord, bytes, &forged);
  data.replace(records[3].offset, records[3].size, forged);
  testing::WriteFile(records[3].segment, data);
  auto log = AuditLog::Open(storage, "r", Config(), clock);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(log.status().message().find("does not match"), std::string::npos);
}

// --- Recovery never deletes what it cannot prove is a torn tail ------------

TEST(AuditLogTest, RecoveryRefusesAFlippedBitWithValidFramesAfterItAndLeavesTheFileAlone) {
  const std::string storage = NewTempDir();
  const std::string dir = storage + "/r/audit";
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    ASSERT_TRUE(log.ok());
    for (uint64_t i = 0; i < 300; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  }
  const std::string last = ListSegments(dir)->back().path;
  std::string data = testing::ReadFile(last);
  const size_t third = data.size() / 3;
  data[third] ^= 0x10;
  testing::WriteFile(last, data);

  auto log = AuditLog::Open(storage, "r", Config(), clock);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), StatusCode::kDataLoss);
  const std::string& m = log.status().message();
  EXPECT_NE(m.find(std::filesystem::path(last).filename().string()), std::string::npos) << m;
  EXPECT_NE(m.find("offset"), std::string::npos) << m;
  EXPECT_NE(m.find("nethical audit verify " + dir), std::string::npos) << m;
  EXPECT_EQ(testing::ReadFile(last), data) << "recovery changed a corrupt segment";
}

// A record the log could not write must not be acknowledged: Append says
// so (no leaf index) and Flush reports the write error.
TEST(AuditLogTest, AppendThatCannotBeWrittenReturnsNoLeafIndex) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  auto log = AuditLog::Open(storage, "full", Config(), clock);
  ASSERT_TRUE(log.ok()) << log.status().message();
  // A file size limit makes write(2) fail with EFBIG, as a full disk would.
  std::optional<::nethical::testutil::FileSizeLimit> limit;
  limit.emplace(64 * 1024);
  ASSERT_TRUE(limit->ok());
  uint64_t written = 0;
  bool refused = false;
  for (uint64_t i = 0; i < 1000 && !refused; ++i) {
    AuditRecord r = SampleRecord(i);
    r.text.assign(1024, 'x');
    if ((*log)->Append(r))
      ++written;
    else
      refused = true;
  }
  const std::optional<uint64_t> after = (*log)->Append(SampleRecord(1000));
  const Status flushed = (*log)->Flush();
  limit.reset();
  EXPECT_TRUE(refused);
  EXPECT_GT(written, 0u);
  // What the 64 KiB limit holds, at about 1 KiB a record: a record is
  // acknowledged only once the segment has room for it (segment_writer.h).
  EXPECT_LT(written, 64u);
  EXPECT_FALSE(after.has_value());  // nothing is acknowledged once writes fail
  EXPECT_FALSE(flushed.ok());
  EXPECT_NE(flushed.message().find("File too large"), std::string::npos) << flushed.message();
}

TEST(AuditLogTest, RecoveryReportsTheExactBytesAndRecordsOfATornTail) {
  const std::string storage = NewTempDir();
  const std::string dir = storage + "/r/audit";
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    for (uint64_t i = 0; i < 30; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  }
  const std::string last = ListSegments(dir)->back().path;
  const std::string intact = testing::ReadFile(last);
  std::string record, frame;
  EncodeRecord(SampleRecord(30), &record);
  AppendFrame(FrameType::kRecord, record, &frame);
  const std::string partial = frame.substr(0, frame.size() / 2);
  testing::WriteFile(last, intact + partial);

  auto log = AuditLog::Open(storage, "r", Config(), clock);
  ASSERT_TRUE(log.ok()) << log.status().message();
  EXPECT_EQ((*log)->recovery().truncated_bytes, partial.size());
  EXPECT_EQ((*log)->recovery().dropped_records, 1u);
  EXPECT_EQ((*log)->recovery().records, 30u);
}

// --- Durability: a kill after Append returned keeps the record -------------

void ExpectEachRecordWrittenWhenAppendReturns(Durability durability) {
  FakeClock clock;
  // A large batch and flush_ms: nothing but Append itself writes them.
  AuditConfig config = Config(100000, durability);
  config.flush_ms = 1'000'000;
  auto log = AuditLog::Open(NewTempDir(), "r", config, clock);
  ASSERT_TRUE(log.ok());
  for (uint64_t i = 0; i < 200; ++i) {
    std::string record;
    EncodeRecord(SampleRecord(i), &record);
    EXPECT_TRUE((*log)->Append(SampleRecord(i)));
    // Read back from a copy of the files, without any Flush.
    const auto records = FramesAfterAKill(**log, FrameType::kRecord);
    ASSERT_EQ(records.size(), i + 1) << "record " << i;
    ASSERT_EQ(records.back().payload, record) << "record " << i;
  }
}

TEST(AuditLogTest, BatchDurabilityWritesTheRecordBeforeAppendReturns) {
  ExpectEachRecordWrittenWhenAppendReturns(Durability::kBatch);
}

TEST(AuditLogTest, NoneDurabilityWritesTheRecordBeforeAppendReturns) {
  ExpectEachRecordWrittenWhenAppendReturns(Durability::kNone);
}

// --- File modes --------------------------------------------------------------

TEST(AuditLogTest, CreatesDirectories0700AndFiles0600UnderUmaskZero) {
  const std::string storage = NewTempDir() + "/storage";
  const mode_t old = ::umask(0);
  {
    FakeClock clock;
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    ASSERT_TRUE(log.ok()) << log.status().message();
    EXPECT_TRUE((*log)->Append(SampleRecord(0)));
  }
  ::umask(old);
  auto mode = [](const std::string& path) {
    struct stat st;
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 0777;
  };
  const std::string dir = storage + "/r/audit";
  EXPECT_EQ(mode(storage), 0700u);
  EXPECT_EQ(mode(storage + "/r"), 0700u);
  EXPECT_EQ(mode(dir), 0700u);
  EXPECT_EQ(mode(dir + "/LOCK"), 0600u);
  EXPECT_EQ(mode(dir + "/" + kPrivateKeyFile), 0600u);
  EXPECT_EQ(mode(dir + "/" + kPublicKeyFile), 0600u);
  const auto segments = ListSegments(dir);
  ASSERT_TRUE(segments.ok());
  for (const auto& seg : *segments) EXPECT_EQ(mode(seg.path), 0600u) << seg.path;
}

// --- Key pair ----------------------------------------------------------------

TEST(AuditLogTest, RefusesASigningKeyThatDoesNotMatchTheStoredPublicKey) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  { ASSERT_TRUE(AuditLog::Open(storage, "a", Config(), clock).ok()); }
  { ASSERT_TRUE(AuditLog::Open(storage, "b", Config(), clock).ok()); }
  const std::string dir = storage + "/a/audit";
  // Region a's private key replaced by region b's (0600 kept).
  testing::WriteFile(dir + "/" + kPrivateKeyFile, testing::ReadFile(storage + "/b/audit/" + kPrivateKeyFile));
  auto log = AuditLog::Open(storage, "a", Config(), clock);
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(log.status().message().find(dir + "/" + kPrivateKeyFile), std::string::npos);
  EXPECT_NE(log.status().message().find(dir + "/" + kPublicKeyFile), std::string::npos);
}

TEST(AuditLogTest, RecreatesADeletedPublicKeyFromThePrivateKey) {
  const std::string storage = NewTempDir();
  const std::string dir = storage + "/r/audit";
  FakeClock clock;
  {
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    for (uint64_t i = 0; i < 5; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  }
  const std::string public_key = testing::ReadFile(dir + "/" + kPublicKeyFile);
  ASSERT_EQ(::unlink((dir + "/" + kPublicKeyFile).c_str()), 0);
  {
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    ASSERT_TRUE(log.ok()) << log.status().message();
    EXPECT_TRUE((*log)->recovery().public_key_recreated);
  }
  EXPECT_EQ(testing::ReadFile(dir + "/" + kPublicKeyFile), public_key);
  EXPECT_TRUE(Verify(dir).ok());
}

TEST(AuditLogTest, RollsSegmentsAndTheLogStillVerifies) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  AuditConfig config = Config(50);
  config.segment_bytes = 4096;
  {
    auto log = AuditLog::Open(storage, "r", config, clock);
    for (uint64_t i = 0; i < 500; ++i) EXPECT_TRUE((*log)->Append(SampleRecord(i)));
  }
  const std::string dir = storage + "/r/audit";
  EXPECT_GT(ListSegments(dir)->size(), 5u);
  EXPECT_TRUE(Verify(dir).ok());
  auto log = AuditLog::Open(storage, "r", config, clock);
  ASSERT_TRUE(log.ok());
  EXPECT_EQ((*log)->Append(SampleRecord(500)), 500u);
}

TEST(AuditLogTest, AlwaysDurabilityWritesTheRecordBeforeAppendReturns) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  auto log = AuditLog::Open(storage, "r", Config(100, Durability::kAlways), clock);
  ASSERT_TRUE(log.ok());
  for (uint64_t i = 0; i < 5; ++i) {
    EXPECT_TRUE((*log)->Append(SampleRecord(i)));
    // Read back by a second reader, without any Flush.
    ASSERT_EQ(FramesOfType((*log)->dir(), FrameType::kRecord).size(), i + 1);
  }
}

TEST(AuditLogTest, ManyThreadsAppendWithoutLosingOrDuplicatingRecords) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  constexpr int kThreads = 4;
  constexpr uint64_t kPerThread = 3000;
  std::vector<std::vector<uint64_t>> indexes(kThreads);
  {
    auto log = AuditLog::Open(storage, "r", Config(), clock);
    ASSERT_TRUE(log.ok());
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (uint64_t i = 0; i < kPerThread; ++i) {
          const std::optional<uint64_t> leaf = (*log)->Append(SampleRecord(i, "agent-" + std::to_string(t)));
          ASSERT_TRUE(leaf.has_value());
          indexes[t].push_back(*leaf);
        }
      });
    }
    for (auto& th : threads) th.join();
    ASSERT_TRUE((*log)->Flush().ok());
  }
  const std::string dir = storage + "/r/audit";
  const auto records = FramesOfType(dir, FrameType::kRecord);
  ASSERT_EQ(records.size(), kThreads * kPerThread);
  std::set<uint64_t> seen;
  for (int t = 0; t < kThreads; ++t) {
    for (uint64_t i = 0; i < kPerThread; ++i) {
      const uint64_t index = indexes[t][i];
      ASSERT_TRUE(seen.insert(index).second) << "duplicate index " << index;
      auto r = DecodeRecord(records[index].payload);
      ASSERT_TRUE(r.ok());
      EXPECT_EQ(r->agent_id, "agent-" + std::to_string(t));
      EXPECT_EQ(r->action_id, "action-" + std::to_string(i));
    }
  }
  EXPECT_TRUE(Verify(dir).ok());
}

}  // namespace
// A drain's frames over a quarter of the staging ring (2 MiB) bypass it:
// the ring's entries go to the segment first, then those frames.
TEST(AuditLogTest, ARecordTooLargeForTheStagingRingKeepsItsPlaceInTheLog) {
  FakeClock clock;
  auto log = AuditLog::Open(NewTempDir(), "r", Config(1000, Durability::kNone), clock);
  ASSERT_TRUE(log.ok());
  AuditRecord large = SampleRecord(1);
  large.text.assign(3 << 20, 'L');
  ASSERT_EQ((*log)->Append(SampleRecord(0)), 0u);
  ASSERT_EQ((*log)->Append(large), 1u);
  ASSERT_EQ((*log)->Append(SampleRecord(2)), 2u);
  const auto after_kill = FramesAfterAKill(**log, FrameType::kRecord);
  ASSERT_EQ(after_kill.size(), 3u);
  ASSERT_TRUE((*log)->Flush().ok());
  const auto records = FramesOfType((*log)->dir(), FrameType::kRecord);
  ASSERT_EQ(records.size(), 3u);
  std::string want;
  EncodeRecord(large, &want);
  EXPECT_EQ(records[1].payload, want);
  EXPECT_EQ(after_kill[1].payload, want);
  EXPECT_TRUE(Verify((*log)->dir()).ok());
}

// Segments roll while the background thread writes the staging ring to
// the segment without the lock and several threads append: a roll waits
// for that write without letting the write lock go in the middle of a
// drain (two drains must never interleave).
TEST(AuditLogTest, ThreadsAppendAcrossManyRollsWhileTheRingIsWritten) {
  const std::string storage = NewTempDir();
  FakeClock clock;
  AuditConfig config = Config(100, Durability::kBatch);
  config.segment_bytes = 512 << 10;  // a roll every ~450 records
  constexpr int kThreads = 4;
  constexpr uint64_t kPerThread = 2000;
  {
    auto log = AuditLog::Open(storage, "r", config, clock);
    ASSERT_TRUE(log.ok());
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (uint64_t i = 0; i < kPerThread; ++i) {
          AuditRecord r = SampleRecord(i, "agent-" + std::to_string(t));
          r.text.assign(1000, static_cast<char>('a' + t));
          ASSERT_TRUE((*log)->Append(r).has_value());
        }
      });
    }
    for (auto& th : threads) th.join();
    ASSERT_TRUE((*log)->Flush().ok());
  }
  const std::string dir = storage + "/r/audit";
  EXPECT_GT(ListSegments(dir)->size(), 10u);
  EXPECT_EQ(FramesOfType(dir, FrameType::kRecord).size(), kThreads * kPerThread);
  EXPECT_TRUE(Verify(dir).ok());
}

}  // namespace nethical::audit
