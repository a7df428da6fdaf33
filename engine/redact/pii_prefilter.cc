#include "engine/redact/pii_prefilter.h"

#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "engine/redact/base64_run.h"
#include "engine/redact/pii_patterns.h"
#include "engine/redact/pii_type.h"

namespace nethical::redact {
namespace {

// What one policy's prefilter looks for, compiled once per process.
struct Tables {
  std::unique_ptr<PatternDatabase> shared;            // null: no row uses it
  std::vector<std::unique_ptr<PatternDatabase>> own;  // one per own_database row
  std::vector<char> own_required;                     // each one's required_byte
  size_t base64_run = 0;                              // 0: no row asks for one
};

// The policy's rows that are looked for by a pattern: in the shared
// database (`own` false) or each in a database of its own (`own` true).
std::vector<PatternDatabase::Pattern> RowPatterns(RedactionPolicy policy, bool own) {
  std::vector<PatternDatabase::Pattern> patterns;
  std::span<const PiiPattern> rows = AllPiiPatterns();
  for (size_t row = 0; row < rows.size(); ++row) {
    const PiiPattern& p = rows[row];
    if (!PolicyCovers(policy, p.type) || p.prefilter.base64_run > 0 || p.prefilter.own_database != own)
      continue;
    patterns.push_back(
        {std::string(p.prefilter.regex.empty() ? p.regex : p.prefilter.regex), static_cast<unsigned>(row)});
  }
  return patterns;
}

StatusOr<Tables> CompileFor(RedactionPolicy policy) {
  Tables tables;
  for (const PiiPattern& p : AllPiiPatterns()) {
    if (!PolicyCovers(policy, p.type) || p.prefilter.base64_run == 0) continue;
    const size_t run = static_cast<size_t>(p.prefilter.base64_run);
    if (tables.base64_run == 0 || run < tables.base64_run) tables.base64_run = run;
  }
  for (const PatternDatabase::Pattern& pattern : RowPatterns(policy, /*own=*/true)) {
    auto own = PatternDatabase::Compile({pattern}, 0);
    if (!own.ok()) return own.status();
    tables.own.push_back(std::move(*own));
    tables.own_required.push_back(AllPiiPatterns()[pattern.id].prefilter.required_byte);
  }
  const std::vector<PatternDatabase::Pattern> shared = RowPatterns(policy, /*own=*/false);
  if (!shared.empty()) {
    auto db = PatternDatabase::Compile(shared, 0);
    if (!db.ok()) return db.status();
    tables.shared = std::move(*db);
  }
  return tables;
}

// Hyperscan's compiler is slow (tens of milliseconds per table): each
// policy's tables are compiled once per process and shared.
const StatusOr<Tables>& SharedTables(RedactionPolicy policy) {
  switch (policy) {
    case RedactionPolicy::kMinimal: {
      static const auto* const minimal = new StatusOr<Tables>(CompileFor(policy));
      return *minimal;
    }
    case RedactionPolicy::kStandard: {
      static const auto* const standard = new StatusOr<Tables>(CompileFor(policy));
      return *standard;
    }
    case RedactionPolicy::kAggressive:
      break;
  }
  static const auto* const aggressive = new StatusOr<Tables>(CompileFor(RedactionPolicy::kAggressive));
  return *aggressive;
}

// True when the database finds any row, or cannot answer.
bool AnyMatch(const PatternDatabase& db, std::string_view text) {
  bool any = false;
  const bool scanned = db.Scan(text, [&](unsigned) {
    any = true;
    return false;  // one match decides
  });
  return any || !scanned;
}

}  // namespace

StatusOr<std::unique_ptr<PiiPrefilter>> PiiPrefilter::Create(RedactionPolicy policy) {
  const StatusOr<Tables>& tables = SharedTables(policy);
  if (!tables.ok()) return tables.status();
  auto prefilter = std::unique_ptr<PiiPrefilter>(new PiiPrefilter());
  prefilter->shared_ = tables->shared.get();
  for (size_t i = 0; i < tables->own.size(); ++i)
    prefilter->own_.push_back({tables->own[i].get(), tables->own_required[i]});
  prefilter->base64_run_ = tables->base64_run;
  return prefilter;
}

std::vector<PatternDatabase::Pattern> PiiPrefilter::SharedRowPatterns(RedactionPolicy policy) {
  return RowPatterns(policy, /*own=*/false);
}

bool PiiPrefilter::MayMatch(std::string_view text) const {
  if (MayMatchOutsideSharedRows(text)) return true;
  return shared_ != nullptr && AnyMatch(*shared_, text);
}

bool PiiPrefilter::MayMatchGivenSharedRows(std::string_view text, bool shared_rows_match) const {
  return shared_rows_match || MayMatchOutsideSharedRows(text);
}

bool PiiPrefilter::MayMatchOutsideSharedRows(std::string_view text) const {
  // Cheapest first.
  if (base64_run_ > 0 && HasBase64Run(text, base64_run_)) return true;
  for (const OwnRow& row : own_) {
    if (row.required_byte != 0 && std::memchr(text.data(), row.required_byte, text.size()) == nullptr)
      continue;
    if (AnyMatch(*row.database, text)) return true;
  }
  return false;
}

}  // namespace nethical::redact
