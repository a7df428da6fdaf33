#include "engine/detect/text_scanner.h"

#include <string>

#include "engine/base/ascii.h"

namespace nethical::detect {
namespace {

// Room for the DFA of ~150 patterns over adversarial input; RE2's default
// (8 MiB) makes the Set bail out on long digit-heavy texts.
constexpr int64_t kScannerMaxMem = 64 << 20;

// RE2's `\s` is [\t\n\f\r ]; PCRE's, which Hyperscan follows, also takes
// \v. The rules use no other escape whose meaning differs.
constexpr std::string_view kRe2Space = "\\t\\n\\f\\r ";

std::string ToHyperscanSyntax(std::string_view regex) {
  std::string out;
  out.reserve(regex.size());
  bool in_class = false;
  for (size_t i = 0; i < regex.size(); ++i) {
    const char c = regex[i];
    if (c == '\\' && i + 1 < regex.size()) {
      if (regex[i + 1] == 's') {
        if (in_class) {
          out += kRe2Space;
        } else {
          out += '[';
          out += kRe2Space;
          out += ']';
        }
      } else {
        out += c;
        out += regex[i + 1];
      }
      ++i;
      continue;
    }
    if (c == '[') in_class = true;
    if (c == ']') in_class = false;
    out += c;
  }
  return out;
}

// The catalog's Hyperscan database, compiled once per process (Hyperscan's
// compiler takes tens of milliseconds) and shared by every scanner.
const StatusOr<std::unique_ptr<PatternDatabase>>& CatalogDatabase() {
  static const auto* const database = new StatusOr<std::unique_ptr<PatternDatabase>>(
      PatternDatabase::Compile(TextScanner::CatalogPatterns(), 0));
  return *database;
}

}  // namespace

std::vector<PatternDatabase::Pattern> TextScanner::CatalogPatterns() {
  const std::vector<Rule>& rules = RuleCatalog();
  std::vector<PatternDatabase::Pattern> patterns;
  patterns.reserve(rules.size());
  for (size_t i = 0; i < rules.size(); ++i)
    patterns.push_back({ToHyperscanSyntax(rules[i].regex), static_cast<unsigned>(i), HS_FLAG_CASELESS});
  return patterns;
}

StatusOr<std::unique_ptr<TextScanner>> TextScanner::Create() {
  std::unique_ptr<TextScanner> s(new TextScanner());
  s->options_.set_case_sensitive(false);
  s->options_.set_log_errors(false);
  s->options_.set_max_mem(kScannerMaxMem);
  s->set_ = std::make_unique<RE2::Set>(s->options_, RE2::UNANCHORED);
  const std::vector<Rule>& rules = RuleCatalog();
  s->fallback_.reserve(rules.size());
  for (const Rule& r : rules) {
    std::string error;
    if (s->set_->Add(r.regex, &error) < 0)
      return Internal("rule '" + r.label + "' does not compile: " + error);
    s->fallback_.push_back(std::make_unique<RE2>(r.regex, s->options_));
  }
  if (!s->set_->Compile()) return Internal("the rule set does not compile (out of memory)");
  const StatusOr<std::unique_ptr<PatternDatabase>>& database = CatalogDatabase();
  if (!database.ok()) return database.status();
  s->database_ = database->get();
  return s;
}

void TextScanner::Scan(std::string_view text, RuleHits* hits) const {
  if (IsAscii(text)) {
    hits->Clear();
    const std::vector<Rule>& rules = RuleCatalog();
    if (database_->Scan(text, [&](unsigned id) {
          hits->Set(rules[id]);
          return true;
        }))
      return;
  }
  ScanWithRe2(text, hits);
}

void TextScanner::ScanWithRe2(std::string_view text, RuleHits* hits) const {
  hits->Clear();
  const std::vector<Rule>& rules = RuleCatalog();
  // The index buffer is reused per thread: no allocation on the hot path.
  thread_local std::vector<int> matched;
  RE2::Set::ErrorInfo error;
  re2::StringPiece piece(text.data(), text.size());
  if (set_->Match(piece, &matched, &error)) {
    for (int i : matched) hits->Set(rules[i]);
    return;
  }
  if (error.kind == RE2::Set::kNoError) return;  // no rule matched
  for (size_t i = 0; i < rules.size(); ++i)
    if (RE2::PartialMatch(piece, *fallback_[i])) hits->Set(rules[i]);
}

}  // namespace nethical::detect
