// TreeHead: a signed statement "the log's first tree_size records have this
// RFC 6962 root", written into the segment stream right after the last
// record it covers.
//
// Payload of a type-2 frame (little-endian), 112 bytes:
//   u64 tree_size   32 bytes root   i64 timestamp_ns (wall clock)   64 bytes Ed25519 signature
// The signature covers SignedTreeHeadMessage(): the ASCII context
// "nethical-audit-tree-head-v1", then tree_size and timestamp_ns as
// big-endian u64, then the root.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/audit/merkle_hash.h"
#include "engine/base/status.h"

namespace nethical::audit {

inline constexpr size_t kSignatureSize = 64;
inline constexpr size_t kTreeHeadPayloadSize = 8 + kHashSize + 8 + kSignatureSize;

struct TreeHead {
  uint64_t tree_size = 0;
  Hash root{};
  int64_t timestamp_ns = 0;
  std::array<uint8_t, kSignatureSize> signature{};
};

std::string SignedTreeHeadMessage(uint64_t tree_size, int64_t timestamp_ns, const Hash& root);
void EncodeTreeHead(const TreeHead& head, std::string* out);
StatusOr<TreeHead> DecodeTreeHead(std::string_view payload);

}  // namespace nethical::audit
