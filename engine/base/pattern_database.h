// PatternDatabase: many regular expressions compiled into one Hyperscan
// (libhs) block-mode database, scanned in one pass that reports which of
// them match. The engine's fast path for "which rules does this text trip"
// (engine/detect/text_scanner.h) and "can any PII pattern match at all"
// (engine/redact/pattern_set.h); RE2 stays the reference and does the work
// that needs match positions or Unicode.
//
//   auto db = PatternDatabase::Compile({{"foo", 0}, {"ba+r", 1}}, HS_FLAG_CASELESS);
//   uint64_t seen = 0;
//   (*db)->Scan(text, [&](unsigned id) { seen |= uint64_t{1} << id; return true; });
//
// Every pattern is compiled with HS_FLAG_SINGLEMATCH: each id is reported
// at most once per scan. Hyperscan's syntax is PCRE's; its semantics differ
// from RE2's in places (`\s` also takes \v, `$` also matches before a final
// newline, case folding is ASCII-only without HS_FLAG_UTF8|HS_FLAG_UCP).
// Callers translate or restrict their input so that the answer is the one
// RE2 would give, and say how (docs/detect.md, docs/redact.md).
//
// Thread safety: Scan is const and may run on any number of threads. Each
// thread has one scratch region, grown on first use for each database
// (hs_alloc_scratch) and freed when the thread ends.
#pragma once

#include <hs/hs.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "engine/base/status.h"

namespace nethical {

class PatternDatabase {
 public:
  struct Pattern {
    std::string regex;
    unsigned id;
    unsigned flags = 0;  // HS_FLAG_* for this pattern alone, added to Compile's
  };

  // `flags` (HS_FLAG_*) apply to every pattern, with HS_FLAG_SINGLEMATCH
  // and each pattern's own.
  // Fails naming the first pattern Hyperscan refuses and why, or when the
  // CPU lacks what libhs needs (SSSE3).
  static StatusOr<std::unique_ptr<PatternDatabase>> Compile(const std::vector<Pattern>& patterns,
                                                            unsigned flags);
  ~PatternDatabase();
  PatternDatabase(const PatternDatabase&) = delete;
  PatternDatabase& operator=(const PatternDatabase&) = delete;

  // Calls on_match(id) for each pattern that matches somewhere in `text`,
  // in the order their first matches end; on_match returns false to stop
  // the scan early. Returns false only if the scratch region cannot be
  // allocated, the scan fails (out of memory) or `text` is 4 GiB or
  // longer: the caller must then
  // answer by another way, never take "no match" for it.
  template <typename OnMatch>
  [[nodiscard]] bool Scan(std::string_view text, OnMatch&& on_match) const {
    using Callback = std::remove_reference_t<OnMatch>;
    auto thunk = [](unsigned id, unsigned long long, unsigned long long, unsigned, void* ctx) -> int {
      return (*static_cast<Callback*>(ctx))(id) ? 0 : 1;
    };
    return ScanRaw(text, thunk, const_cast<void*>(static_cast<const void*>(&on_match)));
  }

 private:
  PatternDatabase(hs_database_t* db, uint64_t serial) : db_(db), serial_(serial) {}
  bool ScanRaw(std::string_view text, match_event_handler handler, void* ctx) const;

  hs_database_t* db_;
  const uint64_t serial_;  // unique per database: which ones a thread's scratch fits
};

}  // namespace nethical
