// MerkleTree: every perfect-subtree hash of an append-only RFC 6962 tree,
// kept in memory so that inclusion and consistency proofs (RFC 6962 §2.1.1,
// §2.1.2) for any earlier tree size are generated in O(log^2 n) hashes.
//
//   MerkleTree tree;
//   for (auto& r : records) tree.AppendLeaf(LeafHash(r));
//   StatusOr<std::vector<Hash>> p = tree.InclusionProof(7, tree.size());
//
// Memory: about 2n hashes (64 bytes per leaf). This is for tests and
// benchmarks; the writer uses CompactRange, the audit tool StreamingProof
// (proof_ranges.h), which prove the same ranges. Not
// thread-safe for concurrent AppendLeaf; const methods may run concurrently.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/audit/merkle_hash.h"
#include "engine/audit/proof_ranges.h"
#include "engine/base/status.h"

namespace nethical::audit {

class MerkleTree {
 public:
  void AppendLeaf(const Hash& leaf_hash);
  uint64_t size() const { return levels_.empty() ? 0 : levels_[0].size(); }

  // REQUIRES for each: the sizes and index are within the tree; otherwise
  // an InvalidArgument Status naming the bad value.
  StatusOr<Hash> LeafHashAt(uint64_t index) const;
  StatusOr<Hash> RootAt(uint64_t tree_size) const;
  StatusOr<std::vector<Hash>> InclusionProof(uint64_t index, uint64_t tree_size) const;
  StatusOr<std::vector<Hash>> ConsistencyProof(uint64_t size1, uint64_t size2) const;

 private:
  // Root of leaves [begin, end). REQUIRES: 0 < end - begin and begin is a
  // multiple of the largest power of two < end - begin (true for every
  // range RFC 6962's recursions visit).
  Hash RangeRoot(uint64_t begin, uint64_t end) const;
  std::vector<Hash> Hashes(const std::vector<LeafRange>& ranges) const;

  // levels_[k][i] = root of the perfect subtree of leaves [i*2^k, (i+1)*2^k).
  std::vector<std::vector<Hash>> levels_;
};

}  // namespace nethical::audit
