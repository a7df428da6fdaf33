#include "engine/detect/text_scanner.h"

#include <string>

namespace nethical::detect {
namespace {

// Room for the DFA of ~150 patterns over adversarial input; RE2's default
// (8 MiB) makes the Set bail out on long digit-heavy texts.
constexpr int64_t kScannerMaxMem = 64 << 20;

}  // namespace

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
  return s;
}

void TextScanner::Scan(std::string_view text, RuleHits* hits) const {
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
