#include "engine/redact/context_window.h"

#include "engine/redact/pii_patterns.h"

namespace nethical::redact {
namespace {

bool Alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Space(char c) { return c == ' ' || c == '\t'; }

// Characters that glue to a value ("D1234567," keeps its comma out; a
// period glues only inside a run, so a sentence-ending one stays out).
bool Glues(std::string_view text, size_t i) {
  const char c = text[i];
  if (Alpha(c) || Digit(c)) return true;
  switch (c) {
    case '_':
    case '-':
    case '+':
    case '/':
    case '@':
    case '[':
    case ']':
    case '*':
    case '=':
    case '~':
    case '%':
    case '#':
      return true;
    case '.':
      return i + 1 < text.size() && !Space(text[i + 1]) && text[i + 1] != '\n';
    default:
      return false;
  }
}

// "[REDACTED_PHONE]", "[PHONE_507578f2…]", "[REDACTED]" (an email's utility
// form): an upper-case name, maybe a token's lower-case hex, in brackets
// (a user's "[phone]" is text). Returns its end, or `i` when none starts
// there.
size_t MarkerEnd(std::string_view text, size_t i) {
  if (text[i] != '[') return i;
  size_t j = i + 1;
  while (j < text.size() && ((text[j] >= 'A' && text[j] <= 'Z') || text[j] == '_')) ++j;
  if (j < i + 3) return i;
  while (j < text.size() && (Digit(text[j]) || (text[j] >= 'a' && text[j] <= 'f'))) ++j;
  if (j >= text.size() || text[j] != ']') return i;
  ++j;
  // An email's utility form keeps its domain: "[REDACTED]@example.com" is
  // the replacement of the whole address, as the address was one value.
  if (j < text.size() && text[j] == '@' && text.substr(i, j - i) == "[REDACTED]") {
    ++j;
    while (j < text.size() && (Alpha(text[j]) || Digit(text[j]) || text[j] == '.' || text[j] == '-')) ++j;
    while (j > i && text[j - 1] == '.') --j;  // a sentence's full stop is no part of it
  }
  return j;
}

// A utility form's mask: exactly "XXX-XXXX" (a phone's) or
// "****-****-****-" (a card's); an 'X' glued after it is text, as it was
// before the value was replaced. Returns its end, or `i`.
size_t MaskEnd(std::string_view text, size_t i) {
  for (std::string_view mask : {std::string_view("XXX-XXXX"), std::string_view("****-****-****-")}) {
    if (text.substr(i, mask.size()) == mask) return i + mask.size();
  }
  return i;
}

// A phone's utility form keeps its area or country code before the mask:
// "(415) XXX-XXXX", "+44 XXX-XXXX". The kept code is part of the
// replacement, as the whole number was one value: it must not read as text
// (a '(' after "etc. " would not start a sentence where the number did).
// Returns where the form starts, given its mask starts at `mask`.
size_t UtilityPrefixStart(std::string_view text, size_t mask) {
  if (text[mask] != 'X') return mask;
  if (mask >= 6 && text[mask - 6] == '(' && Digit(text[mask - 5]) && Digit(text[mask - 4]) &&
      Digit(text[mask - 3]) && text[mask - 2] == ')' && text[mask - 1] == ' ')
    return mask - 6;
  if (mask < 3 || text[mask - 1] != ' ') return mask;
  size_t i = mask - 1, digits = 0;
  while (i > 0 && digits < 3 && Digit(text[i - 1])) --i, ++digits;
  return digits > 0 && i > 0 && text[i - 1] == '+' ? i - 1 : mask;
}

inline bool MaybeEndsSentence(char c) { return c == '.' || c == '\n' || c == '!' || c == '?'; }

// True when the mark at text[i] ends a sentence, reading values as
// neither letters nor capitals: a value before the period is no
// abbreviation, and a value after it may start the next sentence.
bool EndsSentence(std::string_view text, const ValueMask& values, size_t i) {
  const char c = text[i];
  if (c == '\n') return true;
  if (c != '.' && c != '!' && c != '?') return false;
  size_t j = i + 1;
  if (j >= text.size() || !Space(text[j])) return false;
  while (j < text.size() && Space(text[j])) ++j;
  if (j >= text.size()) return false;
  if (!values.InValue(j) && (text[j] < 'A' || text[j] > 'Z')) return false;
  if (c != '.') return true;
  size_t w = i;
  while (w > 0 && !values.InValue(w - 1) && Alpha(text[w - 1])) --w;
  const size_t letters = i - w;
  // "no. X1234567", "tel. 555-...", "Dr. Smith": an abbreviation.
  return letters == 0 || letters > 3;
}

}  // namespace

ValueMask::ValueMask(std::string_view text, std::span<const ValueSpan> hits, std::vector<uint8_t>* storage)
    : kind_(*storage) {
  kind_.assign(text.size(), kBetween);
  auto mark = [&](size_t from, size_t to) {
    for (size_t i = from; i < to; ++i) kind_[i] = kValue;
    while (from > 0 && kind_[from - 1] == kBetween && Glues(text, from - 1)) kind_[--from] = kGlued;
    while (to < text.size() && kind_[to] == kBetween && Glues(text, to)) kind_[to++] = kGlued;
  };
  for (const ValueSpan& hit : hits) {
    if (hit.start < hit.end && hit.end <= text.size()) mark(hit.start, hit.end);
  }
  // Markers start at '[' (memchr); masks are looked for only in a text
  // that holds one.
  for (size_t i = text.find('['); i != std::string_view::npos; i = text.find('[', i + 1)) {
    const size_t end = MarkerEnd(text, i);
    if (end > i) mark(i, end);
  }
  if (text.find("XXX") == std::string_view::npos && text.find("***") == std::string_view::npos) return;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != 'X' && text[i] != '*') continue;
    if (i > 0 && Alpha(text[i - 1])) continue;
    const size_t end = MaskEnd(text, i);
    if (end > i) {
      mark(UtilityPrefixStart(text, i), end);
      i = end - 1;
    }
  }
}

ContextWindow ContextAround(std::string_view text, const ValueMask& values, size_t start, size_t end) {
  size_t from = start, letters = 0;
  while (from > 0 && letters < kContextBefore) {
    const size_t i = from - 1;
    const char c = text[i];
    if (!values.InValue(i)) {
      if (MaybeEndsSentence(c) && EndsSentence(text, values, i)) break;
      letters += Alpha(c);
    }
    from = i;
  }
  size_t to = end;
  letters = 0;
  while (to < text.size() && letters < kContextAfter) {
    const char c = text[to];
    if (!values.InValue(to)) {
      if (MaybeEndsSentence(c) && EndsSentence(text, values, to)) break;
      letters += Alpha(c);
    }
    ++to;
  }
  return {from, to};
}

VetoWindows VetoAround(std::string_view text, const ValueMask& values, size_t start, size_t end) {
  // Each window holds no value, so it reads the same in both passes and
  // can be measured in bytes.
  size_t from = start;
  while (from > 0 && start - from < kVetoWindowBytes) {
    const size_t i = from - 1;
    const char c = text[i];
    if (values.InValue(i) || Digit(c)) break;
    if (MaybeEndsSentence(c) && EndsSentence(text, values, i)) break;
    from = i;
  }
  size_t to = end;
  while (to < text.size() && to - end < kVetoWindowBytes) {
    const char c = text[to];
    if (values.InValue(to) || Digit(c)) break;
    if (MaybeEndsSentence(c) && EndsSentence(text, values, to)) break;
    ++to;
  }
  return {text.substr(from, start - from), text.substr(end, to - end)};
}

}  // namespace nethical::redact
