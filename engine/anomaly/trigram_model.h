// The global sequence model (§7.4): counts of action-type 3-grams over a
// sliding window of the last kSequenceWindow 3-grams of all agents, scored
// with additive smoothing (alpha = 1):
//   p     = (c + 1) / (N + V)         c: count of the 3-gram, N: 3-grams in
//                                     the window, V: distinct 3-grams (>= 1)
//   p_min = 1 / (N + V + 1)           an unseen 3-gram
//   score = min(1, ln p / ln p_min), + 0.1 (capped at 1) if c < 2
// Lock-free: counts and the window are atomics, so many threads observe and
// score at once; under concurrency a score may see a neighbour's update
// half-applied, which moves it by at most one count.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>

#include "engine/model/action.h"

namespace nethical::anomaly {

inline constexpr int kTrigramCount = kActionTypeCount * kActionTypeCount * kActionTypeCount;
inline constexpr size_t kSequenceWindow = 10'000;  // the original's window

inline int TrigramId(ActionType a, ActionType b, ActionType c) {
  return (static_cast<int>(a) * kActionTypeCount + static_cast<int>(b)) * kActionTypeCount +
         static_cast<int>(c);
}

struct SequenceScore {
  double score = 0.0;
  double probability = 0.0;
  uint32_t seen = 0;  // count of this 3-gram in the window
};

class TrigramModel {
 public:
  explicit TrigramModel(size_t window = kSequenceWindow);

  // Adds a 3-gram to the window, dropping the oldest once the window is full.
  void Observe(int trigram);
  // Scores a 3-gram against the current window (normally right after
  // observing it, as the original does). REQUIRES: at least one Observe().
  SequenceScore Score(int trigram) const;

  uint32_t Count(int trigram) const { return counts_[trigram].load(std::memory_order_relaxed); }
  uint64_t WindowSize() const;
  int Distinct() const { return distinct_.load(std::memory_order_relaxed); }

 private:
  static constexpr uint16_t kEmptySlot = 0xffff;
  const size_t window_;
  std::unique_ptr<std::atomic<uint16_t>[]> ring_;
  std::array<std::atomic<uint32_t>, kTrigramCount> counts_{};
  std::atomic<int> distinct_{0};
  alignas(64) std::atomic<uint64_t> observed_{0};
};

}  // namespace nethical::anomaly
