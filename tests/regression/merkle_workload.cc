// The audit log's Merkle work without its writer thread: 20,000 distinct
// 200-byte records leaf-hashed (RFC 6962), appended to a CompactRange (the
// writer's frontier, anchored every 100 leaves as at the default batch size)
// and to a MerkleTree (the audit tool's full tree), then 64 inclusion and 16
// consistency proofs generated from the tree and verified against the roots.
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "engine/audit/compact_range.h"
#include "engine/audit/merkle_hash.h"
#include "engine/audit/merkle_tree.h"
#include "engine/audit/merkle_verify.h"
#include "tests/regression/workload.h"

namespace nethical::regression {
namespace {

uint64_t Head(const audit::Hash& h) {
  uint64_t v = 0;
  std::memcpy(&v, h.data(), sizeof(v));
  return v;
}

}  // namespace

uint64_t RunWorkload() {
  constexpr uint64_t kLeaves = 20000;
  constexpr uint64_t kAnchorEvery = 100;
  constexpr size_t kRecordSize = 200;
  audit::CompactRange range;
  audit::MerkleTree tree;
  std::vector<audit::Hash> anchors;  // CompactRange roots at every anchor
  std::string record(kRecordSize, '\0');
  uint64_t checksum = 0;
  for (uint64_t i = 0; i < kLeaves; ++i) {
    for (size_t j = 0; j < kRecordSize; ++j) record[j] = static_cast<char>('a' + (i * 31 + j * 7) % 26);
    const audit::Hash leaf = audit::LeafHash(record);
    range.Append(leaf);
    tree.AppendLeaf(leaf);
    if (range.size() % kAnchorEvery == 0) anchors.push_back(range.Root());
  }
  for (const audit::Hash& a : anchors) checksum = checksum * 1099511628211ULL ^ Head(a);

  const audit::Hash root = range.Root();
  for (uint64_t k = 0; k < 64; ++k) {
    const uint64_t index = k * 7919 % kLeaves;
    auto proof = tree.InclusionProof(index, kLeaves);
    auto leaf = tree.LeafHashAt(index);
    if (!proof.ok() || !leaf.ok()) return 0;
    const Status s = audit::VerifyInclusion(index, kLeaves, audit::AsBytes(*leaf), audit::AsBytes(*proof),
                                            audit::AsBytes(root));
    checksum = checksum * 1099511628211ULL ^ (s.ok() ? proof->size() : 0xdead);
  }
  for (uint64_t k = 1; k <= 16; ++k) {
    const uint64_t size1 = k * kAnchorEvery * 12 - 1;
    auto proof = tree.ConsistencyProof(size1, kLeaves);
    auto root1 = tree.RootAt(size1);
    if (!proof.ok() || !root1.ok()) return 0;
    const Status s = audit::VerifyConsistency(size1, kLeaves, audit::AsBytes(*proof), audit::AsBytes(*root1),
                                              audit::AsBytes(root));
    checksum = checksum * 1099511628211ULL ^ (s.ok() ? proof->size() : 0xbeef);
  }
  return checksum ^ Head(root);
}

}  // namespace nethical::regression
