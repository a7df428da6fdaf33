#include "engine/audit/log_prover.h"

#include <functional>

#include "engine/audit/compact_range.h"
#include "engine/audit/log_reader.h"
#include "engine/audit/proof_ranges.h"
#include "engine/audit/tree_head.h"

namespace nethical::audit {
namespace {

struct Scanned {
  uint64_t records = 0;
  std::optional<uint64_t> newest_head;
};

// Scans the whole log strictly; calls on_leaf(index, leaf hash) for its
// first `limit` records only (the rest are not hashed).
StatusOr<Scanned> StreamLeaves(const std::string& audit_dir, uint64_t limit,
                               const std::function<void(uint64_t, const Hash&)>& on_leaf) {
  Scanned scanned;
  ScanTail tail;
  Status s = ScanLog(
      audit_dir, TailPolicy::kStrict,
      [&](const FrameVisit& f) -> Status {
        if (f.type == FrameType::kRecord) {
          if (f.record_index < limit) on_leaf(f.record_index, LeafHash(f.payload));
        } else if (f.type == FrameType::kTreeHead) {
          auto head = DecodeTreeHead(f.payload);
          if (!head.ok()) {
            return DataLoss("tree head after record " + std::to_string(f.record_index) + ": " +
                            head.status().message());
          }
          scanned.newest_head = head->tree_size;
        }
        return Status::Ok();
      },
      &tail);
  if (!s.ok()) return s;
  if (tail.last_segment.empty()) return NotFound("no audit segments in " + audit_dir);
  scanned.records = tail.records;
  return scanned;
}

Status SizeWithinLog(uint64_t tree_size, uint64_t records) {
  if (tree_size <= records) return Status::Ok();
  return InvalidArgument("tree size " + std::to_string(tree_size) + " exceeds the log size " +
                         std::to_string(records));
}

}  // namespace

StatusOr<InclusionProof> ProveInclusion(const std::string& audit_dir, uint64_t index,
                                        std::optional<uint64_t> tree_size) {
  if (!tree_size) {
    auto heads = StreamLeaves(audit_dir, 0, nullptr);
    if (!heads.ok()) return heads.status();
    tree_size = heads->newest_head.value_or(heads->records);
  }
  InclusionProof p;
  p.tree_size = *tree_size;
  StreamingProof proof(index < p.tree_size ? InclusionProofRanges(index, p.tree_size)
                                           : std::vector<LeafRange>());
  CompactRange range;
  auto scanned = StreamLeaves(audit_dir, p.tree_size, [&](uint64_t i, const Hash& leaf) {
    if (i == index) p.leaf_hash = leaf;
    proof.AddLeaf(leaf);
    range.Append(leaf);
  });
  if (!scanned.ok()) return scanned.status();
  if (Status s = SizeWithinLog(p.tree_size, scanned->records); !s.ok()) return s;
  if (index >= p.tree_size) {
    return InvalidArgument("leaf index " + std::to_string(index) + " is not below the tree size " +
                           std::to_string(p.tree_size));
  }
  p.root = range.Root();
  p.proof = proof.hashes();
  return p;
}

StatusOr<ConsistencyProof> ProveConsistency(const std::string& audit_dir, uint64_t size1, uint64_t size2) {
  ConsistencyProof c;
  StreamingProof proof(size1 <= size2 ? ConsistencyProofRanges(size1, size2) : std::vector<LeafRange>());
  CompactRange range;
  if (size1 == 0) c.root1 = range.Root();
  auto scanned = StreamLeaves(audit_dir, size2, [&](uint64_t, const Hash& leaf) {
    proof.AddLeaf(leaf);
    range.Append(leaf);
    if (range.size() == size1) c.root1 = range.Root();
  });
  if (!scanned.ok()) return scanned.status();
  if (Status s = SizeWithinLog(size2, scanned->records); !s.ok()) return s;
  if (size1 > size2) {
    return InvalidArgument("--from " + std::to_string(size1) + " is greater than --to " +
                           std::to_string(size2));
  }
  c.root2 = range.Root();
  c.proof = proof.hashes();
  return c;
}

}  // namespace nethical::audit
