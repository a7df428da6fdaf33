#include "engine/redact/redactor.h"

#include <openssl/crypto.h>

#include <cstdint>
#include <limits>

#include "engine/redact/pattern_set.h"
#include "engine/redact/text_normalizer.h"
#include "engine/redact/utility_form.h"

namespace nethical::redact {

Redactor::Redactor(RedactionPolicy policy, RedactionMode mode, double min_confidence,
                   std::unique_ptr<PiiTokenizer> tokenizer, std::unique_ptr<PatternSet> patterns)
    : policy_(policy),
      mode_(mode),
      min_confidence_(min_confidence),
      tokenizer_(std::move(tokenizer)),
      patterns_(std::move(patterns)) {}

Redactor::~Redactor() = default;

StatusOr<std::unique_ptr<Redactor>> Redactor::Create(const PrivacyConfig& config) {
  StatusOr<std::string> key = LoadTokenKey(config);
  if (!key.ok()) return key.status();
  std::unique_ptr<PiiTokenizer> tokenizer;
  if (!key->empty()) {
    StatusOr<std::unique_ptr<PiiTokenizer>> made = PiiTokenizer::Create(*key);
    OPENSSL_cleanse(key->data(), key->size());
    if (!made.ok()) return made.status();
    tokenizer = std::move(made.value());
  }
  if (config.redaction_mode == RedactionMode::kToken && tokenizer == nullptr) {
    return InvalidArgument(
        "NETHICAL_REDACTION_MODE=token needs a key: set NETHICAL_TOKEN_KEY_FILE or NETHICAL_TOKEN_KEY");
  }
  StatusOr<std::unique_ptr<PatternSet>> patterns = PatternSet::Create(config.redaction_policy);
  if (!patterns.ok()) return patterns.status();
  return std::unique_ptr<Redactor>(new Redactor(config.redaction_policy, config.redaction_mode,
                                                config.min_confidence, std::move(tokenizer),
                                                std::move(patterns.value())));
}

PiiOutcome Redactor::Scan(std::string_view text) const { return ScanWithHint(text, nullptr); }

PiiOutcome Redactor::Scan(std::string_view text, bool shared_rows_match) const {
  return ScanWithHint(text, &shared_rows_match);
}

PiiOutcome Redactor::ScanWithHint(std::string_view text, const bool* shared_rows_match) const {
  PiiOutcome outcome;
  if (text.size() > std::numeric_limits<uint32_t>::max()) {
    text = text.substr(0, std::numeric_limits<uint32_t>::max());
  }
  // Full-width digits, Unicode dashes and zero-width characters are folded
  // to ASCII first (pure ASCII text is scanned as is); findings are mapped
  // back to the original bytes.
  NormalizedText normalized;
  const std::string_view scanned = NormalizeForScan(text, &normalized);
  std::vector<PiiCandidate> candidates;
  // The hint is about `text`: a folded copy needs the prefilter's own pass.
  const bool hint_holds = shared_rows_match != nullptr && scanned.data() == text.data();
  patterns_->Collect(scanned, min_confidence_, &candidates, hint_holds ? shared_rows_match : nullptr);
  if (candidates.empty()) return outcome;
  outcome.findings = ResolveOverlaps(std::move(candidates));
  if (normalized.folded()) {
    for (PiiFinding& f : outcome.findings) normalized.MapBack(&f.start, &f.end);
  }
  double weighted = 0.0;
  for (const PiiFinding& f : outcome.findings) weighted += RiskWeight(f.type) * f.confidence;
  outcome.risk = 1.0 - 1.0 / (1.0 + 0.5 * weighted);
  return outcome;
}

namespace {

// An email's utility form keeps its domain; when the text goes on with
// another '@' or address character ("a@example.org@example.net"), the kept
// domain and what follows read as a new address, and redacting the result
// again would redact more. Such a value gets the full form.
// Likewise a phone's or card's utility form keeps digits at its start
// ("(689) XXX-XXXX", "+44 XXX-XXXX"): glued to a word or address before it
// ("jane.doe@example.ocd689 555-2671"), they would end that address and
// redacting again would find it. Such a value gets the full form too.
bool KeptPartJoinsNeighbour(const PiiFinding& f, std::string_view text) {
  const auto alnum = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  };
  if (f.type == PiiType::kPhone || f.type == PiiType::kCreditCard) {
    if (f.start == 0) return false;
    const char b = text[f.start - 1];
    return alnum(b) || b == '.' || b == '@' || b == '_' || b == '-' || b == '+';
  }
  if (f.type != PiiType::kEmail || f.end >= text.size()) return false;
  const char c = text[f.end];
  // A '.' ending the sentence ("mail alice@example.org.") joins nothing.
  if (c == '.') return f.end + 1 < text.size() && (alnum(text[f.end + 1]) || text[f.end + 1] == '@');
  return c == '@' || c == '_' || c == '%' || c == '+' || c == '-' || alnum(c);
}

}  // namespace

std::string Redactor::Redact(std::string_view text, const PiiOutcome& scan) const {
  return Redact(text, scan, nullptr);
}

std::string Redactor::Redact(std::string_view text, const PiiOutcome& scan, TokenMap* tokens) const {
  std::string out;
  Render(text, scan, tokens, &out);
  return out;
}

void Redactor::RedactInto(std::string_view text, const PiiOutcome& scan, std::string* out) const {
  out->clear();
  Render(text, scan, nullptr, out);
}

void Redactor::Render(std::string_view text, const PiiOutcome& scan, TokenMap* tokens,
                      std::string* out) const {
  out->reserve(text.size() + 16 * scan.findings.size());
  size_t pos = 0;
  for (const PiiFinding& f : scan.findings) {
    if (f.start < pos || f.end <= f.start || f.end > text.size()) continue;
    out->append(text.substr(pos, f.start - pos));
    if (mode_ == RedactionMode::kUtility && KeptPartJoinsNeighbour(f, text)) {
      AppendFullForm(PiiTypeName(f.type), out);
    } else {
      AppendReplacement(f.type, text.substr(f.start, f.end - f.start), tokens, out);
    }
    pos = f.end;
  }
  out->append(text.substr(pos));
}

void Redactor::AppendReplacement(PiiType type, std::string_view value, TokenMap* tokens,
                                 std::string* out) const {
  switch (mode_) {
    case RedactionMode::kFull:
      AppendFullForm(PiiTypeName(type), out);
      return;
    case RedactionMode::kUtility:
      AppendUtilityForm(type, value, out);
      return;
    case RedactionMode::kToken: {
      std::string token = tokenizer_->Token(type, value);
      out->append(token);
      if (tokens != nullptr) tokens->emplace(std::move(token), std::string(value));
      return;
    }
  }
}

StatusOr<std::string> Redactor::Restore(std::string_view redacted, const TokenMap& tokens) const {
  if (tokenizer_ == nullptr) {
    return FailedPrecondition(
        "restoring tokens needs the token key: set NETHICAL_TOKEN_KEY_FILE or NETHICAL_TOKEN_KEY");
  }
  return RestoreTokens(redacted, tokens, *tokenizer_);
}

}  // namespace nethical::redact
