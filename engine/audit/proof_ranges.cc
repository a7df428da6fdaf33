#include "engine/audit/proof_ranges.h"

#include <algorithm>
#include <bit>
#include <numeric>
#include <utility>

namespace nethical::audit {
namespace {

// Largest power of two strictly less than n. REQUIRES: n >= 2.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

// RFC 6962 PATH(m, D[begin:end]).
void Path(uint64_t index, uint64_t begin, uint64_t end, std::vector<LeafRange>* out) {
  const uint64_t n = end - begin;
  if (n <= 1) return;
  const uint64_t k = SplitPoint(n);
  if (index < k) {
    Path(index, begin, begin + k, out);
    out->push_back({begin + k, end});
  } else {
    Path(index - k, begin + k, end, out);
    out->push_back({begin, begin + k});
  }
}

// RFC 6962 SUBPROOF(m, D[begin:end], whole_subtree).
void SubProof(uint64_t m, uint64_t begin, uint64_t end, bool whole_subtree, std::vector<LeafRange>* out) {
  const uint64_t n = end - begin;
  if (m == n) {
    if (!whole_subtree) out->push_back({begin, end});
    return;
  }
  const uint64_t k = SplitPoint(n);
  if (m <= k) {
    SubProof(m, begin, begin + k, whole_subtree, out);
    out->push_back({begin + k, end});
  } else {
    SubProof(m - k, begin + k, end, false, out);
    out->push_back({begin, begin + k});
  }
}

}  // namespace

std::vector<LeafRange> InclusionProofRanges(uint64_t index, uint64_t tree_size) {
  std::vector<LeafRange> ranges;
  Path(index, 0, tree_size, &ranges);
  return ranges;
}

std::vector<LeafRange> ConsistencyProofRanges(uint64_t size1, uint64_t size2) {
  std::vector<LeafRange> ranges;
  if (size1 == 0 || size1 == size2) return ranges;
  SubProof(size1, 0, size2, true, &ranges);
  return ranges;
}

StreamingProof::StreamingProof(std::vector<LeafRange> ranges)
    : ranges_(std::move(ranges)), order_(ranges_.size()), hashes_(ranges_.size()) {
  std::iota(order_.begin(), order_.end(), size_t{0});
  std::sort(order_.begin(), order_.end(),
            [&](size_t a, size_t b) { return ranges_[a].begin < ranges_[b].begin; });
}

void StreamingProof::AddLeaf(const Hash& leaf_hash) {
  const uint64_t leaf = leaves_++;
  if (done()) return;
  const LeafRange& r = ranges_[order_[next_]];
  if (leaf < r.begin) return;  // between ranges: the proven leaf, or the old tree's
  current_.Append(leaf_hash);
  if (leaf + 1 == r.end) {
    hashes_[order_[next_]] = current_.Root();
    current_ = CompactRange();
    ++next_;
  }
}

}  // namespace nethical::audit
