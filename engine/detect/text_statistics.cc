#include "engine/detect/text_statistics.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <unordered_set>

namespace nethical::detect {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

double ShannonEntropy(std::string_view s) {
  std::array<uint32_t, 256> counts{};
  for (unsigned char c : s) ++counts[c];
  double h = 0, n = static_cast<double>(s.size());
  for (uint32_t k : counts)
    if (k != 0) h -= (k / n) * std::log2(k / n);
  return h;
}

bool IsVowel(char c) {
  switch (Lower(c)) {
    case 'a': case 'e': case 'i': case 'o': case 'u': return true;
    default: return false;
  }
}

char Rot13(char c) {
  if (c >= 'a' && c <= 'z') return static_cast<char>('a' + (c - 'a' + 13) % 26);
  if (c >= 'A' && c <= 'Z') return static_cast<char>('A' + (c - 'A' + 13) % 26);
  return c;
}

}  // namespace

double NonAsciiRatio(std::string_view utf8) {
  // Code points = bytes that are not continuation bytes (10xxxxxx); non-ASCII
  // code points = lead bytes (11xxxxxx). The loop vectorises.
  size_t code_points = 0, non_ascii = 0;
  for (unsigned char b : utf8) {
    code_points += (b & 0xC0) != 0x80;
    non_ascii += b >= 0xC0;
  }
  return code_points == 0 ? 0.0 : static_cast<double>(non_ascii) / code_points;
}

bool ContainsHarmfulPhrase(std::string_view lower) {
  for (std::string_view p :
       {"provide harmful information", "bypass security measures", "dangerous instructions"})
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
    if (Base64Value(c) < 0 && c != '=') return false;
    ++chars;
  }
  if (chars % 4 != 0) return false;
  std::string stripped;
  stripped.reserve(chars);
  for (char c : text)
    if (c != '\n') stripped += c;
  if (ShannonEntropy(stripped) < 3.0) return false;

  // Strict decode: '=' only as the last one or two characters.
  size_t pad = 0;
  while (pad < 2 && pad < stripped.size() && stripped[stripped.size() - 1 - pad] == '=') ++pad;
  std::string_view body(stripped.data(), stripped.size() - pad);
  std::string out;
  out.reserve(body.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : body) {
    int v = Base64Value(c);
    if (v < 0) return false;  // '=' inside the text
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  // Round trip: leftover bits must be zero (canonical encoding).
  if ((acc & ((1u << bits) - 1)) != 0) return false;
  if (out.size() < 8) return false;
  for (char& c : out) c = Lower(c);
  *decoded_lower = std::move(out);
  return true;
}

bool DecodeIfRot13(std::string_view text, std::string* decoded_lower) {
  size_t letters = 0, vowels = 0, rot_vowels = 0;
  for (char c : text) {
    if (c == ' ') continue;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    ++letters;
    vowels += IsVowel(c);
    rot_vowels += IsVowel(Rot13(c));
  }
  if (letters < 20 || vowels == 0 || rot_vowels == 0) return false;
  double ratio = static_cast<double>(vowels) / rot_vowels;
  if (!(ratio > 0.4 && ratio < 2.5)) return false;
  decoded_lower->resize(text.size());
  for (size_t i = 0; i < text.size(); ++i) (*decoded_lower)[i] = Lower(Rot13(text[i]));
  return true;
}

bool HasPoisoningTokenProfile(std::string_view text) {
  // 201 tokens need at least 401 bytes; most texts stop here.
  if (text.size() < 401) return false;
  size_t tokens = 0;
  bool in_token = false;
  for (char c : text) {
    bool space = IsAsciiSpace(c);
    tokens += !space && !in_token;
    in_token = !space;
  }
  if (tokens <= 200) return false;
  std::unordered_set<std::string_view> unique;
  unique.reserve(tokens);
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsAsciiSpace(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && !IsAsciiSpace(text[i])) ++i;
    if (i > start) unique.insert(text.substr(start, i - start));
  }
  return static_cast<double>(unique.size()) / tokens > 0.9;
}

}  // namespace nethical::detect
