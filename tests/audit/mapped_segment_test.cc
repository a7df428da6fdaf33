// The segment's written pages leave its shared mapping
// (engine/audit/mapped_segment.h, "Written pages leave the mapping"): the
// data stays in the file for read(2), and the mapping keeps at most the
// page still being filled. The mapping's resident size is read from
// /proc/self/smaps (Rss: pages with a page-table entry in this process).
#include "engine/audit/mapped_segment.h"

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

// Bytes of `path`'s mappings in this process that have page-table entries.
uint64_t MappedResidentBytes(const std::string& path) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool ours = false;
  uint64_t kib = 0;
  while (std::getline(smaps, line)) {
    std::istringstream fields(line);
    std::string first;
    fields >> first;
    if (first.find('-') != std::string::npos && first.back() != ':') {
      // A mapping's header: range perms offset dev inode [path].
      std::string perms, offset, dev, inode, name;
      fields >> perms >> offset >> dev >> inode >> name;
      ours = name == path;
    } else if (ours && first == "Rss:") {
      uint64_t n = 0;
      fields >> n;
      kib += n;
    }
  }
  return kib * 1024;
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
  ASSERT_GE(MappedResidentBytes(path_), 8 * kPage);
  ASSERT_TRUE(seg_->ReleaseWrittenPages().ok());
  EXPECT_LE(MappedResidentBytes(path_), kPage);
}

TEST_F(MappedSegmentTest, AppendReleasesOnceReleaseBytesAreMapped) {
  const std::string frames = Frames(1);
  while (seg_->size() < MappedSegment::kReleaseBytes) ASSERT_TRUE(seg_->Append(frames).ok());
  EXPECT_LE(MappedResidentBytes(path_), kPage);
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
  EXPECT_LE(MappedResidentBytes(segment), kPage);
  EXPECT_EQ(testing::FramesOfType((*log)->dir(), FrameType::kRecord).size(), 1000u);
}

}  // namespace
}  // namespace nethical::audit
