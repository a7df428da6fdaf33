// Shannon entropy of a string's bytes, in bits per byte: 0 for an empty
// string, at most 8. The correlation engine's payload entropy and the
// detectors' base64 test both use it.
//
//   double e = ByteEntropy("hello world");   // ~2.85
//
// Computed as log2(n) - (sum over byte values of c log2 c) / n from one
// pass of counting; c log2 c comes from a table for counts below
// kTableCounts, so a text of up to that many bytes costs no logarithm but
// log2(n). Up to 256 bytes, one histogram and the list of values seen (no
// walk over 256 counters); longer texts count into four interleaved
// histograms, so that a run of one byte does not make each increment wait
// for the previous one's store. Allocates nothing.
// Equal to -sum p log2 p up to rounding (a few ulps); never negative.
#pragma once

#include <cstddef>
#include <string_view>

namespace nethical {

double ByteEntropy(std::string_view s);

namespace byte_entropy_internal {
inline constexpr size_t kTableCounts = 4096;
}  // namespace byte_entropy_internal

}  // namespace nethical
