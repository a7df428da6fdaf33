#include "engine/audit/merkle_verify.h"

#include <bit>
#include <cstring>
#include <string>

namespace nethical::audit {
namespace {

StatusOr<Hash> ToHash(std::string_view bytes, const char* what) {
  if (bytes.size() != kHashSize) {
    return InvalidArgument(std::string(what) + " has " + std::to_string(bytes.size()) + " bytes, want " +
                           std::to_string(kHashSize));
  }
  Hash h;
  std::memcpy(h.data(), bytes.data(), kHashSize);
  return h;
}

// Inner proof size: levels below the point where the paths to `index` and
// to the last leaf diverge.
int InnerProofSize(uint64_t index, uint64_t size) { return std::bit_width(index ^ (size - 1)); }

struct Decomposition {
  int inner;
  int border;
};

Decomposition Decompose(uint64_t index, uint64_t size) {
  const int inner = InnerProofSize(index, size);
  // inner is 64 when the paths diverge at the top bit: nothing is left of
  // the index above it (and shifting a u64 by 64 is undefined).
  return {inner, inner >= 64 ? 0 : std::popcount(index >> inner)};
}

StatusOr<std::vector<Hash>> ToHashes(const std::vector<std::string_view>& proof) {
  std::vector<Hash> out;
  out.reserve(proof.size());
  for (size_t i = 0; i < proof.size(); ++i) {
    const std::string what = "proof[" + std::to_string(i) + "]";
    auto h = ToHash(proof[i], what.c_str());
    if (!h.ok()) return h.status();
    out.push_back(*h);
  }
  return out;
}

Hash ChainInner(Hash seed, const Hash* proof, int n, uint64_t index) {
  for (int i = 0; i < n; ++i) {
    seed = ((index >> i) & 1) == 0 ? NodeHash(seed, proof[i]) : NodeHash(proof[i], seed);
  }
  return seed;
}

Hash ChainInnerRight(Hash seed, const Hash* proof, int n, uint64_t index) {
  for (int i = 0; i < n; ++i) {
    if ((index >> i) & 1) seed = NodeHash(proof[i], seed);
  }
  return seed;
}

Hash ChainBorderRight(Hash seed, const Hash* proof, int n) {
  for (int i = 0; i < n; ++i) seed = NodeHash(proof[i], seed);
  return seed;
}

Status MatchRoot(const Hash& calculated, std::string_view expected, const char* what) {
  if (expected.size() != kHashSize || std::memcmp(calculated.data(), expected.data(), kHashSize) != 0) {
    return DataLoss(std::string(what) + " mismatch: calculated " + ToHex(calculated) + ", expected " +
                    BytesToHex(expected));
  }
  return Status::Ok();
}

}  // namespace

std::string_view AsBytes(const Hash& h) {
  return std::string_view(reinterpret_cast<const char*>(h.data()), h.size());
}

std::vector<std::string_view> AsBytes(const std::vector<Hash>& hashes) {
  std::vector<std::string_view> out;
  out.reserve(hashes.size());
  for (const Hash& h : hashes) out.push_back(AsBytes(h));
  return out;
}

StatusOr<Hash> RootFromInclusionProof(uint64_t index, uint64_t tree_size, std::string_view leaf_hash,
                                      const std::vector<std::string_view>& proof) {
  if (index >= tree_size) {
    return InvalidArgument("leaf index " + std::to_string(index) + " is not below tree size " +
                           std::to_string(tree_size));
  }
  auto leaf = ToHash(leaf_hash, "leaf hash");
  if (!leaf.ok()) return leaf.status();
  const Decomposition d = Decompose(index, tree_size);
  if (proof.size() != static_cast<size_t>(d.inner + d.border)) {
    return DataLoss("inclusion proof has " + std::to_string(proof.size()) + " hashes, want " +
                    std::to_string(d.inner + d.border));
  }
  auto hashes = ToHashes(proof);
  if (!hashes.ok()) return hashes.status();
  Hash res = ChainInner(*leaf, hashes->data(), d.inner, index);
  return ChainBorderRight(res, hashes->data() + d.inner, d.border);
}

Status VerifyInclusion(uint64_t index, uint64_t tree_size, std::string_view leaf_hash,
                       const std::vector<std::string_view>& proof, std::string_view root) {
  auto calculated = RootFromInclusionProof(index, tree_size, leaf_hash, proof);
  if (!calculated.ok()) return calculated.status();
  return MatchRoot(*calculated, root, "root");
}

Status VerifyConsistency(uint64_t size1, uint64_t size2, const std::vector<std::string_view>& proof,
                         std::string_view root1, std::string_view root2) {
  if (size2 < size1) {
    return InvalidArgument("size2 " + std::to_string(size2) + " is below size1 " + std::to_string(size1));
  }
  if (size1 == 0) {
    // Every tree extends the empty tree, so such a check proves nothing; the
    // reference vectors treat it as an error whatever the proof holds.
    return InvalidArgument("size1 is 0: a consistency check from the empty tree proves nothing");
  }
  if (size1 == size2) {
    if (!proof.empty()) return DataLoss("sizes are equal but the proof is not empty");
    if (root1 != root2) return DataLoss("sizes are equal but the roots differ");
    return Status::Ok();
  }
  if (proof.empty()) return DataLoss("consistency proof is empty");

  Decomposition d = Decompose(size1 - 1, size2);
  const int shift = std::countr_zero(size1);
  d.inner -= shift;  // shift < inner because size1 < size2

  auto hashes = ToHashes(proof);
  if (!hashes.ok()) return hashes.status();
  // The proof starts with the root of the size-2^shift subtree unless size1
  // is exactly that subtree, whose root is root1 itself.
  Hash seed;
  size_t start = 1;
  if (size1 == (uint64_t{1} << shift)) {
    auto r1 = ToHash(root1, "root1");
    if (!r1.ok()) return DataLoss(r1.status().message());
    seed = *r1;
    start = 0;
  } else {
    seed = (*hashes)[0];
  }
  if (hashes->size() != start + d.inner + d.border) {
    return DataLoss("consistency proof has " + std::to_string(hashes->size()) + " hashes, want " +
                    std::to_string(start + d.inner + d.border));
  }
  const Hash* rest = hashes->data() + start;
  const uint64_t mask = (size1 - 1) >> shift;
  Hash hash1 = ChainInnerRight(seed, rest, d.inner, mask);
  hash1 = ChainBorderRight(hash1, rest + d.inner, d.border);
  if (Status s = MatchRoot(hash1, root1, "root1"); !s.ok()) return s;
  Hash hash2 = ChainInner(seed, rest, d.inner, mask);
  hash2 = ChainBorderRight(hash2, rest + d.inner, d.border);
  return MatchRoot(hash2, root2, "root2");
}

}  // namespace nethical::audit
