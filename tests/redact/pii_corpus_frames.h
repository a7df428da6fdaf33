// The sentence frames of the generated PII corpus, one set per split.
//
// A frame is a sentence with slots ({EMAIL}, {ORDER}, ... see
// pii_corpus_values.h). The public split's frames are plain requests and
// notes of the kind an agent is asked to act on; the validation split's are
// written in other registers (chat messages, log lines, form fields, JSON
// fragments) with other context words, so that a redactor, or a person,
// tuned on the public split is measured on phrasing it has not seen. The
// two sets share no frame. Frames hold no PII the corpus does not label
// (no street addresses, licence numbers, secrets or "my name is" phrases):
// such text would be counted as a false positive of the aggressive policy.
#pragma once

#include <span>
#include <string_view>

namespace nethical::redact {

struct CorpusFrames {
  std::span<const std::string_view> clean;  // no labeled slot; look-alikes
  // One labeled slot of each type; the type's context words (if any) are
  // written the way people write them.
  std::span<const std::string_view> email;
  std::span<const std::string_view> phone;
  std::span<const std::string_view> ssn;
  std::span<const std::string_view> card;
  std::span<const std::string_view> ip;
  std::span<const std::string_view> passport;
  std::span<const std::string_view> dob;
  std::span<const std::string_view> mixed;  // two or more labeled slots
  // Hostile shapes (issue 12): values glued to letters or '_', full-width
  // digits, Unicode hyphens, zero-width characters, AWS key pairs. One or
  // two labeled slots.
  std::span<const std::string_view> hostile;
};

const CorpusFrames& PublicFrames();
const CorpusFrames& ValidationFrames();

}  // namespace nethical::redact
