#include "engine/redact/text_normalizer.h"

#include "engine/base/ascii.h"

namespace nethical::redact {
namespace {

// The ASCII byte a 2- or 3-byte UTF-8 sequence folds to, 0 to drop it, or
// -1 to keep it as is. `n` is its length.
int Fold(const unsigned char* p, size_t available, size_t* n) {
  if (p[0] == 0xC2 && available >= 2) {
    *n = 2;
    return p[1] == 0xA0 ? ' ' : -1;  // U+00A0 no-break space
  }
  if (available < 3) return -1;
  *n = 3;
  const unsigned b1 = p[1], b2 = p[2];
  if (p[0] == 0xEF) {
    if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) return '0' + (b2 - 0x90);  // U+FF10..FF19
    if (b1 == 0xBC && b2 == 0x8D) return '-';                              // U+FF0D
    if (b1 == 0xB9 && b2 == 0xA3) return '-';                              // U+FE63
    if (b1 == 0xBB && b2 == 0xBF) return 0;                                // U+FEFF
    return -1;
  }
  if (p[0] == 0xE2) {
    if (b1 == 0x80) {
      if (b2 >= 0x90 && b2 <= 0x95) return '-';                // U+2010..2015
      if (b2 >= 0x8B && b2 <= 0x8D) return 0;                  // U+200B..200D
      if (b2 == 0x87 || b2 == 0x89 || b2 == 0xAF) return ' ';  // U+2007, U+2009, U+202F
      return -1;
    }
    if (b1 == 0x81 && b2 == 0xA0) return 0;    // U+2060
    if (b1 == 0x88 && b2 == 0x92) return '-';  // U+2212
  }
  return -1;
}

}  // namespace

std::string_view NormalizeForScan(std::string_view text, NormalizedText* out) {
  out->folded_ = false;
  out->text_.clear();
  out->origin_.clear();
  out->origin_end_.clear();
  if (IsAscii(text)) return text;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  // Nothing to fold: no copy either.
  bool any = false;
  for (size_t i = 0; i < text.size() && !any; ++i) {
    size_t n = 1;
    if (bytes[i] >= 0x80 && Fold(bytes + i, text.size() - i, &n) >= 0) any = true;
  }
  if (!any) return text;
  out->folded_ = true;
  out->text_.reserve(text.size());
  out->origin_.reserve(text.size());
  out->origin_end_.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t n = 1;
    const int folded = bytes[i] >= 0x80 ? Fold(bytes + i, text.size() - i, &n) : -1;
    if (folded < 0) {
      out->text_.push_back(text[i]);
      out->origin_.push_back(static_cast<uint32_t>(i));
      out->origin_end_.push_back(static_cast<uint32_t>(i + 1));
      ++i;
      continue;
    }
    if (folded > 0) {
      out->text_.push_back(static_cast<char>(folded));
      out->origin_.push_back(static_cast<uint32_t>(i));
      out->origin_end_.push_back(static_cast<uint32_t>(i + n));
    }
    i += n;
  }
  return out->text_;
}

void NormalizedText::MapBack(uint32_t* start, uint32_t* end) const {
  if (!folded_ || *end <= *start || *end > origin_.size()) return;
  const uint32_t last = *end - 1;
  *start = origin_[*start];
  *end = origin_end_[last];
}

}  // namespace nethical::redact
