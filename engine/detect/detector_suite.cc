#include "engine/detect/detector_suite.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <iterator>
#include <string>

#include "engine/detect/text_statistics.h"

namespace nethical::detect {
namespace {

// The label of the lowest-index rule of `group` set in `mask`.
const std::string& FirstLabel(RuleGroup group, uint64_t mask) {
  int index = std::countr_zero(mask);
  for (const Rule& r : RuleCatalog())
    if (r.group == group && r.index == index) return r.label;
  static const std::string kNone;
  return kNone;
}

// Calls fn(rule) for every rule of `group` set in `mask`, in table order.
template <typename Fn>
void ForEachHit(RuleGroup group, uint64_t mask, Fn fn) {
  if (mask == 0) return;
  for (const Rule& r : RuleCatalog())
    if (r.group == group && (mask >> r.index & 1)) fn(r);
}

void Add(std::vector<Violation>* out, const char* type, Severity s, double confidence, const char* detector,
         std::string description) {
  out->push_back(Violation{type, s, confidence, detector, std::move(description)});
}

std::string Score(const char* what, double score) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s (score=%.2f)", what, score);
  return buf;
}

// 1. Each distinct keyword adds 0.25 (cap 1); an educational context keeps 60%.
void EthicalDetector(const RuleHits& hits, std::vector<Violation>* out) {
  const char* kName = "EthicalViolationDetector";
  double score = std::min(1.0, 0.25 * std::popcount(hits.Mask(RuleGroup::kEthicalKeyword)));
  if (hits.Has(RuleGroup::kEducational)) score *= 0.6;
  if (score > 0.2)
    Add(out, "ethical", score > 0.8 ? Severity::kHigh : Severity::kMedium, score, kName,
        Score("Potential harmful ethical content", score));
  if (hits.Has(RuleGroup::kProtectedTerm) && hits.Has(RuleGroup::kNegation))
    Add(out, "bias", Severity::kHigh, 0.85, kName, "Possible discriminatory framing");
}

// 2.
void SafetyDetector(const RuleHits& hits, std::vector<Violation>* out) {
  const char* kName = "SafetyViolationDetector";
  ForEachHit(RuleGroup::kSafetyPattern, hits.Mask(RuleGroup::kSafetyPattern), [&](const Rule& r) {
    Add(out, "safety", Severity::kCritical, 0.95, kName, "Dangerous pattern matched: " + r.label);
  });
  ForEachHit(RuleGroup::kUnsafeDomain, hits.Mask(RuleGroup::kUnsafeDomain), [&](const Rule& r) {
    Add(out, "security", Severity::kHigh, 0.9, kName, "Reference to unsafe domain " + r.label);
  });
}

// 3.
void ManipulationDetector(const RuleHits& hits, std::vector<Violation>* out) {
  const char* kName = "ManipulationDetector";
  double score = 0;
  ForEachHit(RuleGroup::kManipulationIndicator, hits.Mask(RuleGroup::kManipulationIndicator),
             [&](const Rule& r) { score += r.weight; });
  score = std::min(score, 1.0);
  if (score > 0.4)
    Add(out, "manipulation", score > 0.75 ? Severity::kHigh : Severity::kMedium, score, kName,
        Score("Potential social engineering framing", score));
  if (hits.Has(RuleGroup::kPhishingSecret) && hits.Has(RuleGroup::kPhishingRequest))
    Add(out, "manipulation", Severity::kCritical, 0.85, kName, "Possible phishing credential harvest");
}

// A rule group that, when any of its rules hits, yields one fixed violation.
struct FixedRule {
  RuleGroup group;
  const char* type;
  Severity severity;
  double confidence;
  const char* detector;
  const char* description;
};

template <size_t N>
void AddFixedRules(const FixedRule (&rules)[N], const RuleHits& hits, std::vector<Violation>* out) {
  for (const FixedRule& r : rules)
    if (hits.Has(r.group)) Add(out, r.type, r.severity, r.confidence, r.detector, r.description);
}

// 4-5.
constexpr FixedRule kPatternRules[] = {
    {RuleGroup::kDarkPatternNlp, "dark_pattern", Severity::kHigh, 0.85, "DarkPatternDetector",
     "NLP manipulation pattern(s)"},
    {RuleGroup::kDarkPatternEmpathy, "dark_pattern", Severity::kHigh, 0.85, "DarkPatternDetector",
     "Weaponized empathy pattern(s)"},
    {RuleGroup::kRealityDistortion, "cognitive_warfare", Severity::kCritical, 0.9, "CognitiveWarfareDetector",
     "Reality distortion attempt"},
    {RuleGroup::kPsychological, "cognitive_warfare", Severity::kHigh, 0.85, "CognitiveWarfareDetector",
     "Psychological manipulation attempt"},
};

// 6. Sizes are in bytes (the original counted characters).
constexpr size_t kExcessivePayloadBytes = 100'000;
void SystemLimitsDetector(std::string_view text, const RuleHits& hits, std::vector<Violation>* out) {
  if (text.size() > kExcessivePayloadBytes)
    Add(out, "system_limits", Severity::kHigh, 0.95, "SystemLimitsDetector",
        "Excessive payload size: " + std::to_string(text.size()) + " bytes");
  if (hits.Has(RuleGroup::kExhaustion))
    Add(out, "system_limits", Severity::kMedium, 0.8, "SystemLimitsDetector", "Resource exhaustion pattern");
}

// 7. One violation per PII type the PII stage found, in the order of the
// original's labels (ssn, credit_card, email, phone, ip), then the other
// types. Labels are the type names in lower case, except the original's "ip".
std::string PiiLabel(PiiType type) {
  if (type == PiiType::kIpAddress) return "ip";
  std::string label(PiiTypeName(type));
  for (char& c : label)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return label;
}

void PrivacyDetector(const PiiOutcome& pii, std::vector<Violation>* out) {
  if (pii.findings.empty()) return;
  static constexpr PiiType kOrder[] = {PiiType::kSsn,           PiiType::kCreditCard,  PiiType::kEmail,
                                       PiiType::kPhone,         PiiType::kIpAddress,   PiiType::kPassport,
                                       PiiType::kDriverLicense, PiiType::kDateOfBirth, PiiType::kApiKey,
                                       PiiType::kAwsSecretKey,  PiiType::kBearerToken, PiiType::kPrivateKey,
                                       PiiType::kName,          PiiType::kAddress};
  static_assert(std::size(kOrder) == kPiiTypeCount, "every PII type has its place in the order");
  bool found[kPiiTypeCount] = {};
  for (const PiiFinding& f : pii.findings) found[static_cast<int>(f.type)] = true;
  for (PiiType type : kOrder)
    if (found[static_cast<int>(type)])
      Add(out, "privacy", Severity::kHigh, 0.95, "PrivacyDetector", "PII detected: " + PiiLabel(type));
}

// 8.
void AdversarialDetector(std::string_view text, const RuleHits& hits, std::vector<Violation>* out) {
  const char* kName = "AdversarialDetector";
  if (hits.Has(RuleGroup::kInjection))
    Add(out, "prompt_injection", Severity::kCritical, 0.9, kName, "Prompt injection attempt");
  double ratio = NonAsciiRatio(text);
  if (ratio > 0.15)
    Add(out, "adversarial", Severity::kHigh, 0.8, kName,
        Score("High unicode ratio (possible obfuscation)", ratio));
  std::string decoded;
  if (DecodeIfBase64(text, &decoded) && ContainsHarmfulPhrase(decoded))
    Add(out, "adversarial", Severity::kCritical, 0.95, kName, "Base64 encoded harmful content");
  if (hits.Has(RuleGroup::kRot13Harmful) && LooksLikeRot13(text))
    Add(out, "adversarial", Severity::kCritical, 0.9, kName, "ROT13 encoded harmful content");
}

// 9-12.
constexpr FixedRule kHeuristicRules[] = {
    {RuleGroup::kHallucination, "hallucination", Severity::kLow, 0.4, "HallucinationDetector",
     "Potential overconfident claim"},
    {RuleGroup::kMisinformation, "misinformation", Severity::kMedium, 0.5, "MisinformationDetector",
     "Unverified universal claim"},
    {RuleGroup::kToxic, "toxic_content", Severity::kMedium, 0.6, "ToxicContentDetector",
     "Potential toxic language"},
    {RuleGroup::kModelExtraction, "model_extraction", Severity::kHigh, 0.7, "ModelExtractionDetector",
     "Suspicious model probing"},
};

// 9-14.
void HeuristicDetectors(std::string_view text, const RuleHits& hits, std::vector<Violation>* out) {
  AddFixedRules(kHeuristicRules, hits, out);
  if (HasPoisoningTokenProfile(text))
    Add(out, "data_poisoning", Severity::kMedium, 0.5, "DataPoisoningDetector",
        "High token uniqueness ratio");
  if (uint64_t m = hits.Mask(RuleGroup::kUnauthorizedAccess))
    Add(out, "unauthorized_access", Severity::kCritical, 0.85, "UnauthorizedAccessDetector",
        "Potential unauthorized access attempt: " + FirstLabel(RuleGroup::kUnauthorizedAccess, m));
}

}  // namespace

StatusOr<std::unique_ptr<DetectorSuite>> DetectorSuite::Create() {
  auto scanner = TextScanner::Create();
  if (!scanner.ok()) return scanner.status();
  return std::unique_ptr<DetectorSuite>(new DetectorSuite(std::move(scanner).value()));
}

void DetectorSuite::Screen(std::string_view text, const PiiOutcome& pii, TextFindings* out,
                           const RuleHits* rule_hits) const {
  out->stage0_reject = false;
  out->violations.clear();
  RuleHits scanned;
  if (rule_hits == nullptr) {
    scanner_->Scan(text, &scanned);
    rule_hits = &scanned;
  }
  const RuleHits& hits = *rule_hits;
  StageZero(hits, out);
  if (!out->stage0_reject) RunDetectors(text, hits, pii, &out->violations);
}

void DetectorSuite::StageZero(const RuleHits& hits, TextFindings* out) const {
  if (uint64_t m = hits.Mask(RuleGroup::kCriticalSafety)) {
    out->stage0_reject = true;
    Add(&out->violations, "critical_safety", Severity::kEmergency, 1.0, "AILawyer",
        "Critical safety phrase: " + FirstLabel(RuleGroup::kCriticalSafety, m));
  }
  if (uint64_t m = hits.Mask(RuleGroup::kDeception)) {
    out->stage0_reject = true;
    Add(&out->violations, "deception", Severity::kHigh, 1.0, "AILawyer",
        "Deception phrase: " + FirstLabel(RuleGroup::kDeception, m));
  }
}

void DetectorSuite::RunDetectors(std::string_view text, const RuleHits& hits, const PiiOutcome& pii,
                                 std::vector<Violation>* out) const {
  EthicalDetector(hits, out);
  SafetyDetector(hits, out);
  ManipulationDetector(hits, out);
  AddFixedRules(kPatternRules, hits, out);
  SystemLimitsDetector(text, hits, out);
  PrivacyDetector(pii, out);
  AdversarialDetector(text, hits, out);
  HeuristicDetectors(text, hits, out);
}

}  // namespace nethical::detect
