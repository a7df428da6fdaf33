// The compiled detection table of one policy. One scan per text: a
// Hyperscan prefilter (pii_prefilter.h) first tells whether any pattern can
// match at all, which for most texts ends the scan; otherwise a single
// alternation of every pattern the policy covers finds, in one DFA pass,
// each hit; an anchored RE2::Set names the patterns that match that span
// (or, when none of them is accepted, every pattern starting there, each
// then matched anchored for its own span). Clean text costs the
// prefilter's pass; PII text that, one DFA pass and a short anchored set
// match per hit. Internal to Redactor. Thread-safe: Collect is const and
// both engines are safe for concurrent use.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"
#include "engine/redact/context_window.h"
#include "engine/redact/pii_prefilter.h"
#include "engine/redact/pii_type.h"

namespace nethical::redact {

// A checked, scored hit before overlap resolution.
struct PiiCandidate {
  PiiType type;
  uint32_t start;
  uint32_t end;
  double confidence;
  int priority;  // the pattern's row in the detection table; lower wins ties
};

class PatternSet {
 public:
  static StatusOr<std::unique_ptr<PatternSet>> Create(RedactionPolicy policy);
  ~PatternSet();

  // Appends every structurally valid hit with confidence >= min_confidence.
  // Candidates may overlap. `text` must be shorter than 4 GiB.
  // `shared_rows_match`, when not null: whether any of the prefilter's
  // shared rows (PiiPrefilter::SharedRowPatterns) matches in `text`.
  void Collect(std::string_view text, double min_confidence, std::vector<PiiCandidate>* out,
               const bool* shared_rows_match = nullptr) const;

 private:
  struct Compiled;
  // A candidate whose confidence waits for its context: out[index], row id.
  struct Pending {
    size_t index;
    int id;
  };
  // Per-thread buffers of Collect, reused from text to text.
  struct Scratch {
    std::vector<ValueSpan> hits;     // every hit, whether its check passes
    std::vector<int32_t> confident;  // by hit: its confident candidate's index in `out`, or -1
    std::vector<uint32_t> reach;     // by hit: where its match starts (before a group)
    std::vector<Pending> pending;
    std::vector<uint8_t> mask;  // ValueMask's storage
  };
  // What one Collect call gathers.
  struct Sink {
    std::vector<PiiCandidate>* out;
    size_t first;  // out's size when the call began
    Scratch* scratch;
  };
  explicit PatternSet(std::unique_ptr<Compiled> compiled);
  // Tries pattern `id` anchored at byte `at`; appends an accepted hit and
  // returns the end of its match, or returns `at` when nothing is accepted.
  size_t CollectAt(int id, std::string_view text, size_t at, double min_confidence, Sink* sink) const;
  // Checks pattern `id`'s value [start, end) and records it; returns true
  // when it is a candidate that no context can drop.
  // `match_start`: where the pattern's match starts, when its value is a
  // group inside it.
  bool Score(int id, std::string_view text, size_t start, size_t end, double min_confidence, Sink* sink,
             size_t match_start) const;
  // Raises each pending candidate with a keyword in its context window,
  // drops those below `min_confidence` without one.
  void SettleContext(std::string_view text, double min_confidence, Sink* sink) const;
  // Removes from the scratch's hits those a confident candidate will
  // replace together with its own bytes (pattern_set.cc).
  static void DropHitsConfidentOnesReplace(double min_confidence, Sink* sink);
  bool MatchSet(const RE2::Set& set, re2::StringPiece text, std::vector<int>* ids) const;
  static bool SpanContextFree(std::string_view text, size_t start, size_t end);

  std::unique_ptr<Compiled> compiled_;
};

// Keeps a maximum-priority subset of non-overlapping candidates: higher
// confidence first, then the longer span, then the earlier start, then the
// earlier pattern. Returns findings sorted by start.
std::vector<PiiFinding> ResolveOverlaps(std::vector<PiiCandidate> candidates);

}  // namespace nethical::redact
