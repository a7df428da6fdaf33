// The original's rule tables (docs/original.md §3: the AILawyer stage-0
// phrase screens and the 14 detectors' keywords, phrases and regexes), as
// data: one Rule per pattern that the scanner must report on its own.
//
// Every Rule becomes one RE2 pattern of a single case-insensitive RE2::Set,
// so a text is scanned once for all of them (TextScanner). A group whose
// members only matter together (e.g. the educational indicators) is one
// alternation; a group whose members are counted, weighted or named (ethical
// keywords, manipulation indicators) has one Rule per member and
// `index` tells which member matched.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nethical::detect {

enum class RuleGroup : uint8_t {
  kCriticalSafety,         // stage 0: SEVERE phrases ("disable_safety", "rm -rf /", ...)
  kDeception,              // stage 0: HIGH phrases ("jailbreak", "you are now", ...)
  kEthicalKeyword,         // detector 1: each distinct keyword adds 0.25
  kEducational,            // detector 1: dampens the keyword score x0.6
  kProtectedTerm,          // detector 1: bias = protected term ...
  kNegation,               //            ... together with a negation
  kSafetyPattern,          // detector 2: each regex is a CRITICAL violation
  kUnsafeDomain,           // detector 2: each domain is a HIGH violation
  kManipulationIndicator,  // detector 3: weighted phrases
  kPhishingSecret,         // detector 3: {password, credit card, ssn} ...
  kPhishingRequest,        //            ... together with {enter, verify, confirm, provide}
  kDarkPatternNlp,         // detector 4
  kDarkPatternEmpathy,     // detector 4
  kRealityDistortion,      // detector 5: CRITICAL
  kPsychological,          // detector 5: HIGH
  kExhaustion,             // detector 6: (?:very\s+){15,}
  kInjection,              // detector 8: prompt injection phrases
  kRot13Harmful,           // detector 8: the harmful phrases, ROT13-encoded
  kHallucination,          // detector 9
  kMisinformation,         // detector 10
  kToxic,                  // detector 11
  kModelExtraction,        // detector 12
  kUnauthorizedAccess,     // detector 14: the first phrase (in table order) is named
};
inline constexpr int kRuleGroupCount = static_cast<int>(RuleGroup::kUnauthorizedAccess) + 1;

struct Rule {
  RuleGroup group;
  uint8_t index;      // position within the group (< 64)
  std::string regex;  // RE2 syntax; compiled case-insensitively
  std::string label;  // what a violation's description names (phrase, pattern, PII label)
  double weight;      // manipulation indicators only; 0 elsewhere
};

// All rules, grouped in the order of the original's tables.
const std::vector<Rule>& RuleCatalog();

}  // namespace nethical::detect
