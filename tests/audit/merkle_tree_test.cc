#include "engine/audit/merkle_tree.h"

#include <gtest/gtest.h>

#include <bit>
#include <random>
#include <string>
#include <vector>

#include "engine/audit/compact_range.h"
#include "engine/audit/merkle_verify.h"

namespace nethical::audit {
namespace {

std::string Unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return out;
}

// RFC 6962 §2.1 MTH, written directly from the definition.
Hash ReferenceRoot(const std::vector<Hash>& leaves, size_t begin, size_t end) {
  if (end == begin) return EmptyTreeRoot();
  if (end - begin == 1) return leaves[begin];
  const size_t k = std::bit_floor(end - begin - 1);
  return NodeHash(ReferenceRoot(leaves, begin, begin + k), ReferenceRoot(leaves, begin + k, end));
}

std::vector<Hash> RandomLeaves(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<Hash> leaves(n);
  for (auto& h : leaves) {
    for (auto& b : h) b = static_cast<uint8_t>(rng());
  }
  return leaves;
}

TEST(MerkleHashTest, EightStandardLeavesGiveTheKnownRoot) {
  const std::vector<std::string> data = {
      "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
  CompactRange range;
  for (const auto& d : data) range.Append(LeafHash(Unhex(d)));
  EXPECT_EQ(ToHex(range.Root()), "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
}

TEST(MerkleHashTest, EmptyTreeRootIsSha256OfNothing) {
  EXPECT_EQ(ToHex(CompactRange().Root()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(MerkleHashTest, LeafAndNodeHashesAreDomainSeparated) {
  const Hash a = LeafHash("x");
  const Hash b = LeafHash("y");
  std::string concatenated(reinterpret_cast<const char*>(a.data()), 32);
  concatenated.append(reinterpret_cast<const char*>(b.data()), 32);
  EXPECT_NE(LeafHash(concatenated), NodeHash(a, b));
}

TEST(MerkleHashTest, HexRoundTripsAndRejectsBadDigits) {
  const Hash h = LeafHash("abc");
  EXPECT_EQ(HashFromHex(ToHex(h)), h);
  EXPECT_FALSE(HashFromHex("zz").has_value());
  EXPECT_FALSE(HashFromHex(std::string(64, 'g')).has_value());
}

TEST(CompactRangeTest, RootMatchesRfcDefinitionAtEverySize) {
  const auto leaves = RandomLeaves(300, 1);
  CompactRange range;
  MerkleTree tree;
  for (size_t n = 1; n <= leaves.size(); ++n) {
    range.Append(leaves[n - 1]);
    tree.AppendLeaf(leaves[n - 1]);
    const Hash want = ReferenceRoot(leaves, 0, n);
    ASSERT_EQ(range.Root(), want) << "size " << n;
    ASSERT_EQ(*tree.RootAt(n), want) << "size " << n;
  }
}

TEST(MerkleTreeTest, EarlierRootsStayAvailable) {
  const auto leaves = RandomLeaves(77, 2);
  MerkleTree tree;
  for (const auto& l : leaves) tree.AppendLeaf(l);
  for (size_t n = 0; n <= leaves.size(); ++n) {
    ASSERT_EQ(*tree.RootAt(n), ReferenceRoot(leaves, 0, n)) << "size " << n;
  }
}

TEST(MerkleTreeTest, RejectsProofForWrongTreeSize) {
  MerkleTree tree;
  for (const auto& l : RandomLeaves(10, 3)) tree.AppendLeaf(l);
  EXPECT_EQ(tree.InclusionProof(3, 11).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(tree.InclusionProof(10, 10).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(tree.ConsistencyProof(5, 11).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(tree.ConsistencyProof(6, 5).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(tree.RootAt(11).status().code(), StatusCode::kInvalidArgument);
}

TEST(MerkleTreeTest, ProofForEightLeavesMatchesVectorShape) {
  MerkleTree tree;
  for (const auto& l : RandomLeaves(8, 4)) tree.AppendLeaf(l);
  EXPECT_EQ(tree.InclusionProof(0, 8)->size(), 3u);
  EXPECT_EQ(tree.ConsistencyProof(1, 8)->size(), 3u);
  EXPECT_TRUE(tree.ConsistencyProof(0, 8)->empty());
  EXPECT_TRUE(tree.ConsistencyProof(8, 8)->empty());
}

// Found by fuzz_merkle_verify (UBSan): when the paths to the index and to
// the last leaf diverge at bit 63, the decomposition shifted a u64 by 64
// (undefined; on x86 it counted the whole index as border hashes).
TEST(VerifyInclusionTest, WantsNoBorderHashesWhenPathsDivergeAtTheTopBit) {
  const uint64_t index = (uint64_t{1} << 63) - 1;
  const uint64_t size = ~uint64_t{0};
  const Hash leaf = LeafHash("x");
  std::vector<Hash> proof(64, LeafHash("sibling"));
  auto root = RootFromInclusionProof(index, size, AsBytes(leaf), AsBytes(proof));
  ASSERT_TRUE(root.ok()) << root.status().message();
  EXPECT_TRUE(VerifyInclusion(index, size, AsBytes(leaf), AsBytes(proof), AsBytes(*root)).ok());
  proof.push_back(LeafHash("extra"));
  EXPECT_FALSE(RootFromInclusionProof(index, size, AsBytes(leaf), AsBytes(proof)).ok());
}

}  // namespace
}  // namespace nethical::audit
