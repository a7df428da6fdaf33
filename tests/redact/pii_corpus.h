// A labeled PII corpus the repository generates itself: seeded,
// deterministic, with two splits.
//
//   std::vector<LabeledText> corpus = GeneratePiiCorpus(CorpusSplit::kPublic, /*seed=*/1, 2000);
//   for (const LabeledText& r : corpus)
//     for (const LabeledSpan& s : r.spans)
//       r.text.substr(s.start, s.end - s.start) == s.value   // always
//
// Each record is one or two sentences built from frames
// (pii_corpus_frames.h) whose slots are filled with fresh values
// (pii_corpus_values.h): about 40 % are clean text and look-alikes (Luhn-
// invalid 16-digit order numbers, version strings, ticket ids, amounts,
// dates that are not birth dates, times, hex ids) with no span; about 40 %
// carry one labeled value of one of the seven types (EMAIL, PHONE, SSN,
// CREDIT_CARD, IP_ADDRESS, PASSPORT, DATE_OF_BIRTH); 5 % are hostile shapes
// (values glued to letters or '_', full-width digits, Unicode hyphens,
// zero-width characters, AWS key ids (API_KEY) and secret keys
// (AWS_SECRET_KEY)); the rest carry two or three values. A quarter of the records join a second, clean
// sentence before or after, so values do not always sit at the start of a line.
//
// Splits: `public` is what tests assert on; `validation` uses a disjoint
// set of frames (other registers, other context words) and is only
// reported beside it, never used to tune the redactor or the generator.
//
// Offsets are byte offsets into `text` (UTF-8; only fillers such as a
// pound sign, and the hostile values' full-width digits, Unicode hyphens and
// zero-width characters, are non-ASCII). The same (split, seed) gives the same corpus on
// every platform, and the first n records of a corpus of m > n records are
// the corpus of n records.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nethical::redact {

struct LabeledSpan {
  std::string type;  // "EMAIL", "PHONE", "SSN", "CREDIT_CARD", "IP_ADDRESS", "PASSPORT", "DATE_OF_BIRTH",
                     // "API_KEY", "AWS_SECRET_KEY"
  uint32_t start = 0;
  uint32_t end = 0;   // exclusive
  std::string value;  // == text.substr(start, end - start)
};

struct LabeledText {
  std::string id;  // "<split>-<index, 6 digits>"
  std::string text;
  std::vector<LabeledSpan> spans;  // sorted by start; empty for clean text and look-alikes
};

enum class CorpusSplit { kPublic, kValidation };

std::string_view CorpusSplitName(CorpusSplit split);  // "public", "validation"
std::optional<CorpusSplit> CorpusSplitFromName(std::string_view name);

std::vector<LabeledText> GeneratePiiCorpus(CorpusSplit split, uint64_t seed, int records);

}  // namespace nethical::redact
