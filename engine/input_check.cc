#include "engine/input_check.h"

#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace nethical {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if it is invalid.
size_t SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  unsigned char b = byte(i);
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (b >= 0xE0 && b <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    unsigned char b1 = byte(i + 1);
    if (b == 0xE0 && b1 < 0xA0) return 0;  // overlong
    if (b == 0xED && b1 > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (b >= 0xF0 && b <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    unsigned char b1 = byte(i + 1);
    if (b == 0xF0 && b1 < 0x90) return 0;  // overlong
    if (b == 0xF4 && b1 > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

std::string Describe(const char* field, std::string_view value) {
  if (value.find('\0') != std::string_view::npos)
    return std::string(field) + " contains a NUL byte (offset " + std::to_string(value.find('\0')) + ")";
  size_t bad = FindInvalidUtf8(value);
  if (bad != std::string_view::npos)
    return std::string(field) + " is not valid UTF-8 (byte " + std::to_string(bad) + ")";
  return "";
}

}  // namespace

size_t FindInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
#ifdef __SSE2__
    // ASCII fast path, 32 bytes at a time (two 16-byte loads, one test of
    // their high bits), then 8 at a time.
    if (i + 32 <= s.size()) {
      const auto* p = reinterpret_cast<const __m128i*>(s.data() + i);
      if (_mm_movemask_epi8(_mm_or_si128(_mm_loadu_si128(p), _mm_loadu_si128(p + 1))) == 0) {
        i += 32;
        continue;
      }
    }
#endif
    if (i + 8 <= s.size()) {
      uint64_t chunk;
      std::memcpy(&chunk, s.data() + i, 8);
      if ((chunk & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    size_t n = SequenceLength(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

std::string CheckAction(const Action& action, int64_t max_text_bytes) {
  if (action.agent_id.empty()) return "agent_id is empty";
  if (static_cast<int64_t>(action.text.size()) > max_text_bytes)
    return "text is " + std::to_string(action.text.size()) + " bytes, above the limit of " +
           std::to_string(max_text_bytes) + " (NETHICAL_MAX_PAYLOAD_BYTES)";
  std::string reason = Describe("agent_id", action.agent_id);
  if (reason.empty()) reason = Describe("text", action.text);
  return reason;
}

}  // namespace nethical
