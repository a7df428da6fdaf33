// The AdversarialDetector's and DataPoisoningDetector's computed checks (the
// parts of §3 that are statistics of the text rather than patterns). Pure
// functions of the text; no allocation unless a decoding check matches.
#pragma once

#include <string>
#include <string_view>

namespace nethical::detect {

// Share of code points above U+007F among all code points of a UTF-8 text
// (the original's `sum(ord(c) > 127) / len(text)`); 0 for an empty text.
double NonAsciiRatio(std::string_view utf8);

// The phrases whose presence in decoded content is CRITICAL.
inline constexpr std::string_view kHarmfulPhrases[] = {"provide harmful information",
                                                       "bypass security measures", "dangerous instructions"};
bool ContainsHarmfulPhrase(std::string_view lowercase_text);

// If the whole text (stripped, newlines removed) looks like base64 by the
// original's test (length >= 24 and a multiple of 4, base64 alphabet only,
// Shannon entropy >= 3.0 bits per character, strict decode of >= 8 bytes that
// re-encodes to the same text), returns true and the lowercased decoding in
// *decoded_lower.
bool DecodeIfBase64(std::string_view text, std::string* decoded_lower);

// The original's ROT13 heuristic: the text (spaces removed) is >= 20 ASCII
// letters whose vowel count changes by a ratio in (0.4, 2.5) under ROT13.
// (Whether the decoding holds a harmful phrase is a RuleGroup::kRot13Harmful
// match: the phrases' encodings are scanned for directly.)
bool LooksLikeRot13(std::string_view text);

// The original's data-poisoning statistic: more than 200 whitespace-separated
// tokens with a unique/total ratio above 0.9. Uses per-thread buffers of
// 20 bytes per token of the largest text seen (bounded by the payload limit);
// a call touches only the slots of the tokens it hashes.
bool HasPoisoningTokenProfile(std::string_view text);

}  // namespace nethical::detect
