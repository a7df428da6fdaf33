#include "engine/base/byte_entropy.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace nethical {
namespace {

using byte_entropy_internal::kTableCounts;

// c log2 c for c in [0, kTableCounts) (0 log2 0 = 0).
const std::array<double, kTableCounts>& CLog2CTable() {
  static const std::array<double, kTableCounts> table = [] {
    std::array<double, kTableCounts> t{};
    for (size_t c = 2; c < kTableCounts; ++c)
      t[c] = static_cast<double>(c) * std::log2(static_cast<double>(c));
    return t;
  }();
  return table;
}

double CLog2C(uint32_t c, const std::array<double, kTableCounts>& table) {
  return c < kTableCounts ? table[c] : static_cast<double>(c) * std::log2(static_cast<double>(c));
}

// Up to this many bytes, one histogram and the list of byte values seen:
// zeroing and walking 4 x 256 counters would cost more than the counting.
constexpr size_t kShortBytes = 256;

double ShortEntropy(const unsigned char* p, size_t n, const std::array<double, kTableCounts>& table) {
  std::array<uint16_t, 256> counts{};
  std::array<uint8_t, kShortBytes + 1> seen;  // + 1: written before it is counted
  size_t distinct = 0;
  for (size_t i = 0; i < n; ++i) {
    seen[distinct] = p[i];
    distinct += counts[p[i]]++ == 0;  // branch-free: a new value stays in the list
  }
  if (distinct == 1) return 0.0;
  double sum = 0;
  for (size_t i = 0; i < distinct; ++i) sum += table[counts[seen[i]]];
  const double dn = static_cast<double>(n);
  return std::clamp(std::log2(dn) - sum / dn, 0.0, 8.0);
}

}  // namespace

double ByteEntropy(std::string_view s) {
  const size_t n = s.size();
  if (n < 2) return 0.0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto& table = CLog2CTable();
  if (n <= kShortBytes) return ShortEntropy(p, n, table);
  std::array<std::array<uint32_t, 256>, 4> counts{};
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    ++counts[0][p[i]];
    ++counts[1][p[i + 1]];
    ++counts[2][p[i + 2]];
    ++counts[3][p[i + 3]];
  }
  for (; i < n; ++i) ++counts[0][p[i]];
  std::array<uint32_t, 256> total;
  for (size_t b = 0; b < 256; ++b) total[b] = counts[0][b] + counts[1][b] + counts[2][b] + counts[3][b];
  double sum = 0;
  for (const uint32_t c : total) {
    if (c <= 1) continue;
    if (c == n) return 0.0;  // one byte value: exactly 0, not a rounding residue
    sum += CLog2C(c, table);
  }
  const double dn = static_cast<double>(n);
  return std::clamp(std::log2(dn) - sum / dn, 0.0, 8.0);
}

}  // namespace nethical
