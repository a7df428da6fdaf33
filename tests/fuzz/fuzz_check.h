// Invariant checks for fuzz targets. A failed FUZZ_CHECK prints what was
// expected and aborts, which libFuzzer reports as a crash (and saves the
// input) and the replay test (replay_main.cc) reports as a failure.
//
//   FUZZ_CHECK(!action.agent_id.empty(), "accepted an action without an agent id");
//
// Helpers for the invariants several targets share: valid UTF-8 and
// one-line messages (the project's rule for every error a user sees).
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace nethical::fuzz {

[[noreturn]] inline void Fail(const char* file, int line, const char* condition, std::string_view what) {
  std::fprintf(stderr, "%s:%d: invariant violated: ", file, line);
  std::fwrite(what.data(), 1, what.size(), stderr);  // may hold NUL bytes
  std::fprintf(stderr, "\n  check: %s\n", condition);
  std::abort();
}

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or code
// points above U+10FFFF).
inline bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 2, cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 3, cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4, cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if ((b(i + k) & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (b(i + k) & 0x3f);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      return false;
    i += n;
  }
  return true;
}

// An error message as the project promises it: non-empty, one line, no raw
// control bytes (user values go through ShownValue, which escapes them).
inline bool IsOneLineMessage(std::string_view m) {
  if (m.empty()) return false;
  for (char ch : m) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

}  // namespace nethical::fuzz

#define FUZZ_CHECK(condition, what)                                                 \
  do {                                                                              \
    if (!(condition)) ::nethical::fuzz::Fail(__FILE__, __LINE__, #condition, what); \
  } while (0)
