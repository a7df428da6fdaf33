// Fuzzes RFC 6962 proof verification (engine/audit/merkle_verify.h) two ways,
// chosen by the first byte:
//   * real tree (odd): a MerkleTree of 1..64 leaves gives a true inclusion
//     or consistency proof and roots; the input then mutates them (flip a
//     bit, drop, duplicate or truncate a hash, swap or damage roots, move
//     the index). Verification must accept exactly when the result still
//     equals the true proof, leaf and roots of the tree (SHA-256 makes any
//     other accepted proof a collision).
//   * reference (even): index, sizes, hashes and proof all come from the
//     input, and VerifyInclusion / VerifyConsistency must agree with a
//     literal transcription of RFC 9162 §2.1.3.2 and §2.1.4.2 (with the
//     edge cases merkle_verify.h documents), and RootFromInclusionProof
//     with VerifyInclusion.
// Rejections must carry a one-line message.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/audit/merkle_hash.h"
#include "engine/audit/merkle_tree.h"
#include "engine/audit/merkle_verify.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

using namespace nethical::audit;
using nethical::fuzz::FuzzInput;

std::string Bytes(const Hash& h) { return std::string(AsBytes(h)); }

std::vector<std::string> Bytes(const std::vector<Hash>& hashes) {
  std::vector<std::string> out;
  for (const Hash& h : hashes) out.push_back(Bytes(h));
  return out;
}

std::vector<std::string_view> Views(const std::vector<std::string>& v) {
  return std::vector<std::string_view>(v.begin(), v.end());
}

void CheckMessage(const nethical::Status& s) {
  if (!s.ok())
    FUZZ_CHECK(nethical::fuzz::IsOneLineMessage(s.message()), "error is not one line: " + s.message());
}

void FlipBit(std::string* s, uint8_t bit) {
  if (!s->empty()) (*s)[(bit / 8) % s->size()] ^= static_cast<char>(1 << (bit % 8));
}

bool ReferenceInclusion(uint64_t index, uint64_t size, const std::string& leaf,
                        const std::vector<std::string>& path, const std::string& root);
bool ReferenceConsistency(uint64_t first, uint64_t second, std::vector<std::string> path,
                          const std::string& first_hash, const std::string& second_hash);

// ---------------------------------------------------------------- real tree

// Mutates `proof` (and the strings in `others`) as the input says.
void Mutate(FuzzInput& in, std::vector<std::string>* proof, std::vector<std::string*> others) {
  const int count = in.Byte() % 4;
  for (int m = 0; m < count; ++m) {
    const uint8_t kind = in.Byte() % 6, pos = in.Byte(), bit = in.Byte();
    const size_t at = proof->empty() ? 0 : pos % proof->size();
    switch (kind) {
      case 0:
        if (!proof->empty()) FlipBit(&(*proof)[at], bit);
        break;
      case 1:
        if (!proof->empty()) proof->erase(proof->begin() + at);
        break;
      case 2:
        proof->insert(proof->begin() + at, proof->empty() ? std::string(kHashSize, 'x') : (*proof)[at]);
        break;
      case 3:
        if (!proof->empty()) (*proof)[at].resize(bit % kHashSize);
        break;
      case 4:
        FlipBit(others[pos % others.size()], bit);
        break;
      case 5:
        if (others.size() > 1)
          std::swap(*others[0], *others[1]);
        else if (!proof->empty())
          std::swap((*proof)[at], *others[0]);
        break;
    }
  }
}

void RealTreeInclusion(FuzzInput& in, const MerkleTree& tree) {
  const uint64_t n = tree.size();
  const uint64_t size = 1 + in.Byte() % n;
  uint64_t index = in.Byte() % size;
  std::vector<std::string> proof = Bytes(*tree.InclusionProof(index, size));
  std::string leaf = Bytes(*tree.LeafHashAt(index));
  std::string root = Bytes(*tree.RootAt(size));
  Mutate(in, &proof, {&leaf, &root});
  if (in.Byte() % 4 == 0) index = in.Byte() % (size + 1);  // another claimed index, maybe out of range

  // Against the true root only the true leaf and proof may pass. A damaged
  // root is the root of some other tree, and a leaf and proof damaged to
  // match it (size 1: leaf == root) are a true proof for that tree: there
  // the reference algorithm decides.
  const bool true_root = root == Bytes(*tree.RootAt(size));
  const bool should_accept = true_root ? index < size && leaf == Bytes(*tree.LeafHashAt(index)) &&
                                             proof == Bytes(*tree.InclusionProof(index, size))
                                       : ReferenceInclusion(index, size, leaf, proof, root);
  const nethical::Status s = VerifyInclusion(index, size, leaf, Views(proof), root);
  CheckMessage(s);
  FUZZ_CHECK(s.ok() == should_accept, should_accept ? "rejected a true inclusion proof: " + s.message()
                                                    : "accepted a false inclusion proof");
}

void RealTreeConsistency(FuzzInput& in, const MerkleTree& tree) {
  const uint64_t n = tree.size();
  const uint64_t size2 = 1 + in.Byte() % n;
  const uint64_t size1 = in.Byte() % (size2 + 1);  // 0 included: must be refused
  std::vector<std::string> proof;
  if (size1 > 0) proof = Bytes(*tree.ConsistencyProof(size1, size2));
  const std::string true_root1 = size1 > 0 ? Bytes(*tree.RootAt(size1)) : Bytes(EmptyTreeRoot());
  const std::string true_root2 = Bytes(*tree.RootAt(size2));
  const std::vector<std::string> true_proof = proof;
  std::string root1 = true_root1, root2 = true_root2;
  Mutate(in, &proof, {&root1, &root2});

  // Equal sizes have nothing to prove: the same bytes for both roots pass
  // (as transparency-dev/merkle's vectors require), whatever they are.
  const bool true_roots = root1 == true_root1 && root2 == true_root2;
  const bool should_accept =
      size1 > 0 && (size1 == size2 ? proof.empty() && root1 == root2
                    : true_roots   ? proof == true_proof
                                   : ReferenceConsistency(size1, size2, proof, root1, root2));
  const nethical::Status s = VerifyConsistency(size1, size2, Views(proof), root1, root2);
  CheckMessage(s);
  FUZZ_CHECK(s.ok() == should_accept, should_accept ? "rejected a true consistency proof: " + s.message()
                                                    : "accepted a false consistency proof");
}

// ---------------------------------------------------------------- reference

Hash ToHashUnchecked(std::string_view b) {
  Hash h;
  for (size_t i = 0; i < kHashSize; ++i) h[i] = static_cast<uint8_t>(b[i]);
  return h;
}

bool AllHashSized(const std::vector<std::string>& v) {
  for (const std::string& s : v)
    if (s.size() != kHashSize) return false;
  return true;
}

// RFC 9162 §2.1.3.2, step by step.
bool ReferenceInclusion(uint64_t index, uint64_t size, const std::string& leaf,
                        const std::vector<std::string>& path, const std::string& root) {
  if (index >= size || leaf.size() != kHashSize || root.size() != kHashSize || !AllHashSized(path))
    return false;
  uint64_t fn = index, sn = size - 1;
  Hash r = ToHashUnchecked(leaf);
  for (const std::string& p : path) {
    if (sn == 0) return false;
    const Hash ph = ToHashUnchecked(p);
    if ((fn & 1) || fn == sn) {
      r = NodeHash(ph, r);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) fn >>= 1, sn >>= 1;
      }
    } else {
      r = NodeHash(r, ph);
    }
    fn >>= 1, sn >>= 1;
  }
  return sn == 0 && r == ToHashUnchecked(root);
}

// RFC 9162 §2.1.4.2, with the edge cases of merkle_verify.h.
bool ReferenceConsistency(uint64_t first, uint64_t second, std::vector<std::string> path,
                          const std::string& first_hash, const std::string& second_hash) {
  if (second < first || first == 0) return false;
  // As transparency-dev/merkle (and its vectors): equal sizes compare the
  // roots as bytes, whatever their length.
  if (first == second) return path.empty() && first_hash == second_hash;
  if (first_hash.size() != kHashSize || second_hash.size() != kHashSize) return false;
  if (path.empty() || !AllHashSized(path)) return false;
  if ((first & (first - 1)) == 0) path.insert(path.begin(), first_hash);
  uint64_t fn = first - 1, sn = second - 1;
  while (fn & 1) fn >>= 1, sn >>= 1;
  Hash fr = ToHashUnchecked(path[0]), sr = fr;
  for (size_t i = 1; i < path.size(); ++i) {
    if (sn == 0) return false;
    const Hash c = ToHashUnchecked(path[i]);
    if ((fn & 1) || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn != 0) fn >>= 1, sn >>= 1;
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1, sn >>= 1;
  }
  return fr == ToHashUnchecked(first_hash) && sr == ToHashUnchecked(second_hash) && sn == 0;
}

uint64_t SmallOrLarge(FuzzInput& in) { return in.Uint64() >> (in.Byte() % 64); }

// Mostly 32 bytes (a top bit of zero), sometimes another length.
std::string HashLike(FuzzInput& in) {
  const uint8_t len = in.Byte();
  return std::string(in.Bytes((len & 0x80) == 0 ? kHashSize : len % 40));
}

void Reference(FuzzInput& in) {
  const bool inclusion = in.Bool();
  const uint64_t a = SmallOrLarge(in), b = SmallOrLarge(in);
  const std::string h1 = HashLike(in), h2 = HashLike(in);
  std::vector<std::string> proof(in.Byte() % 70);
  for (std::string& p : proof) p = HashLike(in);
  // Let some proofs reuse the given hashes, so that trivial trees can verify.
  if (!proof.empty() && in.Bool()) proof[0] = h1;

  if (inclusion) {
    const nethical::Status s = VerifyInclusion(a, b, h1, Views(proof), h2);
    CheckMessage(s);
    FUZZ_CHECK(s.ok() == ReferenceInclusion(a, b, h1, proof, h2),
               s.ok() ? "accepted an inclusion proof RFC 9162 rejects"
                      : "rejected an inclusion proof RFC 9162 accepts");
    auto root = RootFromInclusionProof(a, b, h1, Views(proof));
    if (root.ok()) {
      FUZZ_CHECK(VerifyInclusion(a, b, h1, Views(proof), AsBytes(*root)).ok(),
                 "the root RootFromInclusionProof returns does not verify");
    } else {
      FUZZ_CHECK(!s.ok(), "VerifyInclusion accepted a proof RootFromInclusionProof rejects");
    }
  } else {
    const nethical::Status s = VerifyConsistency(a, b, Views(proof), h1, h2);
    CheckMessage(s);
    FUZZ_CHECK(s.ok() == ReferenceConsistency(a, b, proof, h1, h2),
               s.ok() ? "accepted a consistency proof RFC 9162 rejects"
                      : "rejected a consistency proof RFC 9162 accepts: " + s.message());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  const uint8_t mode = in.Byte();
  if ((mode & 1) == 0) {
    Reference(in);
    return 0;
  }
  MerkleTree tree;
  const int leaves = 1 + in.Byte() % 64;
  for (int i = 0; i < leaves; ++i) tree.AppendLeaf(LeafHash("leaf-" + std::to_string(i)));
  if (mode & 2) {
    RealTreeInclusion(in, tree);
  } else {
    RealTreeConsistency(in, tree);
  }
  return 0;
}
