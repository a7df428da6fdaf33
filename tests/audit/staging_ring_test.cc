// The staging ring (engine/audit/staging_ring.h): what a reopened ring
// gives back to recovery after its owner went away without writing its
// entries to a segment (a destroyed ring object stands for a killed
// process: its stores are in the file's page cache either way).
#include "engine/audit/staging_ring.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/audit/segment_format.h"
#include "tests/audit/audit_test_util.h"

namespace nethical::audit {
namespace {

using testing::NewTempDir;
using testing::ReadFile;
using testing::WriteFile;

constexpr uint64_t kSmallRing = StagingRing::kHeaderBytes + (64 << 10);

struct Seen {
  uint64_t segment, offset;
  std::string frames;
};

std::vector<Seen> Unflushed(const StagingRing& ring) {
  std::vector<Seen> seen;
  const Status s = ring.ForEachUnflushed([&](uint64_t segment, uint64_t offset, std::string_view frames) {
    seen.push_back({segment, offset, std::string(frames)});
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.message();
  return seen;
}

// One record frame of `n` bytes in all, its payload `c` repeated.
std::string Frame(size_t n, char c) {
  std::string frame;
  AppendFrame(FrameType::kRecord, std::string(n - kFrameHeaderSize, c), &frame);
  return frame;
}

// A ring file in a fresh directory; each test opens it, and reopens it
// as recovery would.
class StagingRingTest : public ::testing::Test {
 protected:
  std::unique_ptr<StagingRing> OpenRing() {
    auto ring = StagingRing::Open(path_, kSmallRing);
    EXPECT_TRUE(ring.ok()) << ring.status().message();
    return ring.ok() ? std::move(*ring) : nullptr;
  }
  // Opened, with a new epoch whose first entry goes to segment 0, offset 20.
  std::unique_ptr<StagingRing> Started() {
    auto ring = OpenRing();
    if (ring != nullptr) ring->Restart(0, 20);
    return ring;
  }

  const std::string path_ = NewTempDir() + "/staging.ring";
};

TEST_F(StagingRingTest, ANewRingHasNoEntries) {
  auto ring = OpenRing();
  EXPECT_TRUE(Unflushed(*ring).empty());
  EXPECT_TRUE(ring->empty());
}

TEST_F(StagingRingTest, AReopenedRingGivesBackItsUnflushedEntriesInOrder) {
  {
    auto ring = OpenRing();
    ring->Restart(7, 20);
    ring->Put(7, 20, Frame(100, 'a'), 1, 0);
    ring->Put(7, 120, Frame(300, 'b'), 2, 0);
  }
  auto ring = OpenRing();
  const std::vector<Seen> seen = Unflushed(*ring);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].segment, 7u);
  EXPECT_EQ(seen[0].offset, 20u);
  EXPECT_EQ(seen[0].frames, Frame(100, 'a'));
  EXPECT_EQ(seen[1].offset, 120u);
  EXPECT_EQ(seen[1].frames, Frame(300, 'b'));
}

TEST_F(StagingRingTest, FlushedEntriesAreNotGivenBack) {
  {
    auto ring = Started();
    ring->Put(0, 20, Frame(100, 'a'), 1, 0);
    ring->Put(0, 120, Frame(100, 'b'), 2, 0);
    const StagingRing::Batch first = ring->Unflushed(1);  // one entry: at least one, about 1 byte
    ASSERT_EQ(first.parts.size(), 1u);
    EXPECT_EQ(first.offset, 20u);
    EXPECT_EQ(first.records, 1u);
    ring->MarkFlushed(first);
    ring->Put(0, 220, Frame(100, 'c'), 3, 0);
  }
  auto ring = OpenRing();
  const std::vector<Seen> seen = Unflushed(*ring);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].frames, Frame(100, 'b'));
  EXPECT_EQ(seen[1].frames, Frame(100, 'c'));
}

TEST_F(StagingRingTest, ABatchCoversEveryEntryOfOneSegmentWithTheLastEntrysCounts) {
  auto ring = Started();
  ring->Put(0, 20, Frame(100, 'a'), 1, 0);
  ring->Put(0, 120, Frame(50, 'b'), 3, 3);
  const StagingRing::Batch b = ring->Unflushed(UINT64_MAX);
  ASSERT_EQ(b.parts.size(), 2u);
  EXPECT_EQ(b.bytes, 150u);
  EXPECT_EQ(b.records, 3u);
  EXPECT_EQ(b.anchored, 3u);
  EXPECT_EQ(std::string(static_cast<char*>(b.parts[1].iov_base), b.parts[1].iov_len), Frame(50, 'b'));
  ring->MarkFlushed(b);
  EXPECT_TRUE(ring->empty());
}

TEST_F(StagingRingTest, RestartForgetsEveryEntry) {
  {
    auto ring = Started();
    ring->Put(0, 20, Frame(100, 'a'), 1, 0);
    ring->Restart(0, 120);
  }
  auto ring = OpenRing();
  EXPECT_TRUE(Unflushed(*ring).empty());
}

TEST_F(StagingRingTest, EntriesOfAnEarlierRunAreNotTakenForNewOnes) {
  {
    auto ring = Started();
    ring->Put(0, 20, Frame(100, 'a'), 1, 0);
    ring->Put(0, 120, Frame(100, 'b'), 2, 0);
  }
  {
    // A new run continues at the same place: the old second entry sits
    // exactly where this run's second entry would, with the same offset.
    auto ring = Started();
    ring->Put(0, 20, Frame(100, 'x'), 1, 0);
  }
  auto ring = OpenRing();
  const std::vector<Seen> seen = Unflushed(*ring);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].frames, Frame(100, 'x'));
}

TEST_F(StagingRingTest, EntriesThatWrapAroundTheDataAreaAreGivenBackInOrder) {
  uint64_t offset = 20;
  std::vector<std::string> unflushed;
  {
    auto ring = Started();
    // Flushed entries move the head near the end of the 64 KiB data area.
    for (int i = 0; i < 60; ++i) {
      ring->Put(0, offset, Frame(1000, 'f'), i + 1, 0);
      offset += 1000;
      ring->MarkFlushed(ring->Unflushed(1));
    }
    // These do not all fit before the end: one starts over at the beginning.
    for (int i = 0; i < 8; ++i) {
      const std::string frames = Frame(1500, static_cast<char>('a' + i));
      ASSERT_TRUE(ring->Fits(frames.size()));
      ring->Put(0, offset, frames, 100 + i, 0);
      offset += frames.size();
      unflushed.push_back(frames);
    }
  }
  auto ring = OpenRing();
  const std::vector<Seen> seen = Unflushed(*ring);
  ASSERT_EQ(seen.size(), unflushed.size());
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i].frames, unflushed[i]) << i;
}

TEST_F(StagingRingTest, UnflushedEntriesFillTheRingUntilFlushed) {
  auto ring = Started();
  uint64_t offset = 20;
  int put = 0;
  while (ring->Fits(4000)) {
    ring->Put(0, offset, Frame(4000, 'a'), ++put, 0);
    offset += 4000;
  }
  EXPECT_GE(put, 14);  // 64 KiB of data area, 4,032 bytes an entry
  ring->MarkFlushed(ring->Unflushed(UINT64_MAX));
  EXPECT_TRUE(ring->Fits(4000));
}

TEST_F(StagingRingTest, FramesOverAQuarterOfTheRingNeverFit) {
  auto ring = Started();
  EXPECT_FALSE(ring->Fits(ring->max_entry_bytes()));
  EXPECT_TRUE(ring->Fits(ring->max_entry_bytes() - StagingRing::kEntryHeaderBytes));
}

TEST_F(StagingRingTest, AnEntryWithADamagedPayloadByteEndsTheWalk) {
  {
    auto ring = Started();
    ring->Put(0, 20, Frame(100, 'a'), 1, 0);
    ring->Put(0, 120, Frame(100, 'b'), 2, 0);
    ring->Put(0, 220, Frame(100, 'c'), 3, 0);
  }
  std::string bytes = ReadFile(path_);
  // The second entry's payload: the first entry takes 32 + 100 bytes,
  // aligned to 136.
  bytes[StagingRing::kHeaderBytes + 136 + StagingRing::kEntryHeaderBytes + 10] ^= 1;
  WriteFile(path_, bytes);
  auto ring = OpenRing();
  const std::vector<Seen> seen = Unflushed(*ring);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].frames, Frame(100, 'a'));
}

TEST_F(StagingRingTest, ATornCheckpointFallsBackToTheOneBefore) {
  {
    auto ring = Started();  // checkpoint 1, in the slot at 128
    ring->Put(0, 20, Frame(100, 'a'), 1, 0);
    ring->MarkFlushed(ring->Unflushed(UINT64_MAX));  // checkpoint 2 (slot 64): names the entry after a
    ring->Put(0, 120, Frame(100, 'b'), 2, 0);
    ring->MarkFlushed(ring->Unflushed(UINT64_MAX));  // checkpoint 3 (slot 128): names the entry after b
  }
  // What a kill inside checkpoint 3's update leaves: its CRC does not match.
  std::string bytes = ReadFile(path_);
  bytes[128 + 40] ^= 1;
  WriteFile(path_, bytes);
  // Checkpoint 2 counts: b is given back again (recovery finds it in the
  // segment already and writes nothing).
  auto ring = OpenRing();
  const std::vector<Seen> seen = Unflushed(*ring);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].offset, 120u);
  EXPECT_EQ(seen[0].frames, Frame(100, 'b'));
}

TEST_F(StagingRingTest, ADamagedHeaderIsDataLossAndTheFileIsKept) {
  OpenRing();
  std::string bytes = ReadFile(path_);
  bytes[3] ^= 1;
  WriteFile(path_, bytes);
  auto ring = StagingRing::Open(path_, kSmallRing);
  ASSERT_FALSE(ring.ok());
  EXPECT_EQ(ring.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(ring.status().message().find(path_), std::string::npos);
  EXPECT_EQ(ReadFile(path_), bytes);
}

}  // namespace
}  // namespace nethical::audit
