// Inclusion and consistency proofs from a region's audit directory, for
// `nethical audit proof` and `consistency`: one strict scan of the log
// (two when the tree size defaults to the newest head's), the proof's
// subtrees hashed as the leaves stream past (proof_ranges.h), so memory is
// O(log n) however long the log. Signatures are not checked (that is
// VerifyLog's job).
//
//   auto p = ProveInclusion(dir, 13, std::nullopt);   // against the newest head
//   auto c = ProveConsistency(dir, 7, 33);
//
// A size beyond the log, an index not below the tree size or size1 >
// size2 is an InvalidArgument naming the value; a damaged log DataLoss.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/audit/merkle_hash.h"
#include "engine/base/status.h"

namespace nethical::audit {

struct InclusionProof {
  uint64_t tree_size = 0;
  Hash leaf_hash{};
  Hash root{};
  std::vector<Hash> proof;
};

// tree_size: nullopt for the newest head's (the log's size if it has none).
StatusOr<InclusionProof> ProveInclusion(const std::string& audit_dir, uint64_t index,
                                        std::optional<uint64_t> tree_size);

struct ConsistencyProof {
  Hash root1{};
  Hash root2{};
  std::vector<Hash> proof;
};

StatusOr<ConsistencyProof> ProveConsistency(const std::string& audit_dir, uint64_t size1, uint64_t size2);

}  // namespace nethical::audit
