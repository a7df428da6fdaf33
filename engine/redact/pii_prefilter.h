// PiiPrefilter: whether any PII pattern of a policy can match a text at
// all, in one Hyperscan pass (engine/base/pattern_database.h). Most texts
// carry no PII; for them the PII scan (pattern_set.h) skips its RE2 pass.
//
//   auto prefilter = PiiPrefilter::Create(RedactionPolicy::kStandard);
//   if (!(*prefilter)->MayMatch(text)) return;   // no row matches anywhere
//
// Exactness: MayMatch(text) is true whenever some row's RE2 pattern matches
// somewhere in `text` (it may also be true when none does). Each row is
// looked for by its `prefilter` form (pii_patterns.h): its own regex or a
// superset pattern, in the database the rows share or in one of its own,
// or a run of base64 characters (base64_run.h). Both engines read
// the rows' syntax the same way on bytes: classes and \b are ASCII, (?i)
// folds ASCII letters only (RE2 runs the rows as Latin-1), and where they
// differ Hyperscan takes more (`$` also before a final newline).
// tests/redact/pii_prefilter_test.cc checks the property against every
// row's RE2 on generated texts. Thread-safe. The first Create of a policy
// compiles its table (tens of milliseconds); later ones share it.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "engine/base/pattern_database.h"
#include "engine/base/status.h"
#include "engine/config/engine_config.h"

namespace nethical::redact {

class PiiPrefilter {
 public:
  static StatusOr<std::unique_ptr<PiiPrefilter>> Create(RedactionPolicy policy);

  // False only when no row the policy covers matches anywhere in `text`.
  bool MayMatch(std::string_view text) const;

  // The rows the policy looks for in its shared database, as Hyperscan
  // patterns (id: the row's index in AllPiiPatterns(); case-sensitive), for
  // a caller that scans for them in a pass of its own
  // (engine/text_prescan.h).
  static std::vector<PatternDatabase::Pattern> SharedRowPatterns(RedactionPolicy policy);
  // MayMatch, given whether some SharedRowPatterns matches in `text` (that
  // caller's answer): looks only for the rows outside the shared database.
  bool MayMatchGivenSharedRows(std::string_view text, bool shared_rows_match) const;

 private:
  PiiPrefilter() = default;
  bool MayMatchOutsideSharedRows(std::string_view text) const;
  // The policy's tables, compiled once per process and never freed.
  // A row with a database of its own, scanned only when the text holds
  // `required_byte` (0: always).
  struct OwnRow {
    const PatternDatabase* database;
    char required_byte;
  };
  const PatternDatabase* shared_ = nullptr;  // rows in one database; null: none
  std::vector<OwnRow> own_;
  size_t base64_run_ = 0;  // a run of this many [A-Za-z0-9/+]; 0: none
};

}  // namespace nethical::redact
