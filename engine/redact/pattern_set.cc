#include "engine/redact/pattern_set.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <string>

#include "engine/redact/pii_checks.h"
#include "engine/redact/pii_patterns.h"

namespace nethical::redact {
namespace {

// The RE2::Set DFA gets more room than RE2's default so that long texts
// rarely exhaust it; if they do, Collect falls back to trying every pattern.
constexpr int64_t kSetMemoryBytes = 64 << 20;

RE2::Options MatchOptions() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);  // byte offsets, ASCII classes
  options.set_log_errors(false);
  return options;
}

// Keywords are looked for beside the value, not inside it.
bool ContextNear(std::string_view text, size_t start, size_t end, const PiiPattern& pattern) {
  size_t before = start > kContextBefore ? start - kContextBefore : 0;
  std::string_view left = text.substr(before, start - before);
  std::string_view right = text.substr(end, kContextAfter);
  for (std::string_view keyword : pattern.keywords) {
    if (ContainsKeyword(left, keyword) || ContainsKeyword(right, keyword)) return true;
  }
  return false;
}

}  // namespace

struct PatternSet::Compiled {
  Compiled() : set(MatchOptions(), RE2::UNANCHORED) {}
  RE2::Set set;
  std::vector<const PiiPattern*> patterns;  // by set id
  std::vector<int> priorities;              // by set id: row in AllPiiPatterns()
  std::vector<std::unique_ptr<RE2>> regexes;  // by set id
};

PatternSet::PatternSet(std::unique_ptr<Compiled> compiled) : compiled_(std::move(compiled)) {}
PatternSet::~PatternSet() = default;

StatusOr<std::unique_ptr<PatternSet>> PatternSet::Create(RedactionPolicy policy) {
  auto compiled = std::make_unique<Compiled>();
  std::span<const PiiPattern> all = AllPiiPatterns();
  for (size_t row = 0; row < all.size(); ++row) {
    const PiiPattern& pattern = all[row];
    if (!PolicyCovers(policy, pattern.type)) continue;
    std::string error;
    int id = compiled->set.Add(pattern.regex, &error);
    auto regex = std::make_unique<RE2>(pattern.regex, MatchOptions());
    if (id != static_cast<int>(compiled->patterns.size()) || !regex->ok()) {
      return Internal("PII pattern for " + std::string(PiiTypeName(pattern.type)) +
                      " does not compile: " + (error.empty() ? regex->error() : error));
    }
    compiled->patterns.push_back(&pattern);
    compiled->priorities.push_back(static_cast<int>(row));
    compiled->regexes.push_back(std::move(regex));
  }
  if (!compiled->set.Compile()) return Internal("PII pattern set does not compile");
  return std::unique_ptr<PatternSet>(new PatternSet(std::move(compiled)));
}

void PatternSet::Collect(std::string_view text, double min_confidence,
                         std::vector<PiiCandidate>* out) const {
  std::vector<int> hits;
  RE2::Set::ErrorInfo error;
  if (!compiled_->set.Match(text, &hits, &error)) {
    if (error.kind != RE2::Set::kOutOfMemory) return;  // no pattern matches
    hits.clear();
    for (size_t id = 0; id < compiled_->patterns.size(); ++id) hits.push_back(static_cast<int>(id));
  }
  for (int id : hits) CollectPattern(id, text, min_confidence, out);
}

void PatternSet::CollectPattern(int id, std::string_view text, double min_confidence,
                                std::vector<PiiCandidate>* out) const {
  const RE2& regex = *compiled_->regexes[id];
  const PiiPattern& pattern = *compiled_->patterns[id];
  // Group 1, when the pattern has one, is the value ("Bearer <value>").
  const int groups = regex.NumberOfCapturingGroups() > 0 ? 2 : 1;
  re2::StringPiece match[2];
  const re2::StringPiece input(text.data(), text.size());
  size_t pos = 0;
  while (pos <= text.size() &&
         regex.Match(input, pos, text.size(), RE2::UNANCHORED, match, groups)) {
    const size_t match_start = match[0].data() - text.data();
    const size_t match_end = match_start + match[0].size();
    const re2::StringPiece& value = groups == 2 && match[1].data() != nullptr ? match[1] : match[0];
    const size_t start = value.data() - text.data();
    const size_t end = start + value.size();
    bool accepted = false;
    if (end > start && (pattern.check == nullptr || pattern.check(text, start, end))) {
      double confidence = pattern.confidence;
      if (pattern.context_confidence > confidence && ContextNear(text, start, end, pattern)) {
        confidence = pattern.context_confidence;
      }
      if (confidence >= min_confidence) {
        out->push_back({pattern.type, static_cast<uint32_t>(start), static_cast<uint32_t>(end),
                        confidence, compiled_->priorities[id]});
        accepted = true;
      }
    }
    // After a rejected hit, retry one byte later: a valid value may start
    // inside it (a card number after a stray digit group).
    pos = accepted && match_end > match_start ? match_end : match_start + 1;
  }
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
