// The detection table: one row per regex. A row names the PII type it finds,
// an RE2 pattern (ASCII semantics: \d, \b and classes are ASCII; group 1,
// when present, is the value to redact), a structural check, and two
// confidences: `confidence` for a valid hit with no supporting context, and
// `context_confidence` when one of `keywords` occurs within the context
// window around it. Rows whose bare form is ambiguous (a 9-digit number, an
// "AB123456" id, a date) get a confidence below the default minimum, so
// they only count next to a keyword ("passport", "ssn", "born"), except
// under the aggressive policy, which is recall-first: a row with an
// `aggressive_confidence` above its `confidence` keeps its bare shape there
// (a passport-like "AB1234567" with no context word, as the original did).
//
// Numeric rows carry no \b: a letter or '_' glued to a number is a
// separator ("card_4111111111111111", "ssn536-22-1234"), and each row's
// check rejects a hit glued to another digit.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "engine/redact/pii_type.h"

namespace nethical::redact {

// A row's prefilter form: by default the row's own regex, in one Hyperscan
// database shared by the rows. Otherwise one of:
struct PiiPrefilterForm {
  // A superset pattern, in Hyperscan syntax (e.g. one that starts at a
  // literal). Empty: the row's regex.
  std::string_view regex = {};
  // Scanned in a database of its own: in the shared one, some patterns
  // make Hyperscan run a slower engine for every row (measured:
  // bench/redact_bench BM_PiiPrefilterMixedWorkload).
  bool own_database = false;
  // A byte every match of the pattern contains (0: none given): an own
  // database is scanned only when the text holds it, which memchr finds
  // several times faster than a Hyperscan pass over the text.
  char required_byte = 0;
  // Instead of a pattern, a run of at least this many characters of
  // [A-Za-z0-9/+] (base64_run.h): what Hyperscan finds slowly.
  int base64_run = 0;
};

struct PiiPattern {
  PiiType type;
  std::string_view regex;
  // Returns false to drop the hit. Null: every hit is structurally valid.
  bool (*check)(std::string_view text, size_t start, size_t end);
  double confidence;
  double context_confidence;
  std::span<const std::string_view> keywords;  // lower case
  // Bare confidence under the aggressive policy; 0: `confidence`.
  double aggressive_confidence = 0;
  // Words that make the hit something else (an IPv4-shaped software
  // version): one of `veto_before` before it, or of `veto_after` after it,
  // each up to the nearest number or value (context_window.h VetoWindow),
  // drops the hit. Lower case.
  std::span<const std::string_view> veto_before = {};
  std::span<const std::string_view> veto_after = {};
  // How the prefilter (pii_prefilter.h) looks for the row; each way finds
  // every text where `regex` matches (and may find more).
  PiiPrefilterForm prefilter = {};
};

// All rows, in priority order: on equal confidence and span, the earlier
// row's type wins an overlap.
std::span<const PiiPattern> AllPiiPatterns();

// Letters of text before and after a hit searched for context keywords,
// counted between values only; the window also stops at a sentence
// boundary (context_window.h).
inline constexpr size_t kContextBefore = 48;
inline constexpr size_t kContextAfter = 24;

}  // namespace nethical::redact
