// Fuzzes the audit log's staging ring (engine/audit/staging_ring.h): the
// input is a program of ring operations (put frames, flush some, restart)
// on a small ring, then byte damage to the file; the ring is reopened and
// walked as recovery walks it. Invariants:
//   * without damage the walk gives back exactly the unflushed entries, in
//     order, with their bytes;
//   * with damage the walk never invents: every entry it gives back was
//     put (in some epoch: a damaged checkpoint falls back to the one
//     before) with exactly those frames, offsets are contiguous, and it
//     stays inside the file (ASan checks the reads);
//   * the read-only view walks the same entries.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "engine/audit/segment_format.h"
#include "engine/audit/staging_ring.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_input.h"
#include "tests/fuzz/temp_file.h"

namespace {

using namespace nethical::audit;

constexpr uint64_t kRingBytes = StagingRing::kHeaderBytes + 16384;

struct Entry {
  uint64_t segment, offset;
  std::string frames;
  bool operator==(const Entry&) const = default;
};

std::vector<Entry> Walk(const StagingRing& ring) {
  std::vector<Entry> seen;
  const nethical::Status s =
      ring.ForEachUnflushed([&](uint64_t segment, uint64_t offset, std::string_view frames) {
        seen.push_back({segment, offset, std::string(frames)});
        return nethical::Status::Ok();
      });
  FUZZ_CHECK(s.ok(), "the walk failed: " + s.message());
  return seen;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace fs = std::filesystem;
  nethical::fuzz::FuzzInput in(data, size);
  const std::string path = nethical::fuzz::ScratchDir() + "/staging.ring";
  std::error_code ec;
  fs::remove(path, ec);

  std::vector<Entry> put;        // every entry put, in order
  std::vector<Entry> unflushed;  // the model of what the walk must give back
  {
    auto ring = StagingRing::Open(path, kRingBytes);
    FUZZ_CHECK(ring.ok(), "cannot create the ring: " + ring.status().message());
    uint64_t segment = 0, offset = kSegmentHeaderSize;
    (*ring)->Restart(segment, offset);
    const int ops = in.Byte() % 64;  // the rest of the input after them is damage
    for (int op = 0; op < ops; ++op) {
      const uint8_t code = in.Byte();
      if (code % 8 == 7) {  // a new epoch, maybe a new segment
        if (in.Bool()) {
          ++segment;
          offset = kSegmentHeaderSize;
        }
        (*ring)->Restart(segment, offset);
        unflushed.clear();         // entries of earlier epochs stay in `put`: real data
      } else if (code % 8 >= 5) {  // flush the oldest entries
        const StagingRing::Batch b = (*ring)->Unflushed(in.Byte() * 64);
        (*ring)->MarkFlushed(b);
        unflushed.erase(unflushed.begin(), unflushed.begin() + static_cast<long>(b.parts.size()));
      } else {  // put 1-3 record frames
        std::string frames;
        const int n = 1 + code % 3;
        for (int i = 0; i < n; ++i) {
          const size_t len = in.Byte() * 8;
          AppendFrame(FrameType::kRecord, std::string(len, static_cast<char>('a' + op % 26)), &frames);
        }
        if (!(*ring)->Fits(frames.size())) {
          const StagingRing::Batch b = (*ring)->Unflushed(UINT64_MAX);
          (*ring)->MarkFlushed(b);
          unflushed.erase(unflushed.begin(), unflushed.begin() + static_cast<long>(b.parts.size()));
          if (!(*ring)->Fits(frames.size())) continue;  // over a quarter of the ring
        }
        (*ring)->Put(segment, offset, frames, 0, 0);
        put.push_back({segment, offset, frames});
        unflushed.push_back(put.back());
        offset += frames.size();
      }
    }
  }
  {
    auto ring = StagingRing::Open(path, kRingBytes);
    FUZZ_CHECK(ring.ok(), "cannot reopen the ring: " + ring.status().message());
    FUZZ_CHECK(Walk(**ring) == unflushed, "the walk does not give back exactly the unflushed entries");
  }

  // Damage: (position, xor) pairs from the rest of the input, anywhere
  // after the ring's own header (whose damage is reported, not walked).
  std::string bytes;
  {
    std::ifstream f(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(f), {});
  }
  bool damaged = false;
  while (in.remaining() >= 3) {
    const uint64_t at = 64 + (uint64_t{in.Byte()} | uint64_t{in.Byte()} << 8) * (bytes.size() - 64) / 65536;
    const char x = static_cast<char>(in.Byte() | 1);
    bytes[at] ^= x;
    damaged = true;
  }
  if (!damaged) return 0;
  nethical::fuzz::WriteFileOrDie(path, bytes);
  auto ring = StagingRing::Open(path, kRingBytes);
  FUZZ_CHECK(ring.ok(), "damage after the header failed Open: " + ring.status().message());
  const std::vector<Entry> seen = Walk(**ring);
  for (size_t i = 0; i < seen.size(); ++i) {
    bool found = false;
    for (const Entry& e : put) found = found || e == seen[i];
    FUZZ_CHECK(found, "the walk gave back an entry that was never put");
    if (i > 0) {
      FUZZ_CHECK(seen[i].segment == seen[i - 1].segment &&
                     seen[i].offset == seen[i - 1].offset + seen[i - 1].frames.size(),
                 "the walk's entries are not contiguous");
    }
  }
  auto reader = StagingRing::OpenForReading(path);
  FUZZ_CHECK(reader.ok(), "the read-only view failed: " + reader.status().message());
  FUZZ_CHECK(Walk(**reader) == seen, "the read-only view walks other entries");
  return 0;
}
