// JSON building blocks of the shadow and blended log lines, written
// straight into the line (no document tree: both logs write a line per
// action, on their writer thread).
//
//   JsonObject o(&out);                 // {
//   o.String("agent_id", agent_id);     // "agent_id":"agent_\u0007x" (escaped)
//   o.Number("score", 0.25);            // ,"score":0.25 (NaN, infinities: null)
//   o.Word("zone", "gray");             // ,"zone":"gray" (a name the code chose)
//   o.Close();                          // }
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace nethical::shadow {

// `s` quoted, with ", \ and control characters escaped; bytes that are
// not valid UTF-8 become U+FFFD, so the line stays valid JSON whatever a
// caller's id holds.
void AppendJsonString(std::string_view s, std::string* out);
// The shortest text that reads back as `v` (std::to_chars: 0.25, 1, 1e-07),
// or null when `v` is not finite (JSON has no NaN or infinity).
void AppendJsonNumber(double v, std::string* out);
void AppendJsonUnsigned(uint64_t v, std::string* out);

// One JSON object written member by member into *out. Keys are the code's
// own ASCII literals and are not escaped.
class JsonObject {
 public:
  explicit JsonObject(std::string* out) : out_(out) { out_->push_back('{'); }

  // A string from outside (ids, regions): escaped, invalid UTF-8 replaced.
  JsonObject& String(std::string_view key, std::string_view value) {
    AppendJsonString(value, Key(key));
    return *this;
  }
  // A string the code chose (enum names): written as it is.
  JsonObject& Word(std::string_view key, std::string_view value) {
    AppendQuoted(value, Key(key));
    return *this;
  }
  JsonObject& Number(std::string_view key, double value) {
    AppendJsonNumber(value, Key(key));
    return *this;
  }
  JsonObject& Bool(std::string_view key, bool value) {
    Key(key)->append(value ? "true" : "false");
    return *this;
  }
  JsonObject& Null(std::string_view key) {
    Key(key)->append("null");
    return *this;
  }
  // Writes `"key":` (after a comma unless first) and returns the line, for
  // a value the caller writes itself (a nested JsonObject, a composed id).
  // (One append of `,"key":` composed on the stack: a line is mostly short
  // appends, and each std::string append is a capacity check and a call.)
  std::string* Key(std::string_view key) {
    char buf[kShortPiece + 4];
    if (key.size() > kShortPiece) return LongKey(key);
    size_t n = 0;
    if (members_++ > 0) buf[n++] = ',';
    buf[n++] = '"';
    std::memcpy(buf + n, key.data(), key.size());
    n += key.size();
    buf[n++] = '"';
    buf[n++] = ':';
    out_->append(buf, n);
    return out_;
  }
  void Close() { out_->push_back('}'); }

  // `"value"`, unescaped, in one append when short.
  static void AppendQuoted(std::string_view value, std::string* out) {
    char buf[kShortPiece + 2];
    if (value.size() > kShortPiece) {
      out->push_back('"');
      out->append(value);
      out->push_back('"');
      return;
    }
    buf[0] = '"';
    std::memcpy(buf + 1, value.data(), value.size());
    buf[value.size() + 1] = '"';
    out->append(buf, value.size() + 2);
  }

 private:
  static constexpr size_t kShortPiece = 48;
  std::string* LongKey(std::string_view key) {
    if (members_++ > 0) out_->push_back(',');
    AppendQuoted(key, out_);
    out_->push_back(':');
    return out_;
  }

  std::string* out_;
  int members_ = 0;
};

// The members every log line starts with: `id_key` as
// "<id_prefix><epoch µs>_<sequence>" (unique within a log), "timestamp"
// (ISO 8601 UTC, microseconds, Z), "region", "agent_id", "action_id".
struct LineHead {
  std::string_view id_key;
  std::string_view id_prefix;
  int64_t wall_nanos;
  uint64_t sequence;
  std::string_view region;
  std::string_view agent_id;
  std::string_view action_id;
};
void AppendLineHead(const LineHead& head, JsonObject* line);

// The same from a log record with wall_nanos, agent_id and action_id.
template <typename Record>
void AppendLineHead(std::string_view id_key, std::string_view id_prefix, const Record& r, uint64_t sequence,
                    std::string_view region, JsonObject* line) {
  AppendLineHead(LineHead{id_key, id_prefix, r.wall_nanos, sequence, region, r.agent_id, r.action_id}, line);
}

}  // namespace nethical::shadow
