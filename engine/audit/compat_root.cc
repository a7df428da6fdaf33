#include "engine/audit/compat_root.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "engine/audit/merkle_hash.h"

namespace nethical::audit {
namespace {

void AppendUnicodeEscape(uint32_t unit, std::string* out) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "\\u%04x", unit);
  out->append(buf);
}

// Decodes one UTF-8 sequence at s[*i]; invalid bytes map to U+FFFD, as
// Python would never hold them in a str in the first place.
uint32_t NextCodePoint(const std::string& s, size_t* i) {
  const auto b0 = static_cast<uint8_t>(s[*i]);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 6 ? 2 : (b0 >> 4) == 14 ? 3 : (b0 >> 3) == 30 ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  uint32_t cp = len == 1 ? b0 : b0 & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<uint8_t>(s[*i + k]);
    if ((b >> 6) != 2) {
      ++*i;
      return 0xFFFD;
    }
    cp = cp << 6 | (b & 0x3F);
  }
  *i += len;
  return cp;
}

void AppendPythonString(const std::string& s, std::string* out) {
  out->push_back('"');
  for (size_t i = 0; i < s.size();) {
    const uint32_t cp = NextCodePoint(s, &i);
    switch (cp) {
      case '"':
        out->append("\\\"");
        continue;
      case '\\':
        out->append("\\\\");
        continue;
      case '\n':
        out->append("\\n");
        continue;
      case '\r':
        out->append("\\r");
        continue;
      case '\t':
        out->append("\\t");
        continue;
      case '\b':
        out->append("\\b");
        continue;
      case '\f':
        out->append("\\f");
        continue;
      default:
        break;
    }
    if (cp >= 0x20 && cp <= 0x7E) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x10000) {
      AppendUnicodeEscape(cp, out);
    } else {
      const uint32_t v = cp - 0x10000;
      AppendUnicodeEscape(0xD800 | (v >> 10), out);
      AppendUnicodeEscape(0xDC00 | (v & 0x3FF), out);
    }
  }
  out->push_back('"');
}

void AppendValue(const nlohmann::json& v, std::string* out) {
  switch (v.type()) {
    case nlohmann::json::value_t::null:
      out->append("null");
      return;
    case nlohmann::json::value_t::boolean:
      out->append(v.get<bool>() ? "true" : "false");
      return;
    case nlohmann::json::value_t::number_integer:
      out->append(std::to_string(v.get<int64_t>()));
      return;
    case nlohmann::json::value_t::number_unsigned:
      out->append(std::to_string(v.get<uint64_t>()));
      return;
    case nlohmann::json::value_t::number_float:
      out->append(PythonFloatRepr(v.get<double>()));
      return;
    case nlohmann::json::value_t::string:
      AppendPythonString(v.get_ref<const std::string&>(), out);
      return;
    case nlohmann::json::value_t::array: {
      out->push_back('[');
      bool first = true;
      for (const auto& e : v) {
        if (!first) out->append(", ");
        first = false;
        AppendValue(e, out);
      }
      out->push_back(']');
      return;
    }
    case nlohmann::json::value_t::object: {
      // nlohmann's object is a std::map: keys in UTF-8 byte order, which is
      // code-point order, the order Python's sort_keys uses.
      out->push_back('{');
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out->append(", ");
        first = false;
        AppendPythonString(it.key(), out);
        out->append(": ");
        AppendValue(it.value(), out);
      }
      out->push_back('}');
      return;
    }
    default:
      out->append("null");
      return;  // binary / discarded: not produced by the JSON parser
  }
}

std::string HexSha256(const std::string& s) { return ToHex(Sha256(s)); }

}  // namespace

std::string PythonFloatRepr(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  // Shortest round-trip digits (what Python's repr uses), then Python's
  // layout rule: exponent form when decpt <= -4 or decpt > 16.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  std::string sign;
  if (sci[0] == '-') {
    sign = "-";
    sci.erase(0, 1);
  }
  const size_t e = sci.find('e');
  std::string digits = sci.substr(0, e);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  const int exponent = std::stoi(sci.substr(e + 1));
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int decpt = exponent + 1;
  const int n = static_cast<int>(digits.size());
  std::string out = sign;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      out += "0." + std::string(-decpt, '0') + digits;
    } else if (decpt >= n) {
      out += digits + std::string(decpt - n, '0') + ".0";
    } else {
      out += digits.substr(0, decpt) + "." + digits.substr(decpt);
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (n > 1) out += "." + digits.substr(1);
  char exp[16];
  std::snprintf(exp, sizeof(exp), "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
  return out + exp;
}

std::string PythonJsonDumps(const nlohmann::json& value) {
  std::string out;
  AppendValue(value, &out);
  return out;
}

std::string CompatChunkRoot(const std::vector<nlohmann::json>& events) {
  if (events.empty()) return HexSha256("");
  std::vector<std::string> level;
  level.reserve(events.size());
  for (const auto& e : events) level.push_back(HexSha256(PythonJsonDumps(e)));
  while (level.size() > 1) {
    if (level.size() % 2 == 1) level.push_back(level.back());
    std::vector<std::string> next;
    next.reserve(level.size() / 2);
    for (size_t i = 0; i < level.size(); i += 2) next.push_back(HexSha256(level[i] + level[i + 1]));
    level = std::move(next);
  }
  return level[0];
}

}  // namespace nethical::audit
