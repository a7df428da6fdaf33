#include "engine/quota/entity_key.h"

#include <cstring>

namespace nethical::quota {
namespace {

// A short-string hash in the style of wyhash: ids are mostly 5-30 bytes, and
// std::hash's Murmur loop costs more than the rest of a table lookup.

constexpr uint64_t kMul0 = 0xa0761d6478bd642fULL;
constexpr uint64_t kMul1 = 0xe7037ed1a0b428dbULL;
constexpr uint64_t kMul2 = 0x8ebc6af09c88c6e3ULL;

// 64x64 -> 128-bit multiply, folded: every output bit depends on every input bit.
uint64_t Fold(uint64_t a, uint64_t b) {
  const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

uint64_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

uint64_t HashId(uint64_t seed, std::string_view id) {
  const char* p = id.data();
  size_t n = id.size();
  uint64_t h = seed ^ Fold(n ^ kMul0, kMul1);
  while (n > 16) {
    h = Fold(Load64(p) ^ kMul1, Load64(p + 8) ^ h);
    p += 16;
    n -= 16;
  }
  // The last 1..16 bytes, as two (possibly overlapping) words.
  uint64_t a = 0;
  uint64_t b = 0;
  if (n >= 8) {
    a = Load64(p);
    b = Load64(p + n - 8);
  } else if (n >= 4) {
    a = Load32(p);
    b = Load32(p + n - 4);
  } else if (n > 0) {
    a = (uint64_t{static_cast<uint8_t>(p[0])} << 16) | (uint64_t{static_cast<uint8_t>(p[n / 2])} << 8) |
        static_cast<uint8_t>(p[n - 1]);
  }
  return Fold(a ^ kMul1 ^ h, b ^ kMul2);
}

}  // namespace

std::string_view EntityKindName(EntityKind kind) {
  switch (kind) {
    case EntityKind::kAgent:
      return "agent";
    case EntityKind::kCohort:
      return "cohort";
    case EntityKind::kTenant:
      return "tenant";
  }
  return "agent";
}

EntityKey::EntityKey(EntityKind kind, std::string_view id) : kind(kind), id(id) {
  // Seeding with the kind keeps agent "x" and cohort "x" apart in the hash
  // too, not only in the key comparison.
  const uint64_t h = HashId((static_cast<uint64_t>(kind) + 1) * kMul2, id);
  hash = h == 0 ? 1 : h;
}

}  // namespace nethical::quota
