#include "engine/text_prescan.h"

#include <vector>

#include "engine/base/ascii.h"
#include "engine/detect/rule_catalog.h"
#include "engine/redact/pii_prefilter.h"

namespace nethical {
namespace {

StatusOr<std::unique_ptr<PatternDatabase>> CompileFor(RedactionPolicy policy) {
  std::vector<PatternDatabase::Pattern> patterns = detect::TextScanner::CatalogPatterns();
  const auto rule_count = static_cast<unsigned>(patterns.size());
  for (PatternDatabase::Pattern& row : redact::PiiPrefilter::SharedRowPatterns(policy)) {
    row.id += rule_count;
    patterns.push_back(std::move(row));
  }
  return PatternDatabase::Compile(patterns, 0);
}

// Compiled once per policy per process and never freed.
const StatusOr<std::unique_ptr<PatternDatabase>>& DatabaseFor(RedactionPolicy policy) {
  switch (policy) {
    case RedactionPolicy::kMinimal: {
      static const auto* const minimal = new StatusOr<std::unique_ptr<PatternDatabase>>(CompileFor(policy));
      return *minimal;
    }
    case RedactionPolicy::kStandard: {
      static const auto* const standard = new StatusOr<std::unique_ptr<PatternDatabase>>(CompileFor(policy));
      return *standard;
    }
    case RedactionPolicy::kAggressive:
      break;
  }
  static const auto* const aggressive =
      new StatusOr<std::unique_ptr<PatternDatabase>>(CompileFor(RedactionPolicy::kAggressive));
  return *aggressive;
}

}  // namespace

StatusOr<std::unique_ptr<TextPrescan>> TextPrescan::Create(RedactionPolicy policy) {
  const StatusOr<std::unique_ptr<PatternDatabase>>& database = DatabaseFor(policy);
  if (!database.ok()) return database.status();
  const auto rule_count = static_cast<unsigned>(detect::RuleCatalog().size());
  return std::unique_ptr<TextPrescan>(new TextPrescan(database->get(), rule_count));
}

bool TextPrescan::Scan(std::string_view text, Result* out) const {
  if (!IsAscii(text)) return false;
  out->rules.Clear();
  out->pii_shared_rows = false;
  const std::vector<detect::Rule>& rules = detect::RuleCatalog();
  return database_->Scan(text, [&](unsigned id) {
    if (id < rule_count_) {
      out->rules.Set(rules[id]);
    } else {
      out->pii_shared_rows = true;
    }
    return true;
  });
}

}  // namespace nethical
