// Where a hit's context keywords are looked for. Internal to PatternSet.
//
// The window must read the same before and after redaction, or redacting a
// redacted text would find more (a replacement such as "[PHONE_507578f2]"
// is longer or shorter than the value it replaced, and a byte window would
// reach a keyword in one pass and not in the other). So the window is
// measured over the text *between* values only: every byte of a value
// (any hit of a pattern, whether its check passes, whatever its
// confidence) and of
// a replacement marker or mask this redactor writes (with the area or
// country code a phone's utility form keeps) is skipped: it counts
// nothing, holds no keyword (except at a value's first byte: an AWS key id
// "AKIA..." is its secret's context) and ends no sentence. What is glued
// to a value ("ssn" in "ssn536-22-1234") reads the same in both passes and
// counts as text. The window spans kContextBefore letters of that text
// before the value and kContextAfter after it, and stops at a sentence
// boundary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace nethical::redact {

// A value's byte range [start, end) in the scanned text.
struct ValueSpan {
  uint32_t start;
  uint32_t end;
};

// What each byte of a text is: inside a value or marker, glued to one, or
// in the text between.
class ValueMask {
 public:
  // `storage` holds the mask (reused between texts: no allocation per
  // text once it is large enough); it must outlive the mask.
  ValueMask(std::string_view text, std::span<const ValueSpan> hits, std::vector<uint8_t>* storage);
  // Inside a value or marker.
  bool InValue(size_t i) const { return kind_[i] == kValue; }
  // Inside a value or marker, or glued to one.
  bool NearValue(size_t i) const { return kind_[i] != kBetween; }
  // Where a context keyword may start: outside values, or at a value's
  // first byte.
  bool MayHoldKeyword(size_t i) const { return kind_[i] != kValue || i == 0 || kind_[i - 1] != kValue; }

 private:
  enum Kind : uint8_t { kBetween, kGlued, kValue };
  std::vector<uint8_t>& kind_;
};

// The window [from, to) around the value [start, end).
struct ContextWindow {
  size_t from;
  size_t to;
};
ContextWindow ContextAround(std::string_view text, const ValueMask& values, size_t start, size_t end);

// The windows of a veto lexicon (pii_patterns.h): the text between values
// right before [start, end) and right after it, each ending at the nearest
// value or digit (a word past it names that number: "1.2.3.4 and
// 10.0.0.1, version 2"), a sentence boundary or kVetoWindowBytes. Both
// windows are runs of text between values, so they read the same before
// and after redaction.
inline constexpr size_t kVetoWindowBytes = 48;
struct VetoWindows {
  std::string_view before;
  std::string_view after;
};
VetoWindows VetoAround(std::string_view text, const ValueMask& values, size_t start, size_t end);

}  // namespace nethical::redact
