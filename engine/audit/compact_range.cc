#include "engine/audit/compact_range.h"

#include <bit>
#include <utility>

namespace nethical::audit {

void CompactRange::Append(const Hash& leaf_hash) {
  Hash carry = leaf_hash;
  // Each trailing one bit of size_ is a perfect subtree of the same height
  // as `carry`: merge them, like a binary counter's carry.
  for (uint64_t s = size_; s & 1; s >>= 1) {
    carry = NodeHash(peaks_.back(), carry);
    peaks_.pop_back();
  }
  peaks_.push_back(carry);
  ++size_;
}

std::optional<CompactRange> CompactRange::FromPeaks(uint64_t size, std::vector<Hash> peaks) {
  if (peaks.size() != static_cast<size_t>(std::popcount(size))) return std::nullopt;
  CompactRange range;
  range.size_ = size;
  range.peaks_ = std::move(peaks);
  return range;
}

Hash CompactRange::Root() const {
  if (peaks_.empty()) return EmptyTreeRoot();
  Hash root = peaks_.back();
  for (size_t i = peaks_.size() - 1; i-- > 0;) root = NodeHash(peaks_[i], root);
  return root;
}

}  // namespace nethical::audit
