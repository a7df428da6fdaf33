#include "engine/anomaly/trigram_model.h"

#include <algorithm>
#include <cmath>

namespace nethical::anomaly {
namespace {

constexpr uint32_t kMinFrequency = 2;  // below this a 3-gram is "essentially unseen"
constexpr double kRareBoost = 0.1;

}  // namespace

TrigramModel::TrigramModel(size_t window)
    : window_(window), ring_(new std::atomic<uint16_t>[window]) {
  for (size_t i = 0; i < window_; ++i) ring_[i].store(kEmptySlot, std::memory_order_relaxed);
}

void TrigramModel::Observe(int trigram) {
  constexpr auto kRelaxed = std::memory_order_relaxed;
  const uint64_t pos = observed_.fetch_add(1, kRelaxed);
  const uint16_t old = ring_[pos % window_].exchange(static_cast<uint16_t>(trigram), kRelaxed);
  if (counts_[trigram].fetch_add(1, kRelaxed) == 0) distinct_.fetch_add(1, kRelaxed);
  if (old != kEmptySlot && counts_[old].fetch_sub(1, kRelaxed) == 1)
    distinct_.fetch_sub(1, kRelaxed);
}

uint64_t TrigramModel::WindowSize() const {
  return std::min<uint64_t>(observed_.load(std::memory_order_relaxed), window_);
}

SequenceScore TrigramModel::Score(int trigram) const {
  SequenceScore s;
  const double n = static_cast<double>(WindowSize());
  const double v = std::max(1, Distinct());
  s.seen = Count(trigram);
  s.probability = (s.seen + 1.0) / (n + v);
  const double max_log = std::log(n + v + 1.0);  // -ln p_min
  s.score = max_log > 0 ? std::clamp(-std::log(s.probability) / max_log, 0.0, 1.0) : 0.0;
  if (s.seen < kMinFrequency) s.score = std::min(1.0, s.score + kRareBoost);
  return s;
}

}  // namespace nethical::anomaly
