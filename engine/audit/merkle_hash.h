// RFC 6962 / RFC 9162 hashing for the audit log's Merkle tree.
//
//   Hash leaf = LeafHash(record_bytes);          // SHA-256(0x00 || data)
//   Hash node = NodeHash(left, right);           // SHA-256(0x01 || left || right)
//   Hash none = EmptyTreeRoot();                 // SHA-256("")
//
// All functions are pure and thread-safe. They use OpenSSL's low-level
// SHA256_Init/Update/Final on a stack context: in OpenSSL 3 that is the only
// path that reaches the SHA-NI compression floor (EVP adds ~40 ns per digest,
// an implicit fetch ~180 ns; see docs/audit.md).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/sha256.h"

namespace nethical::audit {

inline constexpr size_t kHashSize = 32;
using Hash = Sha256Digest;  // SHA-256 with no prefix: nethical::Sha256

Hash LeafHash(std::string_view data);
Hash NodeHash(const Hash& left, const Hash& right);
Hash EmptyTreeRoot();

// Lowercase hex, 64 characters.
std::string ToHex(const Hash& h);
// Lowercase hex of arbitrary bytes.
std::string BytesToHex(std::string_view bytes);
// Parses exactly 64 hex digits (either case); nullopt otherwise.
std::optional<Hash> HashFromHex(std::string_view hex);

}  // namespace nethical::audit
