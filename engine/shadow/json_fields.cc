#include "engine/shadow/json_fields.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "engine/base/ascii.h"
#include "engine/base/shortest_double.h"
#include "engine/base/utc_timestamp.h"
#include "engine/input_check.h"

namespace nethical::shadow {
namespace {

// Bytes JSON needs escaped: the quote, the backslash and controls.
constexpr bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// Bytes written as they are with no further look: ASCII that needs no
// escape (one load per byte where two tests were).
constexpr std::array<bool, 256> kPlainAscii = [] {
  std::array<bool, 256> plain{};
  for (int c = 0; c < 0x80; ++c) plain[c] = !NeedsEscape(static_cast<unsigned char>(c));
  return plain;
}();

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

JsonCursor::JsonCursor(std::string* out) : out_(out) {
  // The string's whole capacity (a reused line keeps it) and at least
  // kMinRoom more.
  constexpr size_t kMinRoom = 256;
  const size_t start = out->size();
  out->resize(std::max(out->capacity(), start + kMinRoom));
  cur_ = out->data() + start;
  end_ = out->data() + out->size();
}

void JsonCursor::Grow(size_t n) {
  const size_t written = static_cast<size_t>(cur_ - out_->data());
  out_->resize(std::max(2 * out_->size(), written + n + 256));
  cur_ = out_->data() + written;
  end_ = out_->data() + out_->size();
}

void JsonCursor::Finish() {
  out_->resize(static_cast<size_t>(cur_ - out_->data()));
  end_ = cur_;
}

void JsonObject::PutJsonString(std::string_view s, JsonCursor* c) {
  // The usual id: ASCII, nothing to escape, written in one copy.
  if (std::all_of(s.begin(), s.end(), [](char ch) { return kPlainAscii[static_cast<unsigned char>(ch)]; })) {
    PutQuoted(s, c);
    return;
  }
  std::string escaped;
  escaped.push_back('"');
  while (!IsAscii(s)) {  // ids are ASCII: the usual case is one inline test
    const size_t bad = FindInvalidUtf8(s);
    if (bad == std::string_view::npos) break;
    AppendEscaped(s.substr(0, bad), &escaped);
    escaped.append("\xEF\xBF\xBD");  // U+FFFD for the one byte that starts no valid sequence
    s.remove_prefix(bad + 1);
  }
  AppendEscaped(s, &escaped);
  escaped.push_back('"');
  c->Put(escaped);
}

void JsonObject::PutJsonNumber(double v, JsonCursor* c) {
  if (!std::isfinite(v)) {
    c->Put("null");
    return;
  }
  c->Advance(WriteShortestDouble(v, c->Room(kShortestDoubleMaxBytes)));
}

void AppendJsonString(std::string_view s, std::string* out) {
  JsonCursor c(out);
  JsonObject::PutJsonString(s, &c);
  c.Finish();
}

void AppendJsonNumber(double v, std::string* out) {
  JsonCursor c(out);
  JsonObject::PutJsonNumber(v, &c);
  c.Finish();
}

void AppendJsonUnsigned(uint64_t v, std::string* out) {
  char buf[24];
  const auto res = std::to_chars(buf, buf + sizeof(buf), v);
  out->append(buf, res.ptr);
}

void AppendLineHead(const LineHead& head, JsonObject* line) {
  JsonCursor* c = line->Key(head.id_key);
  char* p = c->Room(head.id_prefix.size() + 2 + 2 * 20 + 1);
  *p++ = '"';
  p = std::copy(head.id_prefix.begin(), head.id_prefix.end(), p);
  p = std::to_chars(p, p + 20, static_cast<uint64_t>(head.wall_nanos / 1000)).ptr;
  *p++ = '_';
  p = std::to_chars(p, p + 20, head.sequence).ptr;
  *p++ = '"';
  c->Advance(p);
  c = line->Key("timestamp");
  p = c->Room(UtcTimestampMaxBytes(kIsoMicrosZ) + 2);
  *p++ = '"';
  p = WriteUtcTimestamp(head.wall_nanos, kIsoMicrosZ, p);
  *p++ = '"';
  c->Advance(p);
  line->String("region", head.region).String("agent_id", head.agent_id).String("action_id", head.action_id);
}

}  // namespace nethical::shadow
