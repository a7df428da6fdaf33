#include "engine/audit/merkle_tree.h"

#include <bit>
#include <string>

namespace nethical::audit {
namespace {

// Largest power of two strictly less than n. REQUIRES: n >= 2.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

}  // namespace

void MerkleTree::AppendLeaf(const Hash& leaf_hash) {
  if (levels_.empty()) levels_.emplace_back();
  levels_[0].push_back(leaf_hash);
  for (size_t k = 0; levels_[k].size() % 2 == 0; ++k) {
    const auto& level = levels_[k];
    Hash parent = NodeHash(level[level.size() - 2], level[level.size() - 1]);
    if (levels_.size() == k + 1) levels_.emplace_back();
    levels_[k + 1].push_back(parent);
  }
}

Hash MerkleTree::RangeRoot(uint64_t begin, uint64_t end) const {
  const uint64_t n = end - begin;
  if (std::has_single_bit(n)) {
    const int level = std::countr_zero(n);
    return levels_[level][begin >> level];
  }
  const uint64_t k = SplitPoint(n);
  return NodeHash(RangeRoot(begin, begin + k), RangeRoot(begin + k, end));
}

StatusOr<Hash> MerkleTree::LeafHashAt(uint64_t index) const {
  if (index >= size()) {
    return InvalidArgument("leaf index " + std::to_string(index) + " is not below the log size " +
                           std::to_string(size()));
  }
  return levels_[0][index];
}

StatusOr<Hash> MerkleTree::RootAt(uint64_t tree_size) const {
  if (tree_size > size()) {
    return InvalidArgument("tree size " + std::to_string(tree_size) + " exceeds the log size " +
                           std::to_string(size()));
  }
  if (tree_size == 0) return EmptyTreeRoot();
  return RangeRoot(0, tree_size);
}

StatusOr<std::vector<Hash>> MerkleTree::InclusionProof(uint64_t index, uint64_t tree_size) const {
  if (tree_size > size()) {
    return InvalidArgument("tree size " + std::to_string(tree_size) + " exceeds the log size " +
                           std::to_string(size()));
  }
  if (index >= tree_size) {
    return InvalidArgument("leaf index " + std::to_string(index) + " is not below the tree size " +
                           std::to_string(tree_size));
  }
  return Hashes(InclusionProofRanges(index, tree_size));
}

StatusOr<std::vector<Hash>> MerkleTree::ConsistencyProof(uint64_t size1, uint64_t size2) const {
  if (size2 > size()) {
    return InvalidArgument("tree size " + std::to_string(size2) + " exceeds the log size " +
                           std::to_string(size()));
  }
  if (size1 > size2) {
    return InvalidArgument("--from " + std::to_string(size1) + " is greater than --to " +
                           std::to_string(size2));
  }
  return Hashes(ConsistencyProofRanges(size1, size2));
}

std::vector<Hash> MerkleTree::Hashes(const std::vector<LeafRange>& ranges) const {
  std::vector<Hash> hashes;
  hashes.reserve(ranges.size());
  for (const LeafRange& r : ranges) hashes.push_back(RangeRoot(r.begin, r.end));
  return hashes;
}

}  // namespace nethical::audit
