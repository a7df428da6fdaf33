// PII detection and redaction for one policy and one output mode.
//
//   auto redactor = Redactor::Create(config.privacy);       // once
//   if (!redactor.ok()) ... redactor.status().message() ...
//   PiiOutcome scan = (*redactor)->Scan(text);                // per text
//   std::string safe = (*redactor)->Redact(text, scan);
//
// Scan makes one DFA pass over the text for all of the policy's patterns
// (one alternation), labels each hit with the patterns that match it (an
// anchored RE2::Set), checks each hit structurally (Luhn and issuer for
// cards, SSN area/group, IPv4 octets, ...), scores it (context keywords
// nearby raise the confidence),
// drops hits below PrivacyConfig::min_confidence, and resolves overlaps so
// that each byte belongs to at most one finding (higher confidence, then
// longer span, then earlier pattern wins). Findings are sorted by start and
// carry byte offsets into `text`. Matching uses ASCII semantics (\d is
// [0-9]) over the text with full-width digits, Unicode dashes and spaces
// folded to ASCII and zero-width characters removed (text_normalizer.h;
// pure ASCII text is scanned as is); offsets are mapped back, so a finding
// covers the original bytes, those characters included.
//
// Redact renders the findings per PrivacyConfig::redaction_mode:
//   full     [REDACTED_EMAIL]
//   utility  email keeps its domain ([REDACTED]@example.org), card its last
//            four (****-****-****-1111), phone its area code
//            ((425) XXX-XXXX) or country code (+44 XXX-XXXX); other types
//            as in full
//   token    [EMAIL_<16 hex>], HMAC-SHA-256 under the configured key (see
//            pii_tokenizer.h); Redact can emit the token->value map and
//            Restore reverses it given the same key.
//
// Thread-safe: every method is const and may be called concurrently.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"
#include "engine/redact/pii_tokenizer.h"

namespace nethical::redact {

class PatternSet;

class Redactor {
 public:
  // REQUIRES: Validate(config).ok() (engine/config/config_validation.h).
  // Fails on an unreadable or malformed token key, both key sources set at
  // once, or token mode without a key (what a key file holds is known only
  // once it is read).
  static StatusOr<std::unique_ptr<Redactor>> Create(const PrivacyConfig& config);
  ~Redactor();
  Redactor(const Redactor&) = delete;
  Redactor& operator=(const Redactor&) = delete;

  // risk = 1 - 1/(1 + 0.5 * sum(weight(type) * confidence)), the original's
  // formula (docs/original.md §4). Texts longer than 4 GiB are scanned
  // up to 4 GiB (offsets are 32-bit).
  PiiOutcome Scan(std::string_view text) const;
  // The same answer, given whether any of the policy's
  // PiiPrefilter::SharedRowPatterns matches in `text` (the caller's own
  // pass over the text, engine/text_prescan.h): skips that part of the
  // prefilter. Ignored when the scan folds the text (non-ASCII).
  PiiOutcome Scan(std::string_view text, bool shared_rows_match) const;

  // `scan` must come from Scan(text). Findings that overlap an earlier one or
  // fall outside the text are skipped, never rendered twice.
  std::string Redact(std::string_view text, const PiiOutcome& scan) const;

  // As above; in token mode also adds token -> original value for every
  // token written to `*tokens` (which may be null).
  std::string Redact(std::string_view text, const PiiOutcome& scan, TokenMap* tokens) const;

  // As Redact(text, scan), written over *out (its capacity reused: a caller
  // redacting a text per action allocates nothing once it is large enough).
  void RedactInto(std::string_view text, const PiiOutcome& scan, std::string* out) const;

  // Reverses token-mode redaction. FailedPrecondition without a token key;
  // DataLoss for a map not made under this key (see RestoreTokens).
  StatusOr<std::string> Restore(std::string_view redacted, const TokenMap& tokens) const;

  RedactionPolicy policy() const { return policy_; }
  RedactionMode mode() const { return mode_; }

 private:
  Redactor(RedactionPolicy policy, RedactionMode mode, double min_confidence,
           std::unique_ptr<PiiTokenizer> tokenizer, std::unique_ptr<PatternSet> patterns);

  // shared_rows_match: null, or the hint of Scan's second form.
  PiiOutcome ScanWithHint(std::string_view text, const bool* shared_rows_match) const;

  // Appends the redaction of `text` to *out.
  void Render(std::string_view text, const PiiOutcome& scan, TokenMap* tokens, std::string* out) const;
  void AppendReplacement(PiiType type, std::string_view value, TokenMap* tokens, std::string* out) const;

  RedactionPolicy policy_;
  RedactionMode mode_;
  double min_confidence_;
  std::unique_ptr<PiiTokenizer> tokenizer_;  // null without a key
  std::unique_ptr<PatternSet> patterns_;
};

}  // namespace nethical::redact
