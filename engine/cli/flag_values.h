// The value checks of FlagParser::Value callbacks: each parses the whole
// value or nothing, writes `*out` only on success, and returns false for a
// value outside what the flag allows, so the parser's error names it.
//
//   flags.Value("--agents", "N", "an integer in [1, 1000000]", "simulated agents",
//               [&](std::string_view v) { return ParseInteger(v, 1, 1'000'000, &agents); });
#pragma once

#include <charconv>
#include <cmath>
#include <concepts>
#include <string_view>
#include <system_error>
#include <utility>

namespace nethical::cli {

// A decimal integer in [lo, hi] (a '-' only for a signed T; no '+', no
// spaces, no leading or trailing text).
template <std::integral T, std::integral L, std::integral H>
bool ParseInteger(std::string_view v, L lo, H hi, T* out) {
  T x{};
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size()) return false;
  if (std::cmp_less(x, lo) || std::cmp_greater(x, hi)) return false;
  *out = x;
  return true;
}

// A finite decimal number with lo < x (lo <= x when lo_inclusive) and x <= hi.
inline bool ParseNumber(std::string_view v, double lo, bool lo_inclusive, double hi, double* out) {
  double x = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || !std::isfinite(x)) return false;
  if (lo_inclusive ? x < lo : x <= lo) return false;
  if (x > hi) return false;
  *out = x;
  return true;
}

}  // namespace nethical::cli
