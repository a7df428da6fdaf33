#include "engine/redact/pattern_set.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "engine/redact/pii_checks.h"
#include "engine/redact/pii_patterns.h"

namespace nethical::redact {
namespace {

// The DFAs get more room than RE2's default 8 MiB so that long texts rarely
// exhaust them (RE2 then falls back to slower engines, still correct).
constexpr int64_t kDfaMemoryBytes = 64 << 20;

RE2::Options MatchOptions() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);  // byte offsets, ASCII classes
  options.set_log_errors(false);
  options.set_max_mem(kDfaMemoryBytes);
  return options;
}

// Keywords are looked for beside the value, not inside it. The window is
// lower-cased once; keywords are compared at each word start.
bool ContextNear(std::string_view text, size_t start, size_t end, const PiiPattern& pattern) {
  char window[kContextBefore + kContextAfter + 1];
  size_t before = start > kContextBefore ? start - kContextBefore : 0;
  size_t after = std::min(text.size(), end + kContextAfter);
  size_t n = 0;
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  for (size_t i = before; i < start; ++i) window[n++] = lower(text[i]);
  const size_t gap = n;
  window[n++] = ' ';  // the value itself, collapsed to a separator
  for (size_t i = end; i < after; ++i) window[n++] = lower(text[i]);
  auto word_char = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (size_t i = 0; i < n; ++i) {
    if ((i > 0 && word_char(window[i - 1])) || i == gap) continue;
    for (std::string_view keyword : pattern.keywords) {
      if (keyword[0] == window[i] && keyword.size() <= n - i &&
          std::memcmp(window + i + 1, keyword.data() + 1, keyword.size() - 1) == 0) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

struct PatternSet::Compiled {
  Compiled() : starts(MatchOptions(), RE2::ANCHOR_START) {}
  std::unique_ptr<RE2> any;                   // (?:p0)|(?:p1)|...: where PII may start
  RE2::Set starts;                            // which patterns match at a given start
  std::vector<const PiiPattern*> patterns;    // by pattern id
  std::vector<int> priorities;                // by id: row in AllPiiPatterns()
  std::vector<std::unique_ptr<RE2>> regexes;  // by id
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
    compiled->regexes.push_back(std::move(regex));
  }
  compiled->any = std::make_unique<RE2>(alternation, MatchOptions());
  if (!compiled->any->ok() || !compiled->starts.Compile()) {
    return Internal("PII pattern set does not compile");
  }
  return std::unique_ptr<PatternSet>(new PatternSet(std::move(compiled)));
}

// One DFA pass of the alternation finds each position where some pattern
// starts; there the anchored set names the patterns that match, and only
// those are matched (anchored, so each costs the length of its hit).
void PatternSet::Collect(std::string_view text, double min_confidence,
                         std::vector<PiiCandidate>* out) const {
  const re2::StringPiece input(text.data(), text.size());
  re2::StringPiece hit;
  std::vector<int> ids;
  size_t pos = 0;
  while (pos < text.size() && compiled_->any->Match(input, pos, text.size(), RE2::UNANCHORED, &hit, 1)) {
    const size_t start = hit.data() - text.data();
    ids.clear();
    RE2::Set::ErrorInfo error;
    if (!compiled_->starts.Match(input.substr(start), &ids, &error) &&
        error.kind == RE2::Set::kOutOfMemory) {
      for (size_t id = 0; id < compiled_->patterns.size(); ++id) ids.push_back(static_cast<int>(id));
    }
    // Resume after the shortest accepted hit (values that start inside it
    // overlap it anyway), or one byte later if nothing here was accepted.
    bool accepted = false;
    size_t resume = 0;
    for (int id : ids) {
      size_t end = CollectAt(id, text, start, min_confidence, out);
      if (end > start) {
        resume = accepted ? std::min(resume, end) : end;
        accepted = true;
      }
    }
    pos = accepted ? resume : start + 1;
  }
}

size_t PatternSet::CollectAt(int id, std::string_view text, size_t at, double min_confidence,
                             std::vector<PiiCandidate>* out) const {
  const RE2& regex = *compiled_->regexes[id];
  const PiiPattern& pattern = *compiled_->patterns[id];
  // Group 1, when the pattern has one, is the value ("Bearer <value>").
  const int groups = regex.NumberOfCapturingGroups() > 0 ? 2 : 1;
  re2::StringPiece match[2];
  const re2::StringPiece input(text.data(), text.size());
  // Full-text context keeps \b at `at` honest.
  if (!regex.Match(input, at, text.size(), RE2::ANCHOR_START, match, groups)) return at;
  const re2::StringPiece& value = groups == 2 && match[1].data() != nullptr ? match[1] : match[0];
  const size_t start = value.data() - text.data();
  const size_t end = start + value.size();
  if (end <= start || (pattern.check != nullptr && !pattern.check(text, start, end))) return at;
  double confidence = pattern.confidence;
  if (pattern.context_confidence > confidence && ContextNear(text, start, end, pattern)) {
    confidence = pattern.context_confidence;
  }
  if (confidence < min_confidence) return at;
  out->push_back({pattern.type, static_cast<uint32_t>(start), static_cast<uint32_t>(end), confidence,
                  compiled_->priorities[id]});
  return match[0].data() - text.data() + match[0].size();
}

std::vector<PiiFinding> ResolveOverlaps(std::vector<PiiCandidate> candidates) {
  std::sort(candidates.begin(), candidates.end(), [](const PiiCandidate& a, const PiiCandidate& b) {
    if (a.confidence != b.confidence) return a.confidence > b.confidence;
    uint32_t la = a.end - a.start, lb = b.end - b.start;
    if (la != lb) return la > lb;
    if (a.start != b.start) return a.start < b.start;
    return a.priority < b.priority;
  });
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
    findings.push_back({std::string(PiiTypeName(c->type)), c->start, c->end, c->confidence});
  }
  return findings;
}

}  // namespace nethical::redact
