// Verification of RFC 6962 / RFC 9162 inclusion and consistency proofs.
// Accepts and rejects exactly like transparency-dev/merkle's proof package
// (the vectors in tests/testdata/rfc6962 pin this). Pure, thread-safe.
//
//   Status s = VerifyInclusion(index, tree_size, leaf_hash, proof, root);
//   Status c = VerifyConsistency(size1, size2, proof, root1, root2);
//
// Hashes arrive as raw bytes (std::string_view) so that malformed input
// (wrong length, empty) is rejected here with a reason rather than by the
// caller's parser. Returns OK or a DataLoss/InvalidArgument Status that
// says what did not match.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/audit/merkle_hash.h"
#include "engine/base/status.h"

namespace nethical::audit {

Status VerifyInclusion(uint64_t index, uint64_t tree_size, std::string_view leaf_hash,
                       const std::vector<std::string_view>& proof, std::string_view root);

Status VerifyConsistency(uint64_t size1, uint64_t size2, const std::vector<std::string_view>& proof,
                         std::string_view root1, std::string_view root2);

// The root implied by an inclusion proof (RFC 9162 §2.1.3.2), or an error
// if the proof has the wrong shape.
StatusOr<Hash> RootFromInclusionProof(uint64_t index, uint64_t tree_size, std::string_view leaf_hash,
                                      const std::vector<std::string_view>& proof);

// Views over Hash values, for callers holding typed hashes.
std::string_view AsBytes(const Hash& h);
std::vector<std::string_view> AsBytes(const std::vector<Hash>& hashes);

}  // namespace nethical::audit
