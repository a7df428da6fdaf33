// CorpusRng: the generator's only source of randomness, a SplitMix64 stream.
// Unlike std::uniform_int_distribution (whose output the standard leaves to
// the library), every draw here is defined by this file, so one seed gives
// the same corpus on every compiler, library and machine.
//
//   CorpusRng rng(seed);
//   int year = rng.Between(1940, 2005);          // inclusive
//   const char* tld = rng.Pick(kTopLevelDomains);
//   if (rng.Percent(30)) ...                      // true 30 times in 100
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace nethical::redact {

class CorpusRng {
 public:
  explicit CorpusRng(uint64_t seed) : state_(seed) {}

  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  // Uniform in [0, n); n > 0. The modulo bias (n / 2^64) is irrelevant here.
  uint64_t Below(uint64_t n) { return Next() % n; }

  // Uniform in [low, high], both inclusive.
  int Between(int low, int high) {
    return low + static_cast<int>(Below(static_cast<uint64_t>(high - low) + 1));
  }

  bool Percent(int percent) { return Below(100) < static_cast<uint64_t>(percent); }

  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Below(N)];
  }

  char Digit() { return static_cast<char>('0' + Below(10)); }
  char NonZeroDigit() { return static_cast<char>('1' + Below(9)); }
  char Upper() { return static_cast<char>('A' + Below(26)); }
  char HexDigit() { return "0123456789abcdef"[Below(16)]; }

 private:
  uint64_t state_;
};

}  // namespace nethical::redact
