#include "engine/shadow/json_fields.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "engine/base/ascii.h"
#include "engine/base/utc_timestamp.h"
#include "engine/input_check.h"

namespace nethical::shadow {
namespace {

// Bytes JSON needs escaped: the quote, the backslash and controls.
constexpr bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// Escapes valid UTF-8 (or any bytes >= 0x20 other than " and \ as they are).
// Runs of bytes that need no escape are appended whole.
void AppendEscaped(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t i = 0;
  while (i < s.size()) {
    size_t run = i;
    while (run < s.size() && !NeedsEscape(static_cast<unsigned char>(s[run]))) ++run;
    out->append(s.data() + i, run - i);
    if (run == s.size()) return;
    const auto c = static_cast<unsigned char>(s[run]);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default: {
        const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
        out->append(escaped, sizeof escaped);
      }
    }
    i = run + 1;
  }
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  // The usual id: ASCII, nothing to escape, written in one append.
  if (std::none_of(s.begin(), s.end(),
                   [](char c) { return NeedsEscape(static_cast<unsigned char>(c)) || c & 0x80; })) {
    JsonObject::AppendQuoted(s, out);
    return;
  }
  out->push_back('"');
  while (!IsAscii(s)) {  // ids are ASCII: the usual case is one inline test
    const size_t bad = FindInvalidUtf8(s);
    if (bad == std::string_view::npos) break;
    AppendEscaped(s.substr(0, bad), out);
    out->append("\xEF\xBF\xBD");  // U+FFFD for the one byte that starts no valid sequence
    s.remove_prefix(bad + 1);
  }
  AppendEscaped(s, out);
  out->push_back('"');
}

void AppendJsonNumber(double v, std::string* out) {
  if (!std::isfinite(v)) {
    out->append("null");
    return;
  }
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, res.ptr);
}

void AppendLineHead(const LineHead& head, JsonObject* line) {
  std::string* id = line->Key(head.id_key);
  if (head.id_prefix.size() <= 32) {  // composed on the stack, one append
    char text[32 + 48];
    char* p = text;
    *p++ = '"';
    p = std::copy(head.id_prefix.begin(), head.id_prefix.end(), p);
    p = std::to_chars(p, text + sizeof text, static_cast<uint64_t>(head.wall_nanos / 1000)).ptr;
    *p++ = '_';
    p = std::to_chars(p, text + sizeof text, head.sequence).ptr;
    *p++ = '"';
    id->append(text, p);
  } else {
    id->push_back('"');
    id->append(head.id_prefix);
    AppendJsonUnsigned(static_cast<uint64_t>(head.wall_nanos / 1000), id);
    id->push_back('_');
    AppendJsonUnsigned(head.sequence, id);
    id->push_back('"');
  }
  std::string* timestamp = line->Key("timestamp");
  timestamp->push_back('"');
  AppendUtcTimestamp(head.wall_nanos, kIsoMicrosZ, timestamp);
  timestamp->push_back('"');
  line->String("region", head.region).String("agent_id", head.agent_id).String("action_id", head.action_id);
}

void AppendJsonUnsigned(uint64_t v, std::string* out) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, res.ptr);
}

}  // namespace nethical::shadow
