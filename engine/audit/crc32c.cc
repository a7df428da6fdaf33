#include "engine/audit/crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace nethical::audit {
namespace {

constexpr uint32_t kPolynomial = 0x82F63B78u;

// kTables[k][b]: CRC of byte b followed by k zero bytes; lets the loop fold
// eight input bytes per step instead of one.
constexpr std::array<std::array<uint32_t, 256>, 8> MakeTables() {
  std::array<std::array<uint32_t, 256>, 8> t{};
  for (uint32_t b = 0; b < 256; ++b) {
    uint32_t c = b;
    for (int i = 0; i < 8; ++i) c = (c >> 1) ^ ((c & 1) ? kPolynomial : 0);
    t[0][b] = c;
  }
  for (int k = 1; k < 8; ++k) {
    for (uint32_t b = 0; b < 256; ++b) t[k][b] = (t[k - 1][b] >> 8) ^ t[0][t[k - 1][b] & 0xff];
  }
  return t;
}

constexpr auto kTables = MakeTables();

#if defined(__x86_64__)
// The crc32 instruction has a latency of three cycles and a throughput of
// one per cycle, so one chain over a buffer runs at a third of the speed
// the CPU allows. Blocks of 3 * kStride bytes are therefore split into
// three chains that run side by side, and joined after the block: the raw
// register after A||B||C is Shift2(a) ^ Shift1(b) ^ c, where a, b and c are
// the chains' registers (b and c starting from zero) and ShiftN moves a
// register over N * kStride zero bytes (the CRC is linear in its register,
// so a shift is four table lookups, one per byte of the register).
constexpr size_t kStride = 128;

// kShifts[s][k][b]: the raw register b << 8k moved over (s + 1) * kStride
// zero bytes.
using ShiftTables = std::array<std::array<std::array<uint32_t, 256>, 4>, 2>;

constexpr uint32_t ShiftOverZeros(uint32_t c, size_t bytes) {
  for (size_t i = 0; i < bytes; ++i) c = (c >> 8) ^ kTables[0][c & 0xff];
  return c;
}

// The shift is linear: each entry is the XOR of the shifted bits of its
// byte, so only the 32 single-bit registers are run over the zeros (which
// keeps the compile-time evaluation small).
constexpr ShiftTables MakeShiftTables() {
  ShiftTables t{};
  for (size_t s = 0; s < 2; ++s) {
    std::array<uint32_t, 32> bit{};
    for (uint32_t j = 0; j < 32; ++j) bit[j] = ShiftOverZeros(uint32_t{1} << j, (s + 1) * kStride);
    for (uint32_t k = 0; k < 4; ++k) {
      for (uint32_t b = 0; b < 256; ++b) {
        uint32_t v = 0;
        for (uint32_t j = 0; j < 8; ++j) {
          if ((b >> j) & 1) v ^= bit[8 * k + j];
        }
        t[s][k][b] = v;
      }
    }
  }
  return t;
}

constexpr ShiftTables kShifts = MakeShiftTables();

uint32_t Shift(const std::array<std::array<uint32_t, 256>, 4>& t, uint32_t c) {
  return t[0][c & 0xff] ^ t[1][(c >> 8) & 0xff] ^ t[2][(c >> 16) & 0xff] ^ t[3][c >> 24];
}

__attribute__((target("sse4.2"))) uint32_t ExtendSse42(uint32_t crc, std::string_view data) {
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  size_t n = data.size();
  uint64_t c = ~crc;
  for (; n >= 3 * kStride; p += 3 * kStride, n -= 3 * kStride) {
    uint64_t b = 0, d = 0;
    for (size_t i = 0; i < kStride; i += 8) {
      uint64_t wa, wb, wd;
      std::memcpy(&wa, p + i, 8);
      std::memcpy(&wb, p + kStride + i, 8);
      std::memcpy(&wd, p + 2 * kStride + i, 8);
      c = _mm_crc32_u64(c, wa);
      b = _mm_crc32_u64(b, wb);
      d = _mm_crc32_u64(d, wd);
    }
    c = Shift(kShifts[1], static_cast<uint32_t>(c)) ^ Shift(kShifts[0], static_cast<uint32_t>(b)) ^ d;
  }
  while (n >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    c = _mm_crc32_u64(c, word);
    p += 8;
    n -= 8;
  }
  auto c32 = static_cast<uint32_t>(c);
  while (n-- > 0) c32 = _mm_crc32_u8(c32, *p++);
  return ~c32;
}

// __builtin_cpu_init first: this may run before libgcc's own initializer.
bool DetectSse42() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("sse4.2");
}

const bool kHaveSse42 = DetectSse42();
#endif

}  // namespace

uint32_t Crc32cExtend(uint32_t crc, std::string_view data) {
#if defined(__x86_64__)
  if (kHaveSse42) return ExtendSse42(crc, data);
#endif
  return Crc32cExtendPortable(crc, data);
}

uint32_t Crc32cExtendPortable(uint32_t crc, std::string_view data) {
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  size_t n = data.size();
  uint32_t c = ~crc;
  while (n >= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);  // little-endian host (x86-64, aarch64)
    word ^= c;
    c = kTables[7][word & 0xff] ^ kTables[6][(word >> 8) & 0xff] ^ kTables[5][(word >> 16) & 0xff] ^
        kTables[4][(word >> 24) & 0xff] ^ kTables[3][(word >> 32) & 0xff] ^ kTables[2][(word >> 40) & 0xff] ^
        kTables[1][(word >> 48) & 0xff] ^ kTables[0][word >> 56];
    p += 8;
    n -= 8;
  }
  while (n-- > 0) c = (c >> 8) ^ kTables[0][(c ^ *p++) & 0xff];
  return ~c;
}

}  // namespace nethical::audit
