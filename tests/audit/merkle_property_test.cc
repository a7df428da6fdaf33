// Property tests (fixed seeds): for random tree sizes up to 10k, every
// generated inclusion and consistency proof verifies, and flipping any
// single bit of a proof hash, a root or a leaf makes it fail.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "engine/audit/merkle_tree.h"
#include "engine/audit/merkle_verify.h"

namespace nethical::audit {
namespace {

constexpr uint64_t kMaxSize = 10'000;

class MerklePropertyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (uint64_t i = 0; i < kMaxSize; ++i) {
      tree_.AppendLeaf(LeafHash("record " + std::to_string(i)));
    }
  }
  MerkleTree tree_;
  std::mt19937_64 rng_{20261129};
};

std::string Flip(std::string_view bytes, size_t bit) {
  std::string s(bytes);
  s[bit / 8] = static_cast<char>(s[bit / 8] ^ (1 << (bit % 8)));
  return s;
}

TEST_F(MerklePropertyTest, EveryInclusionProofVerifies) {
  for (int trial = 0; trial < 2000; ++trial) {
    const uint64_t size = 1 + rng_() % kMaxSize;
    const uint64_t index = rng_() % size;
    const auto proof = tree_.InclusionProof(index, size);
    ASSERT_TRUE(proof.ok());
    const Hash leaf = *tree_.LeafHashAt(index);
    const Hash root = *tree_.RootAt(size);
    const Status s = VerifyInclusion(index, size, AsBytes(leaf), AsBytes(*proof), AsBytes(root));
    ASSERT_TRUE(s.ok()) << "index " << index << " size " << size << ": " << s.message();
  }
}

TEST_F(MerklePropertyTest, EveryConsistencyProofVerifies) {
  for (int trial = 0; trial < 2000; ++trial) {
    const uint64_t size2 = 1 + rng_() % kMaxSize;
    const uint64_t size1 = 1 + rng_() % size2;
    const auto proof = tree_.ConsistencyProof(size1, size2);
    ASSERT_TRUE(proof.ok());
    const Hash root1 = *tree_.RootAt(size1);
    const Hash root2 = *tree_.RootAt(size2);
    const Status s = VerifyConsistency(size1, size2, AsBytes(*proof), AsBytes(root1), AsBytes(root2));
    ASSERT_TRUE(s.ok()) << size1 << " -> " << size2 << ": " << s.message();
  }
}

TEST_F(MerklePropertyTest, AnySingleBitFlipBreaksAnInclusionProof) {
  for (int trial = 0; trial < 40; ++trial) {
    const uint64_t size = 2 + rng_() % (kMaxSize - 1);
    const uint64_t index = rng_() % size;
    const auto proof = *tree_.InclusionProof(index, size);
    const Hash leaf = *tree_.LeafHashAt(index);
    const Hash root = *tree_.RootAt(size);
    auto views = AsBytes(proof);
    for (size_t bit = 0; bit < 256; ++bit) {
      ASSERT_FALSE(VerifyInclusion(index, size, Flip(AsBytes(leaf), bit), views, AsBytes(root)).ok());
      ASSERT_FALSE(VerifyInclusion(index, size, AsBytes(leaf), views, Flip(AsBytes(root), bit)).ok());
      const size_t which = rng_() % proof.size();
      const std::string flipped = Flip(AsBytes(proof[which]), bit);
      auto bad = views;
      bad[which] = flipped;
      ASSERT_FALSE(VerifyInclusion(index, size, AsBytes(leaf), bad, AsBytes(root)).ok())
          << "proof[" << which << "] bit " << bit;
    }
  }
}

TEST_F(MerklePropertyTest, AnySingleBitFlipBreaksAConsistencyProof) {
  for (int trial = 0; trial < 40; ++trial) {
    const uint64_t size2 = 3 + rng_() % (kMaxSize - 2);
    const uint64_t size1 = 1 + rng_() % (size2 - 1);
    const auto proof = *tree_.ConsistencyProof(size1, size2);
    const Hash root1 = *tree_.RootAt(size1);
    const Hash root2 = *tree_.RootAt(size2);
    auto views = AsBytes(proof);
    for (size_t bit = 0; bit < 256; ++bit) {
      ASSERT_FALSE(VerifyConsistency(size1, size2, views, Flip(AsBytes(root1), bit), AsBytes(root2)).ok());
      ASSERT_FALSE(VerifyConsistency(size1, size2, views, AsBytes(root1), Flip(AsBytes(root2), bit)).ok());
      const size_t which = rng_() % proof.size();
      const std::string flipped = Flip(AsBytes(proof[which]), bit);
      auto bad = views;
      bad[which] = flipped;
      ASSERT_FALSE(VerifyConsistency(size1, size2, bad, AsBytes(root1), AsBytes(root2)).ok())
          << size1 << " -> " << size2 << " proof[" << which << "] bit " << bit;
    }
  }
}

TEST_F(MerklePropertyTest, AnySingleBitFlipInARecordFailsItsInclusionProof) {
  const uint64_t size = kMaxSize;
  for (const uint64_t index : {uint64_t{0}, uint64_t{4242}, kMaxSize - 1}) {
    const std::string record = "record " + std::to_string(index);
    const auto proof = *tree_.InclusionProof(index, size);
    const Hash root = *tree_.RootAt(size);
    ASSERT_TRUE(VerifyInclusion(index, size, AsBytes(LeafHash(record)), AsBytes(proof), AsBytes(root)).ok());
    for (size_t bit = 0; bit < record.size() * 8; ++bit) {
      const Hash flipped = LeafHash(Flip(record, bit));
      ASSERT_FALSE(VerifyInclusion(index, size, AsBytes(flipped), AsBytes(proof), AsBytes(root)).ok())
          << "record " << index << " bit " << bit;
    }
  }
}

}  // namespace
}  // namespace nethical::audit
