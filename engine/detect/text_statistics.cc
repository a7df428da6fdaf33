#include "engine/detect/text_statistics.h"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

#include "engine/base/ascii.h"
#include "engine/base/base64.h"
#include "engine/base/byte_entropy.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace nethical::detect {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Byte classes for the ROT13 heuristic: a vowel, a letter whose ROT13 image
// is a vowel (n r v b h), another letter, a space, anything else.
enum : uint8_t { kOther, kSpace, kVowel, kRotVowel, kConsonant };
constexpr std::array<uint8_t, 256> MakeCharClass() {
  std::array<uint8_t, 256> t{};
  t[' '] = kSpace;
  for (int c = 'a'; c <= 'z'; ++c) {
    uint8_t cls = kConsonant;
    for (char v : {'a', 'e', 'i', 'o', 'u'}) {
      if (c == v) cls = kVowel;
      if ((c - 'a' + 13) % 26 + 'a' == v) cls = kRotVowel;
    }
    t[c] = cls;
    t[c - 'a' + 'A'] = cls;
  }
  return t;
}
constexpr std::array<uint8_t, 256> kCharClass = MakeCharClass();

constexpr std::array<bool, 256> MakeSpaceTable() {
  std::array<bool, 256> t{};
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) t[static_cast<unsigned char>(c)] = true;
  return t;
}
constexpr std::array<bool, 256> kAsciiSpace = MakeSpaceTable();

bool IsAsciiSpace(char c) { return kAsciiSpace[static_cast<unsigned char>(c)]; }

// A 64-bit hash of a token: its length, then its bytes 8 at a time (the
// last word overlapping the one before; short tokens in two overlapping
// 4-byte loads or three single bytes, which between them cover every byte),
// each word folded in by a multiply and a xor-shift (SplitMix64's
// finaliser). Inline, a few instructions per word and no call, where
// std::hash (murmur, out of line) and a variable-length memcpy cost ~60.
uint64_t Fold(uint64_t h, uint64_t w) {
  h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
  return h ^ (h >> 31);
}

uint64_t Load64(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

uint64_t Load32(const char* p) {
  uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

uint64_t TokenHash(const char* p, size_t n) {
  uint64_t h = Fold(0x9e3779b97f4a7c15ull, n);
  if (n >= 8) {
    for (; n > 8; p += 8, n -= 8) h = Fold(h, Load64(p));
    h = Fold(h, Load64(p + n - 8));
  } else if (n >= 4) {
    h = Fold(h, Load32(p) | Load32(p + n - 4) << 32);
  } else if (n > 0) {
    const auto byte = [&](size_t k) { return static_cast<uint64_t>(static_cast<unsigned char>(p[k])); };
    h = Fold(h, byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16);
  }
  h *= 0x94d049bb133111ebull;
  return h ^ (h >> 32);
}

#ifdef __SSE2__
// 0xFF in each byte of p[0..16) that is ASCII whitespace, else 0.
__m128i SpaceBytes16(const unsigned char* p) {
  const __m128i blank = _mm_set1_epi8(' '), nine = _mm_set1_epi8(9), four = _mm_set1_epi8(4);
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i shifted = _mm_sub_epi8(v, nine);  // \t..\r -> 0..4
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(shifted, four), shifted);
  return _mm_or_si128(_mm_cmpeq_epi8(v, blank), control);
}

// Bit k set when p[k] is ASCII whitespace.
unsigned SpaceMask16(const unsigned char* p) {
  return static_cast<unsigned>(_mm_movemask_epi8(SpaceBytes16(p)));
}
#endif

// Whitespace-separated tokens: a token starts at each non-space byte that
// follows a space or the start. SSE2 does 16 bytes per step without leaving
// the vector unit: the space bytes, the same shifted in by one byte from the
// step before, and each start subtracts -1 from its byte lane (a lane
// counts up to 255 starts; the lanes are summed every 255 steps).
size_t CountTokens(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size(), i = 0, tokens = 0;
  unsigned prev_space = 1;  // the start counts as a space
#ifdef __SSE2__
  if (n >= 16) {
    __m128i before_first = _mm_cvtsi32_si128(0xFF);  // byte 0: the start counts as a space
    __m128i counts = _mm_setzero_si128();
    int steps = 0;
    for (; i + 16 <= n; i += 16) {
      const __m128i space = SpaceBytes16(p + i);
      const __m128i before = _mm_or_si128(_mm_slli_si128(space, 1), before_first);
      counts = _mm_sub_epi8(counts, _mm_andnot_si128(space, before));
      before_first = _mm_srli_si128(space, 15);
      if (++steps == 255) {
        const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
        tokens += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
                  static_cast<size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
        counts = _mm_setzero_si128();
        steps = 0;
      }
    }
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());
    tokens += static_cast<size_t>(_mm_cvtsi128_si32(sums)) +
              static_cast<size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
    prev_space = static_cast<unsigned>(_mm_cvtsi128_si32(before_first)) != 0;
  }
#endif
  for (; i < n; ++i) {
    unsigned space = IsAsciiSpace(static_cast<char>(p[i]));
    tokens += (!space) & prev_space;
    prev_space = space;
  }
  return tokens;
}

// Calls fn(start, end) for each whitespace-separated token [start, end) in
// order, until fn returns false. SSE2: the bytes where the space mask flips
// (token starts and ends) are found 16 at a time, then visited bit by bit,
// instead of testing every byte.
template <typename Fn>
void ForEachToken(std::string_view text, Fn fn) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0, start = 0;
  bool in_token = false;
#ifdef __SSE2__
  unsigned prev_space = 1;  // the start counts as a space
  for (; i + 16 <= n; i += 16) {
    const unsigned space = SpaceMask16(p + i);
    unsigned flips = (space ^ ((space << 1) | prev_space)) & 0xFFFF;
    prev_space = space >> 15;
    for (; flips != 0; flips &= flips - 1) {
      const size_t at = i + static_cast<size_t>(std::countr_zero(flips));
      if (in_token && !fn(start, at)) return;
      start = at;
      in_token = !in_token;
    }
  }
#endif
  for (; i < n; ++i) {
    if (IsAsciiSpace(static_cast<char>(p[i])) != in_token) continue;
    if (in_token && !fn(start, i)) return;
    start = i;
    in_token = !in_token;
  }
  if (in_token) fn(start, n);
}

}  // namespace

double NonAsciiRatio(std::string_view utf8) {
  if (IsAscii(utf8)) return 0.0;  // most texts
  // Code points = bytes that are not continuation bytes (10xxxxxx); non-ASCII
  // code points = lead bytes (11xxxxxx).
  size_t code_points = 0, non_ascii = 0;
  for (unsigned char b : utf8) {
    code_points += (b & 0xC0) != 0x80;
    non_ascii += b >= 0xC0;
  }
  return code_points == 0 ? 0.0 : static_cast<double>(non_ascii) / code_points;
}

bool ContainsHarmfulPhrase(std::string_view lower) {
  for (std::string_view p : kHarmfulPhrases)
    if (lower.find(p) != std::string_view::npos) return true;
  return false;
}

bool DecodeIfBase64(std::string_view text, std::string* decoded_lower) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  if (text.size() < 24) return false;
  // Alphabet test first: it rejects ordinary prose at its first space.
  size_t chars = 0;
  for (char c : text) {
    if (c == '\n') continue;
    if (!IsBase64Char(c) && c != '=') return false;
    ++chars;
  }
  if (chars % 4 != 0) return false;
  std::string stripped;
  stripped.reserve(chars);
  for (char c : text)
    if (c != '\n') stripped += c;
  if (ByteEntropy(stripped) < 3.0) return false;
  // Strict, canonical decode: the original's round-trip test.
  std::optional<std::string> decoded = Base64Decode(stripped);
  if (!decoded) return false;
  std::string& out = *decoded;
  if (out.size() < 8) return false;
  for (char& c : out) c = Lower(c);
  *decoded_lower = std::move(out);
  return true;
}

bool LooksLikeRot13(std::string_view text) {
  // Letters and spaces only: ordinary text fails at its first digit or mark.
  size_t letters = 0, vowels = 0, rot_vowels = 0;
  for (char c : text) {
    uint8_t cls = kCharClass[static_cast<unsigned char>(c)];
    if (cls == kOther) return false;
    letters += cls != kSpace;
    vowels += cls == kVowel;
    rot_vowels += cls == kRotVowel;
  }
  if (letters < 20 || vowels == 0 || rot_vowels == 0) return false;
  double ratio = static_cast<double>(vowels) / rot_vowels;
  return ratio > 0.4 && ratio < 2.5;
}

bool HasPoisoningTokenProfile(std::string_view text) {
  // 201 tokens need at least 401 bytes; most texts stop here.
  if (text.size() < 401) return false;
  size_t tokens = CountTokens(text);
  if (tokens <= 200) return false;

  // Distinct tokens by 64-bit hash in an open-addressing table reused per
  // thread (a collision would undercount by one; at 2^-64 it is ignored).
  // The table is all zero between calls: the slots a call fills are listed
  // and cleared on the way out, so a call costs what it inserts, not what
  // the largest text needed. Stops as soon as the duplicates push the ratio
  // to 0.9 or below.
  // (Thread-locals are looked up once: each use of one is a call in PIC code.)
  thread_local std::vector<uint64_t> table_buffer;
  thread_local std::vector<uint32_t> filled_buffer;
  std::vector<uint64_t>& table = table_buffer;
  std::vector<uint32_t>& filled = filled_buffer;
  const size_t capacity = std::bit_ceil(2 * tokens);
  if (table.size() < capacity) table.assign(capacity, 0);
  filled.clear();
  size_t duplicates = 0;
  ForEachToken(
      text, [&](size_t start, size_t end) __attribute__((always_inline)) {
        const uint64_t h = TokenHash(text.data() + start, end - start) | 1;
        size_t slot = h & (capacity - 1);
        while (table[slot] != 0 && table[slot] != h) slot = (slot + 1) & (capacity - 1);
        if (table[slot] != h) {
          table[slot] = h;
          filled.push_back(static_cast<uint32_t>(slot));
          return true;
        }
        ++duplicates;
        return static_cast<double>(tokens - duplicates) / tokens > 0.9;
      });
  for (uint32_t slot : filled) table[slot] = 0;
  return static_cast<double>(tokens - duplicates) / tokens > 0.9;
}

}  // namespace nethical::detect
