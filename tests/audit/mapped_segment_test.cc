// The segment's written pages leave its shared mapping
// (engine/audit/mapped_segment.h, "Written pages leave the mapping"): the
// data stays in the file for read(2), and of the written pages the mapping
// keeps at most the one still being filled; pages ahead of the frames are
// populated ("Pages ahead are populated off the writer's path"). Which
// pages have a page-table entry in this process is read from
// /proc/self/maps (where the file is mapped) and /proc/self/pagemap (bit
// 63 of each page's entry: present).
#include "engine/audit/mapped_segment.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "engine/audit/audit_log.h"
#include "engine/audit/log_reader.h"
#include "engine/audit/segment_format.h"
#include "tests/audit/audit_test_util.h"
#include "tests/testing/fake_clock.h"

namespace nethical::audit {
namespace {

using testing::NewTempDir;
using testing::ReadFile;
using testing::SampleRecord;

const uint64_t kPage = static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));

// Bytes of the file `path` in [from, to) (page-aligned offsets) that have a
// page-table entry in one of this process's mappings of it.
uint64_t MappedBytes(const std::string& path, uint64_t from, uint64_t to) {
  std::ifstream maps("/proc/self/maps");
  const int pagemap = ::open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);  // pread: offsets past 2^38
  EXPECT_GE(pagemap, 0);
  std::string line;
  uint64_t bytes = 0;
  while (std::getline(maps, line)) {
    std::istringstream fields(line);
    std::string range, perms, offset, dev, inode, name;
    fields >> range >> perms >> offset >> dev >> inode >> name;
    if (name != path) continue;
    const uint64_t start = std::stoull(range.substr(0, range.find('-')), nullptr, 16);
    const uint64_t end = std::stoull(range.substr(range.find('-') + 1), nullptr, 16);
    const uint64_t file_offset = std::stoull(offset, nullptr, 16);
    for (uint64_t at = std::max(from, file_offset); at < to && at - file_offset < end - start; at += kPage) {
      uint64_t entry = 0;
      const auto where = static_cast<off_t>((start + at - file_offset) / kPage * sizeof entry);
      EXPECT_EQ(::pread(pagemap, &entry, sizeof entry, where), static_cast<ssize_t>(sizeof entry));
      if ((entry >> 63) != 0) bytes += kPage;
    }
  }
  ::close(pagemap);
  return bytes;
}

// Bytes of `path`'s written pages, before the one holding byte `size`,
// still mapped in this process.
uint64_t MappedWrittenBytes(const std::string& path, uint64_t size) {
  return MappedBytes(path, 0, size / kPage * kPage);
}

// Whole record frames of about 1000 bytes each, `n` of them.
std::string Frames(int n) {
  std::string frames;
  for (int i = 0; i < n; ++i)
    AppendFrame(FrameType::kRecord, std::string(1000, static_cast<char>('a' + i % 26)), &frames);
  return frames;
}

// A new segment (first index 0) in a fresh directory.
class MappedSegmentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = NewTempDir() + "/" + SegmentFileName(0);
    AppendSegmentHeader(0, &header_);
    auto seg = MappedSegment::Create(path_, header_, 64 << 20);
    ASSERT_TRUE(seg.ok()) << seg.status().message();
    seg_ = std::move(*seg);
  }

  std::string path_;
  std::string header_;
  std::unique_ptr<MappedSegment> seg_;
};

TEST_F(MappedSegmentTest, ReleasedPagesKeepTheirBytesForRead) {
  const std::string frames = Frames(40);
  ASSERT_TRUE(seg_->Append(frames).ok());
  ASSERT_TRUE(seg_->ReleaseWrittenPages().ok());
  // ifstream reads with read(2): the page cache, not the mapping.
  const std::string data = ReadFile(path_);
  ASSERT_GE(data.size(), header_.size() + frames.size());
  EXPECT_EQ(data.substr(0, header_.size() + frames.size()), header_ + frames);
}

TEST_F(MappedSegmentTest, ReleaseLeavesOnlyThePageBeingFilledMapped) {
  ASSERT_TRUE(seg_->Append(Frames(40)).ok());  // about 40 KB: ten pages
  ASSERT_GE(MappedWrittenBytes(path_, seg_->size()), 8 * kPage);
  ASSERT_TRUE(seg_->ReleaseWrittenPages().ok());
  EXPECT_EQ(MappedWrittenBytes(path_, seg_->size()), 0u);
}

TEST_F(MappedSegmentTest, AppendReleasesOnceReleaseBytesAreMapped) {
  const std::string frames = Frames(1);
  while (seg_->size() < MappedSegment::kReleaseBytes) ASSERT_TRUE(seg_->Append(frames).ok());
  EXPECT_EQ(MappedWrittenBytes(path_, seg_->size()), 0u);
}

uint64_t PageUp(uint64_t n) { return (n + kPage - 1) / kPage * kPage; }

TEST_F(MappedSegmentTest, PopulateAheadNamesTheAllocatedPagesAfterTheLastFramesPage) {
  ASSERT_TRUE(seg_->Append(Frames(3)).ok());
  const MappedSegment::PageRange range = seg_->PopulateAhead();
  EXPECT_EQ(range.offset, PageUp(seg_->size()));
  EXPECT_EQ(range.length, MappedSegment::kPopulateAhead);  // allocated ahead for it
  EXPECT_EQ(MappedBytes(path_, range.offset, range.offset + range.length), 0u);
}

TEST_F(MappedSegmentTest, PopulateMapsThePagesAndChangesNoByte) {
  const std::string frames = Frames(3);
  ASSERT_TRUE(seg_->Append(frames).ok());
  const MappedSegment::PageRange range = seg_->PopulateAhead();
  ASSERT_EQ(MappedSegment::Populate(range), 0);
  seg_->Populated(range);
  EXPECT_EQ(MappedBytes(path_, range.offset, range.offset + range.length), range.length);
  const std::string data = ReadFile(path_);
  EXPECT_EQ(data.substr(0, header_.size() + frames.size()), header_ + frames);
  EXPECT_EQ(data.find_first_not_of('\0', header_.size() + frames.size()), std::string::npos);
}

TEST_F(MappedSegmentTest, PopulateAheadAsksAgainOnlyOnceHalfTheWindowIsUsed) {
  ASSERT_TRUE(seg_->Append(Frames(1)).ok());
  const MappedSegment::PageRange first = seg_->PopulateAhead();
  ASSERT_EQ(MappedSegment::Populate(first), 0);
  seg_->Populated(first);
  EXPECT_EQ(seg_->PopulateAhead().length, 0u);
  const std::string frame = Frames(1);
  while (seg_->size() + MappedSegment::kPopulateAhead / 2 < first.offset + first.length)
    ASSERT_TRUE(seg_->Append(frame).ok());
  ASSERT_TRUE(seg_->Append(frame).ok());
  const MappedSegment::PageRange next = seg_->PopulateAhead();
  EXPECT_EQ(next.offset, first.offset + first.length);  // from where the last one ended
  EXPECT_GT(next.length, 0u);
}

TEST_F(MappedSegmentTest, ReleaseForSyncUnmapsThePopulatedPagesAndFitsTheWindowToTheWrites) {
  ASSERT_TRUE(seg_->Append(Frames(3)).ok());  // about 3 KB since the segment began
  const MappedSegment::PageRange range = seg_->PopulateAhead();
  ASSERT_EQ(MappedSegment::Populate(range), 0);
  seg_->Populated(range);
  ASSERT_TRUE(seg_->ReleaseForSync().ok());
  EXPECT_EQ(MappedBytes(path_, range.offset, range.offset + range.length), 0u);
  EXPECT_EQ(seg_->populate_window(), MappedSegment::kMinPopulateAhead);
  EXPECT_EQ(seg_->PopulateAhead().length, MappedSegment::kMinPopulateAhead);  // named again
  ASSERT_TRUE(seg_->Append(Frames(100)).ok());                                // about 100 KB since that sync
  ASSERT_TRUE(seg_->ReleaseForSync().ok());
  EXPECT_GE(seg_->populate_window(), 100'000u);
  EXPECT_LE(seg_->populate_window(), 110'000u);
  ASSERT_TRUE(seg_->Append(Frames(400)).ok());
  ASSERT_TRUE(seg_->ReleaseForSync().ok());
  EXPECT_EQ(seg_->populate_window(), MappedSegment::kPopulateAhead);
}

TEST(MappedSegmentInLogTest, AfterABatchFlushTheLogKeepsOnlyThePageBeingFilledMapped) {
  const std::string storage = NewTempDir();
  AuditConfig config;
  config.durability = Durability::kBatch;
  FakeClock clock;
  auto log = AuditLog::Open(storage, "r", config, clock);
  ASSERT_TRUE(log.ok()) << log.status().message();
  for (uint64_t i = 0; i < 1000; ++i) ASSERT_TRUE((*log)->Append(SampleRecord(i)));  // about 100 KB
  ASSERT_TRUE((*log)->Flush().ok());
  const std::string segment = ListSegments((*log)->dir())->back().path;
  const std::string data = ReadFile(segment);
  const uint64_t frames_end = data.find_last_not_of('\0') + 1;  // then preallocated zeros
  EXPECT_EQ(MappedWrittenBytes(segment, frames_end), 0u);
  EXPECT_EQ(testing::FramesOfType((*log)->dir(), FrameType::kRecord).size(), 1000u);
}

}  // namespace
}  // namespace nethical::audit
