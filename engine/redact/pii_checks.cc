#include "engine/redact/pii_checks.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace nethical::redact {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// True when the span is glued to a neighbouring number: "12.34.56.78.90",
// "555-123-4567-89", "1,234-5678". A separator followed by a digit on either
// side means the hit is a piece of a longer token.
bool MarkerChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == '_';
}

// A replacement this redactor writes ("[REDACTED_PHONE]", "[PHONE_<hex>]",
// a utility phone's "XXX-XXXX") stands for a value: to the glue test below it is a number, so a value
// rejected beside a number stays rejected beside its replacement, and
// redacting twice changes nothing more (found by fuzz_redactor).
bool MarkerEndsAt(std::string_view text, size_t close) {  // text[close] == ']'
  if (text[close] != ']') return false;
  size_t i = close;
  while (i > 0 && close - i < 64 && MarkerChar(text[i - 1])) --i;
  return i > 0 && text[i - 1] == '[' && i < close && text[i] >= 'A' && text[i] <= 'Z';
}
bool MarkerStartsAt(std::string_view text, size_t open) {  // text[open] == '['
  if (text[open] != '[' || open + 1 >= text.size() || text[open + 1] < 'A' || text[open + 1] > 'Z')
    return false;
  size_t i = open + 1;
  while (i < text.size() && i - open < 64 && MarkerChar(text[i])) ++i;
  return i < text.size() && text[i] == ']';
}
// The utility form of a phone ends in its masked digits ("(425) XXX-XXXX").
bool MaskedDigitsEndAt(std::string_view text, size_t pos) {
  return pos >= 3 && text.substr(pos - 3, 4) == "XXXX";
}
bool NumberEndsAt(std::string_view text, size_t pos) {
  return IsDigit(text[pos]) || MarkerEndsAt(text, pos) || MaskedDigitsEndAt(text, pos);
}
bool NumberStartsAt(std::string_view text, size_t pos) {
  return IsDigit(text[pos]) || MarkerStartsAt(text, pos);
}

}  // namespace

// True when [start, end) lies inside a marker: "[EMAIL_6312422802300190]"
// holds 16 decimal digits that may pass Luhn.
bool InsideMarker(std::string_view text, size_t start, size_t end) {
  for (size_t k = start; k < end; ++k)
    if (!MarkerChar(text[k])) return false;
  size_t j = end;
  while (j < text.size() && j - end < 64 && MarkerChar(text[j])) ++j;
  if (j >= text.size() || text[j] != ']') return false;
  size_t i = start;
  while (i > 0 && start - i < 64 && MarkerChar(text[i - 1])) --i;
  return i > 0 && text[i - 1] == '[' && text[i] >= 'A' && text[i] <= 'Z';
}

// True when text[pos] continues the kept domain of an email's utility form
// ("[REDACTED]@example.ocall.my name is ..."): the domain was part of the
// value the form replaced.
bool InKeptDomain(std::string_view text, size_t pos) {
  size_t i = pos;
  while (i > 0 && pos - i < 256 && (IsAlnum(text[i - 1]) || text[i - 1] == '.' || text[i - 1] == '-')) --i;
  constexpr std::string_view kForm = "[REDACTED]";
  return i > kForm.size() && text[i - 1] == '@' && text.substr(i - 1 - kForm.size(), kForm.size()) == kForm;
}

bool GluedToMarker(std::string_view text, size_t start, size_t end) {
  if ((start >= 1 && MarkerEndsAt(text, start - 1)) || (end < text.size() && MarkerStartsAt(text, end)))
    return true;
  if (InsideMarker(text, start, end) || InKeptDomain(text, start)) return true;
  // A utility form's mask ("(425) XXX-XXXX", "****-****-****-1234") that
  // overlaps the hit or touches it: the hit is made of what the mask
  // replaced and what was glued to it.
  for (std::string_view mask : {std::string_view("XXX-XXXX"), std::string_view("****-")}) {
    const size_t from = start >= mask.size() ? start - mask.size() : 0;
    const size_t to = std::min(text.size(), end + mask.size());
    if (to > from && text.substr(from, to - from).find(mask) != std::string_view::npos) return true;
  }
  return false;
}

namespace {

bool GluedToNumber(std::string_view text, size_t start, size_t end) {
  if (start >= 1 && NumberEndsAt(text, start - 1)) return true;
  if (end < text.size() && NumberStartsAt(text, end)) return true;
  if (start >= 2) {
    char sep = text[start - 1];
    if ((sep == '.' || sep == '-' || sep == ',') && NumberEndsAt(text, start - 2)) return true;
  }
  if (end + 1 < text.size()) {
    char sep = text[end];
    if ((sep == '.' || sep == '-' || sep == ',') && NumberStartsAt(text, end + 1)) return true;
  }
  return false;
}

// Reads n digits at s[pos]; returns -1 when they are not all digits.
int ReadNumber(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return -1;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!IsDigit(s[pos + i])) return -1;
    v = v * 10 + (s[pos + i] - '0');
  }
  return v;
}

struct IssuerRange {
  int prefix_digits;  // how many leading digits the range is about
  int low, high;      // inclusive
  int min_length, max_length;
};

// Public BIN ranges of the major networks (ISO/IEC 7812 issuer prefixes).
constexpr std::array<IssuerRange, 16> kIssuers = {{
    {1, 4, 4, 13, 19},        // Visa (13, 16, 19 in practice)
    {2, 51, 55, 16, 16},      // Mastercard
    {4, 2221, 2720, 16, 16},  // Mastercard 2-series
    {2, 34, 34, 15, 15},      // American Express
    {2, 37, 37, 15, 15},      // American Express
    {3, 300, 305, 14, 19},    // Diners Club International
    {2, 36, 36, 14, 19},      // Diners Club
    {2, 38, 39, 14, 19},      // Diners Club
    {4, 3528, 3589, 16, 19},  // JCB
    {4, 6011, 6011, 16, 19},  // Discover
    {3, 644, 649, 16, 19},    // Discover
    {2, 65, 65, 16, 19},      // Discover
    {2, 62, 62, 16, 19},      // UnionPay
    {2, 50, 50, 13, 19},      // Maestro
    {2, 56, 58, 13, 19},      // Maestro
    {2, 60, 69, 13, 19},      // Maestro and other 6-series debit
}};

}  // namespace

std::string DigitsOf(std::string_view s) {
  std::string digits;
  digits.reserve(s.size());
  for (char c : s) {
    if (IsDigit(c)) digits.push_back(c);
  }
  return digits;
}

bool LuhnValid(std::string_view digits) {
  if (digits.empty()) return false;
  int sum = 0;
  bool double_it = false;
  for (size_t i = digits.size(); i-- > 0;) {
    if (!IsDigit(digits[i])) return false;
    int d = digits[i] - '0';
    if (double_it) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double_it = !double_it;
  }
  return sum % 10 == 0;
}

bool CardIssuerValid(std::string_view digits) {
  const int length = static_cast<int>(digits.size());
  for (const IssuerRange& r : kIssuers) {
    int prefix = ReadNumber(digits, 0, r.prefix_digits);
    if (prefix >= r.low && prefix <= r.high && length >= r.min_length && length <= r.max_length) {
      return true;
    }
  }
  return false;
}

bool CreditCardValid(std::string_view text, size_t start, size_t end) {
  std::string_view value = text.substr(start, end - start);
  bool has_space = value.find(' ') != std::string_view::npos;
  bool has_dash = value.find('-') != std::string_view::npos;
  if (has_space && has_dash) return false;
  if (GluedToNumber(text, start, end)) return false;
  if (start > 0 && text[start - 1] == '+') return false;  // an international phone
  std::string digits = DigitsOf(value);
  if (digits.size() < 13 || digits.size() > 19) return false;
  return LuhnValid(digits) && CardIssuerValid(digits);
}

bool SsnValid(std::string_view text, size_t start, size_t end) {
  if (GluedToNumber(text, start, end)) return false;
  std::string digits = DigitsOf(text.substr(start, end - start));
  if (digits.size() != 9) return false;
  int area = ReadNumber(digits, 0, 3);
  int group = ReadNumber(digits, 3, 2);
  int serial = ReadNumber(digits, 5, 4);
  if (area == 0 || area == 666 || area >= 900) return false;
  if (group == 0 || serial == 0) return false;
  if (digits == "078051120" || digits == "123456789" || digits == "219099999") return false;
  return true;
}

bool Ipv4Valid(std::string_view text, size_t start, size_t end) {
  if (GluedToNumber(text, start, end)) return false;
  std::string_view v = text.substr(start, end - start);
  size_t pos = 0;
  for (int octet = 0; octet < 4; ++octet) {
    size_t len = 0;
    while (pos + len < v.size() && IsDigit(v[pos + len])) ++len;
    if (len == 0 || len > 3) return false;
    if (len > 1 && v[pos] == '0') return false;
    if (ReadNumber(v, pos, len) > 255) return false;
    pos += len;
    if (octet < 3) {
      if (pos >= v.size() || v[pos] != '.') return false;
      ++pos;
    }
  }
  if (pos != v.size()) return false;
  // "version 1.2.3.4", "v1.2.3.4", "upgrade the service to 2.6.9.209",
  // "kernel 6.6.19.191" are software versions.
  if (start > 0 && (text[start - 1] == 'v' || text[start - 1] == 'V')) return false;
  // Version words before or after it are looked for by PatternSet, over
  // the text between values (pii_patterns.h veto_before / veto_after).
  return true;
}

bool Ipv6Valid(std::string_view text, size_t start, size_t end) {
  if (start > 0) {
    char c = text[start - 1];
    if (IsAlnum(c) || c == ':' || c == '_') return false;
  }
  if (end < text.size()) {
    char c = text[end];
    if (IsAlnum(c) || c == ':' || c == '_') return false;
  }
  std::string_view v = text.substr(start, end - start);
  char buf[INET6_ADDRSTRLEN + 1];
  if (v.size() >= sizeof(buf)) return false;
  std::memcpy(buf, v.data(), v.size());
  buf[v.size()] = '\0';
  unsigned char addr[16];
  if (inet_pton(AF_INET6, buf, addr) != 1) return false;
  int groups = 0;
  bool in_group = false;
  for (char c : v) {
    bool hex = IsAlnum(c);
    if (hex && !in_group) ++groups;
    in_group = hex;
  }
  return groups >= 3;
}

bool NanpPhoneValid(std::string_view text, size_t start, size_t end) {
  if (GluedToNumber(text, start, end)) return false;
  std::string digits = DigitsOf(text.substr(start, end - start));
  if (digits.size() == 11 && digits[0] == '1') digits.erase(0, 1);
  if (digits.size() != 10) return false;
  return digits[0] >= '2' && digits[3] >= '2';
}

bool InternationalPhoneValid(std::string_view text, size_t start, size_t end) {
  if (GluedToNumber(text, start, end)) return false;
  std::string_view value = text.substr(start, end - start);
  std::string digits = DigitsOf(value);
  if (digits.size() < 8 || digits.size() > 15) return false;
  if (digits[0] == '1') {
    return digits.size() == 11 && digits[1] >= '2' && digits[4] >= '2';
  }
  return true;
}

bool StandaloneNumber(std::string_view text, size_t start, size_t end) {
  return !GluedToNumber(text, start, end);
}

namespace {
bool LetterBeside(std::string_view text, size_t start, size_t end) {
  return (start > 0 && IsAlpha(text[start - 1])) || (end < text.size() && IsAlpha(text[end]));
}
}  // namespace

bool BareNumber(std::string_view text, size_t start, size_t end) {
  return !LetterBeside(text, start, end) && StandaloneNumber(text, start, end);
}

bool BareNanpPhone(std::string_view text, size_t start, size_t end) {
  return !LetterBeside(text, start, end) && NanpPhoneValid(text, start, end);
}

bool BareSsn(std::string_view text, size_t start, size_t end) {
  return !LetterBeside(text, start, end) && SsnValid(text, start, end);
}

bool ApiKeyValid(std::string_view text, size_t start, size_t end) {
  std::string_view value = text.substr(start, end - start);
  // Vendor prefixes such as AKIA, ghp_ and xoxb- are specific enough; the
  // short sk-/pk-/rk- prefixes are also ordinary words, so their body must
  // look random.
  const bool generic =
      value.size() > 2 && (value[0] == 's' || value[0] == 'p' || value[0] == 'r') && value[1] == 'k';
  if (!generic) return true;
  bool upper = false, lower = false, digit = false;
  for (char c : value.substr(3)) {
    upper |= (c >= 'A' && c <= 'Z');
    lower |= (c >= 'a' && c <= 'z');
    digit |= IsDigit(c);
  }
  return upper && lower && digit;
}

bool AwsSecretKeyValid(std::string_view text, size_t start, size_t end) {
  auto base64 = [](char c) { return IsAlnum(c) || c == '/' || c == '+' || c == '='; };
  if (end - start != 40) return false;
  // '=' may precede the value (key=value) but not follow it (padding of a
  // longer blob).
  if (start > 0 && text[start - 1] != '=' && base64(text[start - 1])) return false;
  if (end < text.size() && base64(text[end])) return false;
  bool upper = false, lower = false, digit = false;
  for (char c : text.substr(start, end - start)) {
    upper |= (c >= 'A' && c <= 'Z');
    lower |= (c >= 'a' && c <= 'z');
    digit |= IsDigit(c);
  }
  return upper && lower && digit;
}

bool EmailValid(std::string_view text, size_t start, size_t end) {
  std::string_view v = text.substr(start, end - start);
  size_t at = v.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  std::string_view local = v.substr(0, at);
  if (local.front() == '.' || local.back() == '.') return false;
  return v.find("..") == std::string_view::npos;
}

bool ContainsAnyKeyword(std::string_view window, std::span<const std::string_view> keywords) {
  uint32_t initials = 0;
  for (std::string_view k : keywords)
    if (!k.empty() && k[0] >= 'a' && k[0] <= 'z') initials |= 1u << (k[0] - 'a');
  for (size_t i = 0; i < window.size(); ++i) {
    const char c = Lower(window[i]);
    if (c < 'a' || c > 'z' || ((initials >> (c - 'a')) & 1) == 0) continue;
    if (i > 0 && IsAlnum(window[i - 1])) continue;
    for (std::string_view k : keywords) {
      if (k[0] != c || k.size() > window.size() - i) continue;
      size_t n = 1;
      while (n < k.size() && Lower(window[i + n]) == k[n]) ++n;
      if (n == k.size()) return true;
    }
  }
  return false;
}

bool ContainsKeyword(std::string_view window, std::string_view keyword) {
  if (keyword.empty() || keyword.size() > window.size()) return false;
  for (size_t i = 0; i + keyword.size() <= window.size(); ++i) {
    if (Lower(window[i]) != keyword[0]) continue;
    if (i > 0 && IsAlnum(window[i - 1])) continue;
    size_t k = 1;
    while (k < keyword.size() && Lower(window[i + k]) == keyword[k]) ++k;
    if (k == keyword.size()) return true;
  }
  return false;
}

}  // namespace nethical::redact
