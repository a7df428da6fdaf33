#include "loadgen/text_generator.h"

#include <cmath>
#include <vector>

#include "loadgen/schedule.h"
#include "loadgen/workload_texts.h"

namespace nethical::loadgen {
namespace {

// The next benign sentence of the sequence that *h seeds.
std::string_view NextSentence(uint64_t* h) {
  *h = Mix64(*h);
  return kBenignSentences[*h % kBenignSentences.size()];
}

}  // namespace

std::string BenignText(size_t bytes, uint64_t seed) { return BenignTextWith(bytes, seed, {}); }

std::string BenignTextWith(size_t bytes, uint64_t seed, std::string_view insert) {
  if (!insert.empty() && insert.size() >= bytes) return std::string(insert);
  // The insert starts at or before this offset, so it ends inside `bytes`.
  const size_t insert_by = (bytes - insert.size()) / 2;
  uint64_t h = Mix64(seed ^ 0xbe9197);
  bool inserted = insert.empty();
  std::string s;
  s.reserve(bytes + 96);
  while (s.size() < bytes) {
    const size_t at = s.empty() ? 0 : s.size() + 1;
    std::string_view next = NextSentence(&h);
    if (!inserted && at + next.size() + 1 > insert_by) {
      next = insert;
      inserted = true;
    }
    if (!s.empty()) s.push_back(' ');
    s.append(next);
  }
  s.resize(bytes);
  return s;
}

std::string MixedText(uint64_t seed, int j, bool pii, bool trigger, ActionTruth* truth) {
  uint64_t h = Mix64(seed ^ Mix64(0x7e47 + j));
  // Log-uniform target length, 32 B .. 4 KiB.
  const size_t target = static_cast<size_t>(32.0 * std::exp2(7.0 * UnitInterval(h)));
  std::vector<std::string_view> parts;
  size_t len = 0;
  while (len < target || parts.empty()) {
    parts.push_back(NextSentence(&h));
    len += parts.back().size() + 1;
  }
  h = Mix64(h);
  const size_t at = h % (parts.size() + 1);
  const PiiSnippet& pii_snippet = kPiiSnippets[(h >> 16) % kPiiSnippets.size()];
  const TriggerSnippet& trigger_snippet = kTriggerSnippets[(h >> 32) % kTriggerSnippets.size()];
  if (pii) parts.insert(parts.begin() + at, pii_snippet.text);
  if (trigger) parts.insert(parts.begin() + at, trigger_snippet.text);
  *truth = ActionTruth{};
  truth->known = true;
  if (trigger) {
    truth->category = trigger_snippet.category;
    truth->also = trigger_snippet.also;
  } else if (pii) {
    truth->category = ViolationCategory::kPrivacy;
  }
  std::string text;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (!text.empty()) text.push_back(' ');
    if (pii && i == at) {
      const uint32_t start = static_cast<uint32_t>(text.size() + pii_snippet.text.find(pii_snippet.value));
      truth->AddPii(pii_snippet.type, start, start + static_cast<uint32_t>(pii_snippet.value.size()));
    }
    text.append(parts[i]);
  }
  return text;
}

}  // namespace nethical::loadgen
