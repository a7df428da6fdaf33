#include "engine/base/shortest_double.h"

#include <array>
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>

namespace nethical {
namespace {

struct Entry {
  uint64_t bits = 0;
  uint8_t size = 0;  // 0: empty (every text has at least one byte)
  char text[kShortestDoubleMaxBytes + 7];
};
static_assert(sizeof(Entry) == 40);

constexpr int kEntries = 256;

// Multiplicative hash of all 64 bits: values differing only in low mantissa
// bits (scores) and only in the exponent (0.5, 0.25) both spread.
size_t Slot(uint64_t bits) { return static_cast<size_t>((bits * 0x9E3779B97F4A7C15ull) >> 56); }

}  // namespace

char* WriteShortestDouble(double v, char* out) {
  thread_local std::array<Entry, kEntries> table;
  const uint64_t bits = std::bit_cast<uint64_t>(v);
  Entry& e = table[Slot(bits)];
  if (e.size != 0 && e.bits == bits) {
    std::memcpy(out, e.text, kShortestDoubleMaxBytes);
    return out + e.size;
  }
  char* end = std::to_chars(out, out + kShortestDoubleMaxBytes, v).ptr;
  e.bits = bits;
  e.size = static_cast<uint8_t>(end - out);
  std::memcpy(e.text, out, e.size);
  return end;
}

}  // namespace nethical
