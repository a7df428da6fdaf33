// Fuzzes the PII redactor (engine/redact/redactor.h) over arbitrary text,
// for every policy (minimal, standard, aggressive) in every mode (full,
// utility, token). Invariants:
//   * findings are sorted, non-overlapping, inside the text, non-empty,
//     never cut a UTF-8 sequence, and carry a type and a confidence in
//     [min_confidence, 1];
//   * risk is in [0, 1), and 0 exactly when nothing was found;
//   * valid UTF-8 in gives valid UTF-8 out;
//   * redacting the redacted text changes nothing more (idempotence), except
//     right next to a replacement (AdjacentToReplacement below);
//   * token mode: Restore(Redact(text)) gives the text back (unless the text
//     already held one of its own tokens, which no restore can tell apart).
#include <cctype>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/redact/redactor.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using nethical::redact::Redactor;

struct Configured {
  std::unique_ptr<Redactor> redactor;
  double min_confidence;
};

const std::vector<Configured>& Redactors() {
  static const std::vector<Configured>* all = [] {
    auto* out = new std::vector<Configured>;
    for (auto policy : {nethical::RedactionPolicy::kMinimal, nethical::RedactionPolicy::kStandard,
                        nethical::RedactionPolicy::kAggressive}) {
      for (auto mode : {nethical::RedactionMode::kFull, nethical::RedactionMode::kUtility,
                        nethical::RedactionMode::kToken}) {
        nethical::PrivacyConfig config;
        config.redaction_policy = policy;
        config.redaction_mode = mode;
        config.token_key_hex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
        auto made = Redactor::Create(config);
        FUZZ_CHECK(made.ok(), "cannot create a redactor: " + made.status().message());
        out->push_back({std::move(*made), config.min_confidence});
      }
    }
    return out;
  }();
  return *all;
}

// A replacement this redactor writes: a marker ("[REDACTED_PHONE]",
// "[PHONE_<hex>]", "[REDACTED]") or a utility form ("(420) XXX-XXXX",
// "+44 XXX-XXXX", "****-…").
bool ReplacementEndsAt(std::string_view t, size_t end) {  // t[end - 1] is its last byte
  if (end == 0) return false;
  if (t[end - 1] == ']') {
    size_t i = end - 1;
    while (i > 0 && (std::isalnum(static_cast<unsigned char>(t[i - 1])) || t[i - 1] == '_')) --i;
    return i > 0 && t[i - 1] == '[' && std::isupper(static_cast<unsigned char>(t[i]));
  }
  return end >= 4 &&
         (t.substr(end - 4, 4) == "XXXX" || t.substr(end - 4, 4) == "***-" || t.substr(end - 4, 4) == "****");
}
bool ReplacementStartsAt(std::string_view t, size_t start) {
  if (start >= t.size()) return false;
  if (t[start] == '[' && start + 1 < t.size() && std::isupper(static_cast<unsigned char>(t[start + 1]))) {
    size_t i = start + 1;
    while (i < t.size() && (std::isalnum(static_cast<unsigned char>(t[i])) || t[i] == '_')) ++i;
    return i < t.size() && t[i] == ']';
  }
  if (t.substr(start, 3) == "XXX" || t.substr(start, 4) == "****") return true;
  // A phone's utility form keeps its area or country code: "(420) XXX-XXXX",
  // "+44 XXX-XXXX".
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (i >= t.size() || !std::isdigit(static_cast<unsigned char>(t[i]))) return false;
    return true;
  };
  if (t[start] == '(' && digits(start + 1, 3) && t.substr(start + 4, 10) == ") XXX-XXXX") return true;
  if (t[start] == '+') {
    size_t n = 0;
    while (n < 3 && digits(start + 1 + n, 1)) ++n;
    if (n > 0 && t.substr(start + 1 + n, 9) == " XXX-XXXX") return true;
  }
  return false;
}

// Redacting twice changes nothing more, except right next to a replacement
// (docs/redaction.md "Redacting twice"): a value whose first-pass match ran
// on into a neighbour that was then replaced ("4111 1111 11911 11144e@…":
// 17 digits are no card; once the email is a marker, the first 13 are).
// So a second-pass finding must touch a replacement, or be at most two
// separator bytes away from it; anything else is a first-pass miss.
bool AdjacentToReplacement(std::string_view once, size_t start, size_t end) {
  auto separator = [](char ch) {
    return ch == ' ' || ch == '-' || ch == '.' || ch == ',' || ch == '/' || ch == '(' || ch == ')';
  };
  // Up to two separator bytes: a phone's pattern spans " (" between groups.
  for (size_t gap = 0; gap <= 2; ++gap) {
    bool before = start >= gap, after = end + gap <= once.size();
    for (size_t k = 1; k <= gap; ++k) {
      before = before && separator(once[start - k]);
      after = after && separator(once[end + k - 1]);
    }
    if (before && ReplacementEndsAt(once, start - gap)) return true;
    if (after && ReplacementStartsAt(once, end + gap)) return true;
  }
  // Inside or over a replacement (a mask's kept digits read as a new value).
  for (size_t i = start; i < end; ++i)
    if (ReplacementStartsAt(once, i) || ReplacementEndsAt(once, i + 1)) return true;
  return false;
}

void CheckOne(const Configured& c, std::string_view text, bool utf8_in) {
  const Redactor& r = *c.redactor;
  const std::string what = " (policy " + std::to_string(static_cast<int>(r.policy())) + ", mode " +
                           std::to_string(static_cast<int>(r.mode())) + ")";
  const nethical::PiiOutcome scan = r.Scan(text);
  uint32_t previous_end = 0;
  for (const nethical::PiiFinding& f : scan.findings) {
    FUZZ_CHECK(static_cast<int>(f.type) >= 0 && static_cast<int>(f.type) < nethical::kPiiTypeCount,
               "a finding without a known type" + what);
    FUZZ_CHECK(f.start < f.end && f.end <= text.size(), "a finding outside the text or empty" + what);
    FUZZ_CHECK(f.start >= previous_end, "findings overlap or are out of order" + what);
    FUZZ_CHECK(f.confidence >= c.min_confidence && f.confidence <= 1.0, "confidence out of range" + what);
    // A finding must not cut a UTF-8 sequence: no continuation byte at
    // either edge. (redactor.h says findings are ASCII only; a PEM private
    // key block is not, so that is not checked here: docs/fuzzing.md.)
    if (utf8_in) {
      const auto continuation = [&](size_t i) {
        return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xc0) == 0x80;
      };
      FUZZ_CHECK(!continuation(f.start) && !continuation(f.end), "a finding cuts a UTF-8 sequence" + what);
    }
    previous_end = f.end;
  }
  FUZZ_CHECK(scan.risk >= 0.0 && scan.risk < 1.0, "risk out of [0, 1)" + what);
  FUZZ_CHECK((scan.risk == 0.0) == scan.findings.empty(), "risk is 0 exactly when nothing is found" + what);

  nethical::redact::TokenMap tokens;
  const std::string once = r.Redact(text, scan, &tokens);
  if (utf8_in) FUZZ_CHECK(nethical::fuzz::IsValidUtf8(once), "valid UTF-8 in, invalid UTF-8 out" + what);
  const nethical::PiiOutcome again = r.Scan(once);
  for (const nethical::PiiFinding& f : again.findings) {
    FUZZ_CHECK(AdjacentToReplacement(once, f.start, f.end),
               "redacting twice finds more away from any replacement" + what + ": '" + once + "' -> '" +
                   r.Redact(once, again) + "'");
  }

  // A text that already holds one of its own tokens (libFuzzer learns them
  // from comparisons) cannot be restored unambiguously: skip those.
  bool holds_token = false;
  for (const auto& [token, value] : tokens) holds_token |= text.find(token) != std::string_view::npos;
  if (r.mode() == nethical::RedactionMode::kToken && !holds_token) {
    auto restored = r.Restore(once, tokens);
    FUZZ_CHECK(restored.ok(), "cannot restore what was just redacted" + what);
    FUZZ_CHECK(*restored == text, "Restore(Redact(text)) is not the text" + what);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool utf8_in = nethical::fuzz::IsValidUtf8(text);
  for (const Configured& c : Redactors()) CheckOne(c, text, utf8_in);
  return 0;
}
