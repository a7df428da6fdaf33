// The subtrees RFC 6962 proofs are made of (§2.1.1 inclusion, §2.1.2
// consistency), as ranges of leaves, and a builder that hashes them from
// the leaf hashes streamed in log order, in O(log n) memory: how the audit
// tool proves against a log of any length without holding its tree
// (MerkleTree keeps every level; it maps the same ranges to its nodes).
//
//   StreamingProof proof(InclusionProofRanges(7, tree_size));
//   for (each record, in order) proof.AddLeaf(LeafHash(record));
//   if (proof.done()) std::vector<Hash> hashes = proof.hashes();
#pragma once

#include <cstdint>
#include <vector>

#include "engine/audit/compact_range.h"
#include "engine/audit/merkle_hash.h"

namespace nethical::audit {

// Leaves [begin, end): its hash is the RFC 6962 root of those leaves alone.
// begin is a multiple of the largest power of two below end - begin.
struct LeafRange {
  uint64_t begin = 0;
  uint64_t end = 0;
  bool operator==(const LeafRange&) const = default;
};

// The audit path of leaf `index` in the tree of `tree_size` leaves, in
// proof order (nearest the leaf first). REQUIRES: index < tree_size.
std::vector<LeafRange> InclusionProofRanges(uint64_t index, uint64_t tree_size);
// The consistency proof from size1 to size2, in proof order; empty when
// size1 is 0 or size2 (RFC 9162 §2.1.4). REQUIRES: size1 <= size2.
std::vector<LeafRange> ConsistencyProofRanges(uint64_t size1, uint64_t size2);

class StreamingProof {
 public:
  // REQUIRES: the ranges are disjoint (as the two functions above give).
  explicit StreamingProof(std::vector<LeafRange> ranges);
  // The next leaf of the log (leaf number: the leaves added before it).
  void AddLeaf(const Hash& leaf_hash);
  // Every range is complete.
  bool done() const { return next_ == order_.size(); }
  // The ranges' hashes, in the order given. REQUIRES: done().
  const std::vector<Hash>& hashes() const { return hashes_; }

 private:
  std::vector<LeafRange> ranges_;
  std::vector<size_t> order_;  // indexes into ranges_, by begin
  std::vector<Hash> hashes_;
  size_t next_ = 0;  // into order_: the range the next leaves belong to, or after
  uint64_t leaves_ = 0;
  CompactRange current_;
};

}  // namespace nethical::audit
