// SHA-256 of a text: the judgment cache's key (the original's
// `sha256(content)`). Uses OpenSSL's low-level SHA256_* on a stack context,
// the fastest path measured on this machine (docs perf-floors §1: 179 ns for
// 256 bytes with SHA-NI). Thread-safe; no allocation.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace nethical::detect {

using Sha256Digest = std::array<uint8_t, 32>;

Sha256Digest Sha256(std::string_view data);

}  // namespace nethical::detect
