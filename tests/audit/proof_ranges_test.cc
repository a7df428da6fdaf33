// StreamingProof (engine/audit/proof_ranges.h) gives the very proofs
// MerkleTree gives, for every index and size of small trees and for random
// ones of larger trees, from leaves streamed once in order.
#include "engine/audit/proof_ranges.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/audit/merkle_tree.h"

namespace nethical::audit {
namespace {

std::vector<Hash> Leaves(uint64_t n) {
  std::vector<Hash> leaves;
  for (uint64_t i = 0; i < n; ++i) leaves.push_back(LeafHash("leaf " + std::to_string(i)));
  return leaves;
}

MerkleTree TreeOf(const std::vector<Hash>& leaves) {
  MerkleTree tree;
  for (const Hash& h : leaves) tree.AppendLeaf(h);
  return tree;
}

// The proof of `ranges` streamed over every leaf (also those after them).
std::vector<Hash> Streamed(std::vector<LeafRange> ranges, const std::vector<Hash>& leaves) {
  StreamingProof proof(std::move(ranges));
  for (const Hash& h : leaves) proof.AddLeaf(h);
  EXPECT_TRUE(proof.done());
  return proof.hashes();
}

TEST(ProofRangesTest, InclusionProofsMatchTheFullTreeForEveryIndexOfSmallTrees) {
  const std::vector<Hash> leaves = Leaves(70);
  const MerkleTree tree = TreeOf(leaves);
  for (uint64_t n = 1; n <= 70; ++n) {
    for (uint64_t i = 0; i < n; ++i) {
      ASSERT_EQ(Streamed(InclusionProofRanges(i, n), leaves), *tree.InclusionProof(i, n))
          << "index " << i << ", size " << n;
    }
  }
}

TEST(ProofRangesTest, ConsistencyProofsMatchTheFullTreeForEveryPairOfSmallSizes) {
  const std::vector<Hash> leaves = Leaves(70);
  const MerkleTree tree = TreeOf(leaves);
  for (uint64_t n = 0; n <= 70; ++n) {
    for (uint64_t m = 0; m <= n; ++m) {
      ASSERT_EQ(Streamed(ConsistencyProofRanges(m, n), leaves), *tree.ConsistencyProof(m, n))
          << "from " << m << " to " << n;
    }
  }
}

TEST(ProofRangesTest, ProofsMatchTheFullTreeForRandomIndexesAndSizesOfALargerTree) {
  const std::vector<Hash> leaves = Leaves(5000);
  const MerkleTree tree = TreeOf(leaves);
  std::mt19937_64 rng(16);
  for (int trial = 0; trial < 300; ++trial) {
    const uint64_t n = 1 + rng() % leaves.size();
    const uint64_t i = rng() % n;
    const uint64_t m = rng() % (n + 1);
    ASSERT_EQ(Streamed(InclusionProofRanges(i, n), leaves), *tree.InclusionProof(i, n)) << i << " in " << n;
    ASSERT_EQ(Streamed(ConsistencyProofRanges(m, n), leaves), *tree.ConsistencyProof(m, n))
        << m << " to " << n;
  }
}

TEST(ProofRangesTest, RangesAreDisjointAndLeaveOutOnlyTheProvenLeaf) {
  // An inclusion proof's subtrees tile the tree but for the leaf itself.
  for (uint64_t n = 1; n <= 40; ++n) {
    for (uint64_t i = 0; i < n; ++i) {
      std::vector<int> cover(n, 0);
      for (const LeafRange& r : InclusionProofRanges(i, n)) {
        for (uint64_t k = r.begin; k < r.end; ++k) ++cover[k];
      }
      for (uint64_t k = 0; k < n; ++k)
        ASSERT_EQ(cover[k], k == i ? 0 : 1) << k << " of " << n << ", leaf " << i;
    }
  }
}

TEST(ProofRangesTest, AStreamThatEndsEarlyIsNotDone) {
  const std::vector<Hash> leaves = Leaves(10);
  StreamingProof proof(InclusionProofRanges(2, 10));
  for (uint64_t i = 0; i < 9; ++i) proof.AddLeaf(leaves[i]);
  EXPECT_FALSE(proof.done());
  proof.AddLeaf(leaves[9]);
  EXPECT_TRUE(proof.done());
}

}  // namespace
}  // namespace nethical::audit
