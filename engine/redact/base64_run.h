// Whether a text holds a run of at least `n` consecutive characters of the
// base64 alphabet [A-Za-z0-9/+] (an AWS secret access key is such a run of
// 40): the PII prefilter's test for a shape Hyperscan finds slowly.
//
// Skips ahead: a run of n that covers position p starts after the nearest
// character before p outside the alphabet, so after finding one at q the
// next run can only end at q + n or later. On prose (words of a few
// letters between spaces) that is a handful of bytes read per n.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

namespace nethical::redact {

inline constexpr std::array<bool, 256> kBase64Alphabet = [] {
  std::array<bool, 256> in{};
  for (int c = 'A'; c <= 'Z'; ++c) in[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) in[c] = true;
  for (int c = '0'; c <= '9'; ++c) in[c] = true;
  in['/'] = in['+'] = true;
  return in;
}();

// REQUIRES: n >= 1.
inline bool HasBase64Run(std::string_view text, size_t n) {
  size_t start = 0;  // the run being tested starts at or after this
  while (start + n <= text.size()) {
    // Look at [start, start + n) from its end: the last character outside
    // the alphabet moves the start past it; none means a run of n.
    size_t i = start + n;
    while (i > start && kBase64Alphabet[static_cast<unsigned char>(text[i - 1])]) --i;
    if (i == start) return true;
    start = i;
  }
  return false;
}

}  // namespace nethical::redact
