#include "engine/shadow/json_fields.h"

#include <charconv>
#include <cmath>

#include "engine/base/ascii.h"
#include "engine/base/utc_timestamp.h"
#include "engine/input_check.h"

namespace nethical::shadow {
namespace {

// Escapes valid UTF-8 (or any bytes >= 0x20 other than " and \ as they are).
void AppendEscaped(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
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
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 0xf]);
        } else {
          out->push_back(ch);
        }
    }
  }
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
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
  id->push_back('"');
  id->append(head.id_prefix);
  AppendJsonUnsigned(static_cast<uint64_t>(head.wall_nanos / 1000), id);
  id->push_back('_');
  AppendJsonUnsigned(head.sequence, id);
  id->push_back('"');
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
