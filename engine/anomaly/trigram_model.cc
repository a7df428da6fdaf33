#include "engine/anomaly/trigram_model.h"

#include <algorithm>
#include <cmath>

namespace nethical::anomaly {

TrigramModel::TrigramModel(size_t window) : window_(window), ring_(new std::atomic<uint16_t>[window]) {
  for (size_t i = 0; i < window_; ++i) ring_[i].store(kEmptySlot, std::memory_order_relaxed);
}

inline void TrigramModel::Place(uint64_t pos, uint16_t trigram) {
  constexpr auto kRelaxed = std::memory_order_relaxed;
  const uint16_t old = ring_[pos % window_].exchange(trigram, kRelaxed);
  counts_[trigram].fetch_add(1, kRelaxed);
  types_[trigram % kActionTypeCount].fetch_add(1, kRelaxed);
  if (old != kEmptySlot) {
    counts_[old].fetch_sub(1, kRelaxed);
    types_[old % kActionTypeCount].fetch_sub(1, kRelaxed);
  }
}

void TrigramModel::Observe(int trigram) {
  batches_.Add(static_cast<uint16_t>(trigram), [this](std::span<const uint16_t> batch) {
    uint64_t pos = observed_.fetch_add(batch.size(), std::memory_order_relaxed);
    for (const uint16_t t : batch) Place(pos++, t);
  });
}

uint64_t TrigramModel::WindowSize() const {
  return std::min<uint64_t>(observed_.load(std::memory_order_relaxed), window_);
}

double TrigramModel::Probability(int trigram) const {
  constexpr auto kRelaxed = std::memory_order_relaxed;
  const uint64_t n = WindowSize();
  if (n < kMinSupport) return 1.0;
  // The context's seven 3-grams are adjacent: n(ab.) is seven loads.
  const int context = trigram - trigram % kActionTypeCount;
  uint32_t in_context = 0;
  for (int c = 0; c < kActionTypeCount; ++c) in_context += counts_[context + c].load(kRelaxed);
  const double share = (types_[trigram % kActionTypeCount].load(kRelaxed) + 0.5) /
                       (static_cast<double>(n) + 0.5 * kActionTypeCount);
  const double p = (counts_[trigram].load(kRelaxed) + kContextPrior * share) / (in_context + kContextPrior);
  return std::clamp(p, 1e-12, 1.0);
}

double TrigramModel::Surprisal(int trigram) const { return -std::log(Probability(trigram)); }

}  // namespace nethical::anomaly
