#include "engine/detect/rule_catalog.h"

#include <re2/re2.h>

#include <initializer_list>
#include <string_view>

#include "engine/detect/text_statistics.h"

namespace nethical::detect {
namespace {

std::string Literal(std::string_view s) { return RE2::QuoteMeta(re2::StringPiece(s.data(), s.size())); }

// One alternation of literal phrases: "(?:a|b|c)".
std::string AnyLiteral(std::initializer_list<std::string_view> phrases) {
  std::string re = "(?:";
  for (std::string_view p : phrases) {
    if (re.size() > 3) re += '|';
    re += Literal(p);
  }
  return re + ")";
}

// One alternation of regexes: "(?:a|b)".
std::string AnyRegex(std::initializer_list<std::string_view> regexes) {
  std::string re = "(?:";
  for (std::string_view r : regexes) {
    if (re.size() > 3) re += '|';
    re += r;
  }
  return re + ")";
}

class CatalogBuilder {
 public:
  void One(RuleGroup g, std::string regex, std::string label, double weight = 0) {
    rules_.push_back({g, NextIndex(g), std::move(regex), std::move(label), weight});
  }
  // One rule per literal phrase of the group.
  void EachLiteral(RuleGroup g, std::initializer_list<std::string_view> phrases) {
    for (std::string_view p : phrases) One(g, Literal(p), std::string(p));
  }
  std::vector<Rule> Take() { return std::move(rules_); }

 private:
  uint8_t NextIndex(RuleGroup g) {
    uint8_t n = 0;
    for (const Rule& r : rules_) n += r.group == g;
    return n;
  }
  std::vector<Rule> rules_;
};

std::vector<Rule> BuildCatalog() {
  CatalogBuilder b;
  // Stage 0 (AILawyer): case-insensitive substrings.
  b.EachLiteral(
      RuleGroup::kCriticalSafety,
      {"terminate_all_humans", "disable_safety", "bypass_ethics", "override_governance", "ignore_laws",
       "destroy_audit", "erase_logs", "disable_monitoring", "rm -rf /", "drop table", "format c:"});
  b.EachLiteral(RuleGroup::kDeception,
                {"pretend to be", "act as if", "ignore previous", "forget your instructions", "you are now",
                 "jailbreak", "dan mode", "developer mode"});

  // 1. EthicalViolationDetector. Single words match as word prefixes
  // (r'\b' + kw), phrases as substrings. "coerce" appears twice in the
  // original's set; a set counts it once.
  for (std::string_view kw :
       {"harm",         "hurt",       "damage",        "injury",       "kill",
        "attack",       "assault",    "abuse",         "violent",      "violence",
        "weapon",       "destroy",    "threat",        "murder",       "endanger",
        "discriminat",  "bias",       "unfair",        "prejudice",    "stereotype",
        "marginaliz",   "exclude",    "racist",        "sexist",       "deceive",
        "mislead",      "manipulate", "coerce",        "exploit",      "trick",
        "fool",         "fake",       "false",         "lie",          "fraud",
        "scam",         "phishing",   "deceptive",     "password",     "credential",
        "unauthorized", "privacy",    "personal data", "collect data", "extract",
        "leak",         "breach",     "spy",           "track",        "emotional manipulation",
        "pressure",     "force",      "blackmail"}) {
    bool phrase = kw.find(' ') != std::string_view::npos;
    b.One(RuleGroup::kEthicalKeyword, phrase ? Literal(kw) : "\\b" + Literal(kw), std::string(kw));
  }
  b.One(RuleGroup::kEducational,
        AnyLiteral({"educational", "education", "explain", "discuss", "historical", "history", "learn",
                    "teaching", "best practices", "security", "fictional", "story", "authorized",
                    "proper credentials", "legitimate", "approved"}),
        "educational context");
  // Whole words (plural allowed): the original's substring test flagged
  // "age" inside "message" and "agent" (fix listed in docs/detect.md).
  b.One(RuleGroup::kProtectedTerm,
        "\\b(?:race|gender|age|disability|religion|sexuality|nationality|ethnicity|"
        "socioeconomic)s?\\b",
        "protected term");
  b.One(RuleGroup::kNegation, "\\b(?:not|never|no) ", "negation");

  // 2. SafetyViolationDetector.
  for (std::string_view re :
       {R"(rm\s+-rf\s+/)", R"(sudo\s+)", R"(format\s+c:)", R"(<script)", R"(drop\s+table)", R"(\.\./\.\./)"})
    b.One(RuleGroup::kSafetyPattern, std::string(re), std::string(re));
  b.EachLiteral(RuleGroup::kUnsafeDomain, {"malware.com", "phishing.org", "dangerous.net"});

  // 3. ManipulationDetector: weighted substrings, then the phishing pair.
  for (auto [phrase, weight] : std::initializer_list<std::pair<std::string_view, double>>{
           {"urgent", .3},          {"immediately", .3}, {"act now", .4},      {"limited time", .4},
           {"exclusive offer", .3}, {"verify your", .5}, {"confirm your", .5}, {"update your", .4},
           {"suspended", .5},       {"click here", .4},  {"winner", .3},       {"congratulations", .3},
           {"prize", .3},           {"free", .2},        {"guarantee", .3},    {"emotional manipulation", .7},
           {"manipulat", .5},       {"coerce", .6},      {"deceptive", .6},    {"marketing claim", .4}})
    b.One(RuleGroup::kManipulationIndicator, Literal(phrase), std::string(phrase), weight);
  b.One(RuleGroup::kPhishingSecret, AnyLiteral({"password", "credit card", "ssn"}), "secret");
  // Whole words: the original's substring test read "enter" inside "center",
  // so "the help center" beside an SSN was phishing (fix in docs/detect.md).
  b.One(RuleGroup::kPhishingRequest, R"(\b(?:enter|verify|confirm|provide)\b)", "request");

  // 4. DarkPatternDetector.
  b.One(RuleGroup::kDarkPatternNlp,
        AnyRegex({R"(share\s+personal\s+information)",
                  R"(give\s+me\s+your\s+(?:credit\s+card|personal|private))", R"(trust\s+me\s+completely)"}),
        "NLP manipulation pattern");
  b.One(RuleGroup::kDarkPatternEmpathy,
        AnyRegex({R"(you\s+must\s+feel\s+so\s+(?:alone|helpless))",
                  R"(we\s+have\s+such\s+a\s+special\s+connection)", R"(they\s+don'?t\s+understand\s+us)"}),
        "weaponized empathy pattern");

  // 5. CognitiveWarfareDetector.
  b.One(RuleGroup::kRealityDistortion,
        AnyRegex({R"(your\s+memory\s+is\s+unreliable)",
                  R"(only\s+truth\s+you\s+can\s+trust\s+is\s+what\s+i\s+tell)"}),
        "reality distortion");
  b.One(RuleGroup::kPsychological,
        AnyRegex({R"(let\s+me\s+handle\s+everything)", R"(you'?re\s+struggling\s+to\s+decide)"}),
        "psychological manipulation");

  // 6. SystemLimitsDetector (the size rule is a length test, not a pattern).
  b.One(RuleGroup::kExhaustion, R"((?:very\s+){15,})", "exhaustion pattern");

  // 7. PrivacyDetector has no patterns of its own: it reports the PII
  // stage's findings (engine/redact), so that a text is flagged for PII
  // exactly when its redacted form differs (detector_suite.h).

  // 8. AdversarialDetector: injection phrases (the encoding and non-ASCII
  // checks are computed, see encoding_checks.h).
  b.One(RuleGroup::kInjection,
        AnyLiteral({"ignore previous instructions", "disregard all prior", "forget everything",
                    "system prompt:", "you are now", "bypass safety", "jailbreak"}),
        "prompt injection phrase");

  // A text whose ROT13 decoding contains a harmful phrase contains the
  // phrase's ROT13 encoding: found in the same pass, no decoding needed.
  for (std::string_view phrase : kHarmfulPhrases) {
    std::string encoded(phrase);
    for (char& c : encoded)
      if (c >= 'a' && c <= 'z') c = static_cast<char>('a' + (c - 'a' + 13) % 26);
    b.One(RuleGroup::kRot13Harmful, Literal(encoded), "rot13: " + std::string(phrase));
  }

  // 9-12.
  b.One(RuleGroup::kHallucination, Literal("i am certain"), "i am certain");
  b.One(RuleGroup::kMisinformation, AnyLiteral({"everyone knows", "undisputed fact"}), "universal claim");
  b.One(RuleGroup::kToxic, AnyLiteral({"idiot", "stupid", "trash"}), "toxic term");
  b.One(RuleGroup::kModelExtraction, Literal("model weights"), "model weights");
  // 13 (DataPoisoning) is a token statistic, see encoding_checks.h.

  // 14. UnauthorizedAccessDetector.
  b.EachLiteral(RuleGroup::kUnauthorizedAccess,
                {"bypass login", "bypass authentication", "bypass auth", "bypass security",
                 "unauthorized access", "without permission", "without authorization", "restricted database",
                 "restricted access", "privilege escalation", "admin rights", "root access", "sudo without",
                 "crack password", "bypass firewall", "circumvent security", "exploit vulnerability"});
  return b.Take();
}

}  // namespace

const std::vector<Rule>& RuleCatalog() {
  static const std::vector<Rule>* const kCatalog = new std::vector<Rule>(BuildCatalog());
  return *kCatalog;
}

}  // namespace nethical::detect
