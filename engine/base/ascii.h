// Whether a text is pure ASCII: the one check that the PII scan's
// normaliser and the detectors' non-ASCII ratio make before any per-byte
// work (most agent texts are ASCII, so this is what they usually cost).
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace nethical {

// True when every byte of `text` is below 0x80. SSE2: 32 bytes a step (two
// loads OR-ed, one test of their high bits), then 8, then single bytes.
inline bool IsAscii(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
#ifdef __SSE2__
  __m128i any16 = _mm_setzero_si128();
  for (; n >= 32; p += 32, n -= 32) {
    const auto* v = reinterpret_cast<const __m128i*>(p);
    any16 = _mm_or_si128(any16, _mm_or_si128(_mm_loadu_si128(v), _mm_loadu_si128(v + 1)));
  }
  if (_mm_movemask_epi8(any16) != 0) return false;
#endif
  uint64_t any = 0;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    any |= word;
  }
  for (; n > 0; ++p, --n) any |= static_cast<unsigned char>(*p);
  return (any & 0x8080808080808080ULL) == 0;
}

}  // namespace nethical
