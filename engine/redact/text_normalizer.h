// Folds the Unicode forms that hide a number from ASCII patterns into ASCII
// before the PII scan, and maps offsets in the folded text back to the
// original bytes, so that a finding covers (and redaction replaces) the
// original span.
//
//   NormalizedText n;
//   std::string_view scanned = NormalizeForScan(text, &n);  // == text when ASCII
//   ... findings over `scanned` ...
//   n.MapBack(&start, &end);  // offsets into `text`
//
// Folded (UTF-8 in, ASCII out):
//   U+FF10..U+FF19 full-width digits        -> '0'..'9'
//   U+2010..U+2015 hyphens and dashes,
//   U+2212 minus sign, U+FE63, U+FF0D       -> '-'
//   U+00A0, U+2007, U+2009, U+202F spaces   -> ' '
//   U+200B..U+200D, U+2060, U+FEFF          -> removed (zero-width)
// Every other byte is copied. Fast path: a text with no byte >= 0x80 is
// returned as is, with no copy and no map (one word-at-a-time pass).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nethical::redact {

class NormalizedText {
 public:
  // True when the last NormalizeForScan folded something (offsets differ).
  bool folded() const { return folded_; }
  // Maps [*start, *end) in the folded text to the original text's bytes.
  // The end maps past the original character holding the last folded byte,
  // so zero-width characters inside the span stay inside it.
  void MapBack(uint32_t* start, uint32_t* end) const;

 private:
  friend std::string_view NormalizeForScan(std::string_view text, NormalizedText* out);
  bool folded_ = false;
  std::string text_;
  // origin_[i]: where folded byte i starts in the original; origin_end_[i]:
  // where the original character holding it ends.
  std::vector<uint32_t> origin_;
  std::vector<uint32_t> origin_end_;
};

// The text to scan: `text` itself when nothing needs folding, else the
// folded copy held by `*out` (valid until its next use).
std::string_view NormalizeForScan(std::string_view text, NormalizedText* out);

}  // namespace nethical::redact
