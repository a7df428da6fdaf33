#include "engine/redact/pattern_set.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <string>

#include "engine/base/adaptive_bypass.h"
#include "engine/redact/context_window.h"
#include "engine/redact/pii_checks.h"
#include "engine/redact/pii_patterns.h"

namespace nethical::redact {
namespace {

// The DFAs get more room than RE2's default 8 MiB so that long texts rarely
// exhaust them (RE2 then falls back to slower engines, still correct).
constexpr int64_t kDfaMemoryBytes = 64 << 20;

// The prefilter costs a Hyperscan pass (about 0.4 ns per byte of prose
// plus ~150 ns, more on digit-heavy text) and saves the RE2 pass (~1.5 ns
// per byte) only on the texts it lets skip: it stays on while at least half
// of a window of 256 texts skip, else it is tried on one text in 16.
constexpr AdaptiveBypass::Policy kPrefilterBypass{256, 128, 16};

RE2::Options MatchOptions() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);  // byte offsets, ASCII classes
  options.set_log_errors(false);
  options.set_max_mem(kDfaMemoryBytes);
  return options;
}

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool AlnumChar(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

bool WordChar(char c) { return AlnumChar(c) || c == '_'; }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A lexicon indexed by first letter: at a word start, only the keywords
// starting with its letter are compared.
struct KeywordIndex {
  std::array<std::vector<std::string_view>, 26> by_initial;
};

KeywordIndex IndexKeywords(const PiiPattern& pattern) {
  KeywordIndex index;
  for (std::string_view keyword : pattern.keywords) {
    if (keyword[0] >= 'a' && keyword[0] <= 'z') index.by_initial[keyword[0] - 'a'].push_back(keyword);
  }
  return index;
}

// True when one of the lexicon's keywords starts at a word start within
// [from, to) where a keyword may start (context_window.h) and ends inside
// it (ASCII case-insensitive).
bool KeywordIn(std::string_view text, const ValueMask& values, size_t from, size_t to,
               const KeywordIndex& index) {
  for (size_t i = from; i < to; ++i) {
    const char c = LowerAscii(text[i]);
    if (c < 'a' || c > 'z' || !values.MayHoldKeyword(i)) continue;
    // '_' separates ("user_phone"), and so do a value and what is glued to
    // one: the keyword reads the same after "4420788888" as after the
    // marker that replaces it, whether that number was a value or glue.
    if (i > 0 && AlnumChar(text[i - 1]) && !values.NearValue(i - 1)) continue;
    for (std::string_view keyword : index.by_initial[c - 'a']) {
      if (keyword.size() > to - i) continue;
      size_t k = 1;
      while (k < keyword.size() && LowerAscii(text[i + k]) == keyword[k]) ++k;
      if (k == keyword.size()) return true;
    }
  }
  return false;
}

}  // namespace

struct PatternSet::Compiled {
  Compiled() : spans(MatchOptions(), RE2::ANCHOR_BOTH), starts(MatchOptions(), RE2::ANCHOR_START) {}
  std::unique_ptr<RE2> any;                   // (?:p0)|(?:p1)|...: where PII may start
  RE2::Set spans;                             // which patterns match exactly a given span
  RE2::Set starts;                            // which patterns match at a given start
  std::vector<bool> has_group;                // by id: group 1 holds the value
  std::vector<KeywordIndex> keywords;         // by id: the lexicon by first letter
  std::vector<double> bare_confidence;        // by id: confidence without context, per policy
  std::vector<const PiiPattern*> patterns;    // by pattern id
  std::vector<int> priorities;                // by id: row in AllPiiPatterns()
  std::vector<std::unique_ptr<RE2>> regexes;  // by id
  std::unique_ptr<PiiPrefilter> prefilter;
};

PatternSet::PatternSet(std::unique_ptr<Compiled> compiled) : compiled_(std::move(compiled)) {}
PatternSet::~PatternSet() = default;

StatusOr<std::unique_ptr<PatternSet>> PatternSet::Create(RedactionPolicy policy) {
  auto compiled = std::make_unique<Compiled>();
  std::span<const PiiPattern> all = AllPiiPatterns();
  std::string alternation;
  for (size_t row = 0; row < all.size(); ++row) {
    const PiiPattern& pattern = all[row];
    if (!PolicyCovers(policy, pattern.type)) continue;
    std::string error;
    int id = compiled->starts.Add(pattern.regex, &error);
    compiled->spans.Add(pattern.regex, &error);
    auto regex = std::make_unique<RE2>(pattern.regex, MatchOptions());
    if (id != static_cast<int>(compiled->patterns.size()) || !regex->ok()) {
      return Internal("PII pattern for " + std::string(PiiTypeName(pattern.type)) +
                      " does not compile: " + (error.empty() ? regex->error() : error));
    }
    if (!alternation.empty()) alternation += '|';
    alternation += "(?:";
    alternation += pattern.regex;
    alternation += ')';
    compiled->patterns.push_back(&pattern);
    compiled->priorities.push_back(static_cast<int>(row));
    compiled->has_group.push_back(regex->NumberOfCapturingGroups() > 0);
    compiled->keywords.push_back(IndexKeywords(pattern));
    compiled->bare_confidence.push_back(policy == RedactionPolicy::kAggressive &&
                                                pattern.aggressive_confidence > pattern.confidence
                                            ? pattern.aggressive_confidence
                                            : pattern.confidence);
    compiled->regexes.push_back(std::move(regex));
  }
  auto prefilter = PiiPrefilter::Create(policy);
  if (!prefilter.ok()) return prefilter.status();
  compiled->prefilter = std::move(*prefilter);
  compiled->any = std::make_unique<RE2>(alternation, MatchOptions());
  if (!compiled->any->ok() || !compiled->spans.Compile() || !compiled->starts.Compile()) {
    return Internal("PII pattern set does not compile");
  }
  return std::unique_ptr<PatternSet>(new PatternSet(std::move(compiled)));
}

// One DFA pass of the alternation finds each hit [start, end) of its
// leftmost-first alternative. Fast path: the span set names every pattern
// that matches exactly that span, and those are scored on it without
// matching again. When nothing is accepted there, the start set names every
// pattern matching at `start` with any length, and each is matched anchored
// for its own span, so a valid value is not hidden by a rejected look-alike
// of another length.
void PatternSet::Collect(std::string_view text, double min_confidence, std::vector<PiiCandidate>* out,
                         const bool* shared_rows_match) const {
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece hit;
  std::vector<int> ids;
  // Reused per thread: no allocation per text once large enough.
  thread_local Scratch scratch;
  scratch.hits.clear();
  scratch.confident.clear();
  scratch.reach.clear();
  scratch.pending.clear();
  Sink sink{out, out->size(), &scratch};
  // No pattern matches anywhere: nothing for the alternation to find. The
  // prefilter pays only when it lets most texts skip the RE2 pass; on a
  // stream where it does not (PII-heavy text), it is left out for a while
  // (kPrefilterBypass), which changes no answer.
  thread_local const PatternSet* bypass_owner = nullptr;
  thread_local AdaptiveBypass bypass_buffer(kPrefilterBypass);
  AdaptiveBypass& bypass = bypass_buffer;
  if (bypass_owner != this) {
    bypass_owner = this;
    bypass = AdaptiveBypass(kPrefilterBypass);
  }
  bool may_match = true;
  if (shared_rows_match != nullptr) {
    // Most of the prefilter's pass is done: the rest always pays.
    may_match = compiled_->prefilter->MayMatchGivenSharedRows(text, *shared_rows_match);
  } else if (bypass.ShouldUse()) {
    may_match = compiled_->prefilter->MayMatch(text);
    bypass.Record(!may_match);
  }
  size_t pos = may_match ? 0 : text.size();
  while (pos < text.size() && compiled_->any->Match(input, pos, text.size(), RE2::UNANCHORED, &hit, 1)) {
    const size_t start = hit.data() - text.data();
    const size_t end = start + hit.size();
    // Numeric rows carry no \b (a letter or '_' before a number separates
    // it), so a hit may start inside a digit run; every row rejects a value
    // glued to a digit before it, so skip the rest of the run at once.
    if (start > 0 && IsDigit(text[start]) && IsDigit(text[start - 1])) {
      pos = start + 1;
      while (pos < text.size() && IsDigit(text[pos])) ++pos;
      continue;
    }
    // Resume after the shortest accepted hit (values that start inside it
    // overlap it anyway), or one byte later if nothing here was accepted.
    bool accepted = false;
    size_t resume = 0;
    auto note = [&](size_t hit_end) {
      if (hit_end <= start) return;
      resume = accepted ? std::min(resume, hit_end) : hit_end;
      accepted = true;
    };
    if (SpanContextFree(text, start, end) && MatchSet(compiled_->spans, hit, &ids)) {
      for (int id : ids) {
        note(compiled_->has_group[id] ? CollectAt(id, text, start, min_confidence, &sink)
             : Score(id, text, start, end, min_confidence, &sink, start) ? end
                                                                         : start);
      }
    }
    if (!accepted && MatchSet(compiled_->starts, input.substr(start), &ids)) {
      for (int id : ids) note(CollectAt(id, text, start, min_confidence, &sink));
    }
    pos = accepted ? resume : start + 1;
  }
  SettleContext(text, min_confidence, &sink);
}

// Assertions of the patterns (\b; $ only closes a private-key block, whose
// span ends at its END line or the text end) read the same on the span
// alone as in the whole text when no word character touches the span from
// outside.
bool PatternSet::SpanContextFree(std::string_view text, size_t start, size_t end) {
  return end > start && (start == 0 || !WordChar(text[start - 1])) &&
         (end == text.size() || !WordChar(text[end]));
}

// Fills `ids` with the set's patterns that match `text`; on RE2 running out
// of DFA memory, with every pattern (each is then matched individually).
bool PatternSet::MatchSet(const RE2::Set& set, re2::StringPiece text, std::vector<int>* ids) const {
  ids->clear();
  RE2::Set::ErrorInfo error;
  if (set.Match(text, ids, &error)) return true;
  if (error.kind != RE2::Set::kOutOfMemory) return false;
  for (size_t id = 0; id < compiled_->patterns.size(); ++id) ids->push_back(static_cast<int>(id));
  return true;
}

size_t PatternSet::CollectAt(int id, std::string_view text, size_t at, double min_confidence,
                             Sink* sink) const {
  const RE2& regex = *compiled_->regexes[id];
  // Group 1, when the pattern has one, is the value ("Bearer <value>").
  const int groups = compiled_->has_group[id] ? 2 : 1;
  re2::StringPiece match[2];
  const re2::StringPiece input(text.data(), text.size());
  // Full-text context keeps \b at `at` honest.
  if (!regex.Match(input, at, text.size(), RE2::ANCHOR_START, match, groups)) return at;
  const re2::StringPiece& value = groups == 2 && match[1].data() != nullptr ? match[1] : match[0];
  const size_t start = value.data() - text.data();
  // The match's own \b reads a marker as a word boundary, but the value the
  // marker replaced was glued ("+44207888my name is ..."): never a finding.
  const size_t match_start = match[0].data() - text.data();
  if (&value != &match[0] && GluedToMarker(text, match_start, match_start + match[0].size())) {
    return at;
  }
  if (!Score(id, text, start, start + value.size(), min_confidence, sink, match_start)) return at;
  return match[0].data() - text.data() + match[0].size();
}

namespace {
// The lowest bare confidence of a candidate that hides the hits starting
// inside it (Score): that of the rows that take a value bare under every
// policy. Below it are values taken bare only under aggressive (0.6) or a
// lowered minimum confidence.
constexpr double kHidesHitsInside = 0.85;

// The order of ResolveOverlaps: on overlap, `a` is kept over `b`.
bool Beats(const PiiCandidate& a, const PiiCandidate& b) {
  if (a.confidence != b.confidence) return a.confidence > b.confidence;
  const uint32_t la = a.end - a.start, lb = b.end - b.start;
  if (la != lb) return la > lb;
  if (a.start != b.start) return a.start < b.start;
  return a.priority < b.priority;
}
}  // namespace

// A hit that a confident candidate replaces together with its own bytes is
// no value to the context windows, as it is gone in the second pass (a hit
// glued to a marker is none: Score); only the candidate counts, as its
// marker will. Those are a weak hit (its check rejects it, or it is below
// the minimum bare) whose match overlaps or touches a confident candidate,
// and a confident candidate that overlaps one beating it. "+20784888dob+…+
// 1985" reads as a 40-character AWS secret shape only until the phone is a
// marker, and "e@L.er.48848dob+…" only until the email is one
// (fuzz_redactor). Confidences are the bare ones here: a keyword may still
// raise a pending candidate.
void PatternSet::DropHitsConfidentOnesReplace(double min_confidence, Sink* sink) {
  Scratch& s = *sink->scratch;
  const std::vector<PiiCandidate>& out = *sink->out;
  size_t kept = 0;
  for (size_t h = 0; h < s.hits.size(); ++h) {
    const int32_t own = s.confident[h];
    bool drop = false;
    for (size_t c = sink->first; c < out.size() && !drop; ++c) {
      const PiiCandidate& candidate = out[c];
      if (candidate.confidence < min_confidence || static_cast<int32_t>(c) == own) continue;
      drop = own < 0 ? candidate.start <= s.hits[h].end && s.reach[h] <= candidate.end
                     : candidate.start < s.hits[h].end && s.hits[h].start < candidate.end &&
                           Beats(candidate, out[own]);
    }
    if (!drop) {
      s.hits[kept] = s.hits[h];
      s.confident[kept] = own;
      s.reach[kept++] = s.reach[h];
    }
  }
  s.hits.resize(kept);
  s.confident.resize(kept);
  s.reach.resize(kept);
}

// Hits whose confidence a keyword raises wait until every hit of the text
// is known: their context window skips all of them (context_window.h).
// Keywords are looked for beside the value, not inside it. The window and
// each lexicon's answer are kept for the span, so rows of one type scoring
// one span look once. Candidates that needed a keyword and have none are
// dropped.
void PatternSet::SettleContext(std::string_view text, double min_confidence, Sink* sink) const {
  if (sink->scratch->pending.empty()) return;
  DropHitsConfidentOnesReplace(min_confidence, sink);
  const ValueMask values(text, sink->scratch->hits, &sink->scratch->mask);
  std::vector<PiiCandidate>& out = *sink->out;
  size_t span_start = 0, span_end = 0;
  ContextWindow window{0, 0};
  bool window_known = false;
  const void* lexicon = nullptr;
  bool found = false;
  for (const Pending& p : sink->scratch->pending) {
    PiiCandidate& candidate = out[p.index];
    const PiiPattern& pattern = *compiled_->patterns[p.id];
    if (!window_known || span_start != candidate.start || span_end != candidate.end) {
      span_start = candidate.start;
      span_end = candidate.end;
      window = ContextAround(text, values, span_start, span_end);
      window_known = true;
      lexicon = nullptr;
    }
    if (lexicon != pattern.keywords.data()) {
      const KeywordIndex& index = compiled_->keywords[p.id];
      found = KeywordIn(text, values, window.from, span_start, index) ||
              KeywordIn(text, values, span_end, window.to, index);
      lexicon = pattern.keywords.data();
    }
    if (found) candidate.confidence = std::max(candidate.confidence, pattern.context_confidence);
    if (!pattern.veto_before.empty() || !pattern.veto_after.empty()) {
      const VetoWindows veto = VetoAround(text, values, candidate.start, candidate.end);
      if (ContainsAnyKeyword(veto.before, pattern.veto_before) ||
          ContainsAnyKeyword(veto.after, pattern.veto_after)) {
        candidate.confidence = -1;  // dropped below
      }
    }
  }
  auto first = out.begin() + static_cast<std::ptrdiff_t>(sink->first);
  out.erase(
      std::remove_if(first, out.end(), [&](const PiiCandidate& c) { return c.confidence < min_confidence; }),
      out.end());
}

// Checks pattern `id`'s value and records it as a value; a candidate when
// confident enough bare, or when a keyword could make it so (settled by
// SettleContext). True when it is a candidate that stays one.
bool PatternSet::Score(int id, std::string_view text, size_t start, size_t end, double min_confidence,
                       Sink* sink, size_t match_start) const {
  const PiiPattern& pattern = *compiled_->patterns[id];
  if (end <= start) return false;
  // Every hit is a value to the context windows (context_window.h), even
  // one its check rejects: whether a check passes may change when a
  // neighbour is replaced ("+4420788888dob": glued to a number in the first
  // pass, to a marker in the second), and the words beside it must read
  // the same in both. A hit glued to a marker is never a finding
  // (pii_checks.h GluedToMarker).
  // A hit glued to a marker is no value but glue (its \b may hold only
  // because of the marker: "]doe@example.ver" is a hit, "111doe@…" was not).
  if (GluedToMarker(text, start, end)) return false;
  sink->scratch->hits.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end)});
  sink->scratch->confident.push_back(-1);
  sink->scratch->reach.push_back(static_cast<uint32_t>(std::min(match_start, start)));
  if (pattern.check != nullptr && !pattern.check(text, start, end)) return false;
  const double bare = compiled_->bare_confidence[id];
  const bool keyword_raises = pattern.context_confidence > bare;
  if (bare < min_confidence && !(keyword_raises && pattern.context_confidence >= min_confidence)) {
    return false;
  }
  sink->out->push_back({pattern.type, static_cast<uint32_t>(start), static_cast<uint32_t>(end), bare,
                        compiled_->priorities[id]});
  const bool vetoable = !pattern.veto_before.empty() || !pattern.veto_after.empty();
  if (keyword_raises || vetoable) sink->scratch->pending.push_back({sink->out->size() - 1, id});
  // Where the scan resumes must not depend on context (SettleContext), or
  // redacting twice could find what the first pass skipped: a candidate
  // that may still be dropped for want of a keyword (below the minimum
  // bare) does not hide the hits that start inside it. A 40-character run
  // that looked like an AWS secret without its keyword hid a phone inside
  // it until a replaced neighbour moved the run (fuzz_redactor).
  // Nor does a candidate taken bare only by the aggressive policy (0.6):
  // most rows beat it, so a hit inside it may be the finding. Under
  // aggressive, "4207894110 1111gg…WW+44207894112" is a card and a
  // 40-character AWS shape over its last digits and the phone: the card
  // beats the shape, and the phone inside the shape was never looked at
  // until the card became a marker (fuzz_redactor).
  if (bare < min_confidence) return false;
  sink->scratch->confident.back() = static_cast<int32_t>(sink->out->size() - 1);
  return bare >= kHidesHitsInside;
}

std::vector<PiiFinding> ResolveOverlaps(std::vector<PiiCandidate> candidates) {
  std::sort(candidates.begin(), candidates.end(), Beats);
  // Accepted spans, kept sorted by start; each candidate is checked against
  // its neighbours only.
  std::vector<const PiiCandidate*> kept;
  for (const PiiCandidate& c : candidates) {
    auto it = std::lower_bound(kept.begin(), kept.end(), c.start,
                               [](const PiiCandidate* k, uint32_t start) { return k->start < start; });
    if (it != kept.end() && (*it)->start < c.end) continue;
    if (it != kept.begin() && (*std::prev(it))->end > c.start) continue;
    kept.insert(it, &c);
  }
  std::vector<PiiFinding> findings;
  findings.reserve(kept.size());
  for (const PiiCandidate* c : kept) {
    findings.push_back({c->type, c->start, c->end, c->confidence});
  }
  return findings;
}

}  // namespace nethical::redact
