// JSON building blocks of the shadow and blended log lines, written
// straight into the line (no document tree: both logs write a line per
// action, on their writer thread).
//
//   JsonObject o(&out);                 // {
//   o.String("agent_id", agent_id);     // "agent_id":"agent_\u0007x" (escaped)
//   o.Number("score", 0.25);            // ,"score":0.25 (NaN, infinities: null)
//   o.Word("zone", "gray");             // ,"zone":"gray" (a name the code chose)
//   o.Close();                          // } (and `out` has its final length)
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
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

// The end of a line being written: room reserved in the string and
// written through a pointer, so that a member costs a few stores rather
// than a string append (a call and a capacity check) per piece. The string
// holds reserved, unwritten bytes until Finish() gives it its length.
class JsonCursor {
 public:
  explicit JsonCursor(std::string* out);
  JsonCursor(const JsonCursor&) = delete;
  JsonCursor& operator=(const JsonCursor&) = delete;

  // At least n writable bytes at the returned pointer; Advance(p) then
  // says where the writing ended.
  char* Room(size_t n) {
    if (static_cast<size_t>(end_ - cur_) < n) Grow(n);
    return cur_;
  }
  void Advance(char* p) { cur_ = p; }
  void Put(char c) { *Room(1) = c, ++cur_; }
  void Put(std::string_view s) {
    char* p = Room(s.size());
    std::memcpy(p, s.data(), s.size());
    cur_ = p + s.size();
  }
  // Shrinks the string to what was written; the cursor is not used after.
  void Finish();

 private:
  void Grow(size_t n);

  std::string* out_;
  char* cur_;
  char* end_;
};

// One JSON object written member by member at a cursor. Keys are the
// code's own ASCII literals and are not escaped.
class JsonObject {
 public:
  // A top-level object appended to *out; Close() ends it and gives *out
  // its length (write nothing else to *out before).
  explicit JsonObject(std::string* out) : own_(std::in_place, out), c_(&*own_) { c_->Put('{'); }
  JsonObject(const JsonObject&) = delete;
  JsonObject& operator=(const JsonObject&) = delete;

  // A string from outside (ids, regions): escaped, invalid UTF-8 replaced.
  JsonObject& String(std::string_view key, std::string_view value) {
    Key(key);
    PutJsonString(value, c_);
    return *this;
  }
  // A string the code chose (enum names): written as it is.
  JsonObject& Word(std::string_view key, std::string_view value) {
    Key(key);
    PutQuoted(value, c_);
    return *this;
  }
  JsonObject& Number(std::string_view key, double value) {
    Key(key);
    PutJsonNumber(value, c_);
    return *this;
  }
  JsonObject& Bool(std::string_view key, bool value) {
    Key(key);
    c_->Put(value ? std::string_view("true") : std::string_view("false"));
    return *this;
  }
  JsonObject& Null(std::string_view key) {
    Key(key);
    c_->Put("null");
    return *this;
  }
  // Writes `"key":` (after a comma unless first) and returns the cursor,
  // for a value the caller writes itself.
  JsonCursor* Key(std::string_view key) {
    char* p = c_->Room(key.size() + 4);
    if (members_++ > 0) *p++ = ',';
    *p++ = '"';
    std::memcpy(p, key.data(), key.size());
    p += key.size();
    *p++ = '"';
    *p++ = ':';
    c_->Advance(p);
    return c_;
  }
  // A nested object as the value of `key`; Close() it before the next
  // member of this one.
  JsonObject Object(std::string_view key) { return JsonObject(Key(key)); }
  void Close() {
    c_->Put('}');
    if (own_) own_->Finish();
  }

  // `"value"`, unescaped.
  static void PutQuoted(std::string_view value, JsonCursor* c) {
    char* p = c->Room(value.size() + 2);
    *p++ = '"';
    std::memcpy(p, value.data(), value.size());
    p += value.size();
    *p++ = '"';
    c->Advance(p);
  }
  static void PutJsonString(std::string_view s, JsonCursor* c);
  static void PutJsonNumber(double v, JsonCursor* c);

 private:
  explicit JsonObject(JsonCursor* parent) : c_(parent) { c_->Put('{'); }

  std::optional<JsonCursor> own_;  // the top-level object's
  JsonCursor* c_;
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
