#include "loadgen/csv_format.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace nethical::loadgen {
namespace {

bool IsPythonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

}  // namespace

std::string SanitizeCsvValue(std::string_view value) {
  std::string s(value);
  for (char& c : s)
    if (c == '\r' || c == '\n') c = ' ';
  size_t b = 0, e = s.size();
  while (b < e && IsPythonSpace(s[b])) ++b;
  while (e > b && IsPythonSpace(s[e - 1])) --e;
  s = s.substr(b, e - b);
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t'))
    s.insert(s.begin(), '\'');
  return s;
}

namespace {

// True when sanitising and quoting would leave `value` as it is (ids,
// decisions, exception names: nearly every field).
bool IsPlainCsvText(std::string_view value) {
  if (value.empty()) return true;
  const char first = value.front();
  if (IsPythonSpace(first) || IsPythonSpace(value.back()) || first == '=' || first == '+' || first == '-' ||
      first == '@')
    return false;
  for (char c : value)
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return false;
  return true;
}

}  // namespace

void AppendCsvText(std::string_view value, std::string* out) {
  if (IsPlainCsvText(value)) {
    out->append(value);
    return;
  }
  const std::string s = SanitizeCsvValue(value);
  if (s.find_first_of(",\"") == std::string::npos) {
    out->append(s);
    return;
  }
  out->push_back('"');
  for (char c : s) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendPythonFloat(double value, std::string* out) {
  if (std::isnan(value)) return out->append("nan"), void();
  if (std::isinf(value)) return out->append(value < 0 ? "-inf" : "inf"), void();
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  const std::string_view sci(buf, end - buf);  // "-1.2345e+02"
  const size_t epos = sci.find('e');
  // The exponent, "+02" or "-05"; buf is not NUL-terminated, so no atoi.
  int exp10 = 0;
  std::from_chars(sci.data() + epos + 2, sci.data() + sci.size(), exp10);
  if (sci[epos + 1] == '-') exp10 = -exp10;
  if (exp10 < -4 || exp10 >= 16) return out->append(sci), void();  // repr keeps scientific
  std::string_view mant = sci.substr(0, epos);
  if (mant.front() == '-') {
    out->push_back('-');
    mant.remove_prefix(1);
  }
  char digit_buf[32];
  size_t n = 0;
  for (char c : mant)
    if (c != '.') digit_buf[n++] = c;
  const std::string_view digits(digit_buf, n);
  if (exp10 < 0) {
    out->append("0.");
    out->append(static_cast<size_t>(-exp10 - 1), '0');
    out->append(digits);
    return;
  }
  const size_t int_len = static_cast<size_t>(exp10) + 1;
  if (digits.size() <= int_len) {
    out->append(digits);
    out->append(int_len - digits.size(), '0');
    out->append(".0");
  } else {
    out->append(digits.substr(0, int_len));
    out->push_back('.');
    out->append(digits.substr(int_len));
  }
}

}  // namespace nethical::loadgen
