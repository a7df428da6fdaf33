#include "engine/audit/range_checkpoint.h"

#include <bit>
#include <cstring>
#include <vector>

#include "engine/audit/byte_order.h"

namespace nethical::audit {

void EncodeRangeCheckpoint(const CompactRange& range, uint64_t anchored, std::string* out) {
  PutFixed64(out, range.size());
  PutFixed64(out, anchored);
  for (const Hash& peak : range.peaks()) out->append(reinterpret_cast<const char*>(peak.data()), peak.size());
}

StatusOr<RangeCheckpoint> DecodeRangeCheckpoint(std::string_view payload) {
  if (payload.size() < 16) {
    return DataLoss("range checkpoint is " + std::to_string(payload.size()) + " bytes, want at least 16");
  }
  const uint64_t size = GetFixed64(payload.data());
  const uint64_t anchored = GetFixed64(payload.data() + 8);
  const size_t peaks = static_cast<size_t>(std::popcount(size));
  if (payload.size() != 16 + peaks * kHashSize) {
    return DataLoss("range checkpoint for " + std::to_string(size) + " records is " +
                    std::to_string(payload.size()) + " bytes, want " +
                    std::to_string(16 + peaks * kHashSize));
  }
  if (anchored > size) {
    return DataLoss("range checkpoint says " + std::to_string(anchored) + " of its " + std::to_string(size) +
                    " records are anchored");
  }
  std::vector<Hash> hashes(peaks);
  for (size_t i = 0; i < peaks; ++i)
    std::memcpy(hashes[i].data(), payload.data() + 16 + i * kHashSize, kHashSize);
  RangeCheckpoint checkpoint;
  checkpoint.range = *CompactRange::FromPeaks(size, std::move(hashes));
  checkpoint.anchored = anchored;
  return checkpoint;
}

}  // namespace nethical::audit
