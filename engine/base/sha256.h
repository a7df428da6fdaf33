// SHA-256 of a byte string, the one implementation every stage uses (the
// judgment cache's key, the audit log's Merkle hashes, the compat chunk
// root). OpenSSL's low-level SHA256_* on a stack context: the fastest path
// measured on this machine (docs/perf-floors.md §1: 179 ns for 256 bytes with
// SHA-NI; EVP adds a per-call algorithm fetch). Thread-safe; no allocation.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace nethical {

using Sha256Digest = std::array<uint8_t, 32>;

Sha256Digest Sha256(std::string_view data);

}  // namespace nethical
