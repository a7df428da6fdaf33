#include "engine/base/shown_value.h"

#include <cstdint>

namespace nethical {
namespace {

void AppendHex(unsigned char c, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->append("\\x");
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 0xf]);
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 if invalid.
size_t Utf8Length(std::string_view s, size_t i, uint32_t* code_point) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  size_t n;
  uint32_t cp;
  if (c >= 0xc2 && c <= 0xdf) {
    n = 2, cp = c & 0x1f;
  } else if (c >= 0xe0 && c <= 0xef) {
    n = 3, cp = c & 0x0f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3f);
  }
  const bool overlong = (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  if (overlong || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  *code_point = cp;
  return n;
}

// Code points that change how a terminal shows what follows them.
bool IsUnsafeCodePoint(uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9f) ||                                    // C1 controls (CSI is U+009B)
         (cp >= 0x202a && cp <= 0x202e) ||                                // bidi embeddings and overrides
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f;  // isolates, marks
}

}  // namespace

std::string ShownValue(std::string_view value, size_t max_bytes) {
  const std::string_view shown = value.substr(0, max_bytes);
  std::string out;
  out.reserve(shown.size() + 16);
  for (size_t i = 0; i < shown.size();) {
    const unsigned char c = static_cast<unsigned char>(shown[i]);
    if (c == '\\') {
      out.append("\\\\");
    } else if (c == '\n') {
      out.append("\\n");
    } else if (c == '\r') {
      out.append("\\r");
    } else if (c == '\t') {
      out.append("\\t");
    } else if (c < 0x20 || c == 0x7f) {
      AppendHex(c, &out);
    } else if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      uint32_t cp = 0;
      const size_t n = Utf8Length(shown, i, &cp);
      if (n == 0 || IsUnsafeCodePoint(cp)) {
        // An invalid byte, or a sequence cut by the limit: each byte in hex.
        const size_t k = n == 0 ? 1 : n;
        for (size_t j = 0; j < k; ++j) AppendHex(static_cast<unsigned char>(shown[i + j]), &out);
        i += k;
        continue;
      }
      out.append(shown.substr(i, n));
      i += n;
      continue;
    }
    ++i;
  }
  if (value.size() > max_bytes) out += "...(" + std::to_string(value.size()) + " bytes)";
  return out;
}

}  // namespace nethical
