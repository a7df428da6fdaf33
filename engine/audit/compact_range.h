// CompactRange: the right frontier of an append-only RFC 6962 tree.
//
//   CompactRange range;
//   range.Append(LeafHash(record));   // amortised one NodeHash per leaf
//   Hash root = range.Root();         // O(log n) NodeHash calls
//
// It keeps one hash per set bit of size() (the roots of the perfect
// subtrees that tile [0, size), largest first), so memory is O(log n) and
// anchoring never rebuilds the tree. Not thread-safe: one owner (the audit
// writer thread) appends and reads.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/audit/merkle_hash.h"

namespace nethical::audit {

class CompactRange {
 public:
  void Append(const Hash& leaf_hash);
  // RFC 6962 root of the leaves appended so far; EmptyTreeRoot() if none.
  Hash Root() const;
  uint64_t size() const { return size_; }
  // The perfect-subtree roots, largest first: one per set bit of size().
  const std::vector<Hash>& peaks() const { return peaks_; }
  // The range with these peaks; nullopt unless there is one peak per set
  // bit of `size` (a stored range read back: range_checkpoint.h).
  static std::optional<CompactRange> FromPeaks(uint64_t size, std::vector<Hash> peaks);
  bool operator==(const CompactRange&) const = default;

 private:
  uint64_t size_ = 0;
  std::vector<Hash> peaks_;  // perfect-subtree roots, left to right
};

}  // namespace nethical::audit
