// The global sequence model (§7.4): counts of action-type 3-grams over a
// sliding window of the last kSequenceWindow 3-grams of all agents, and how
// surprising an action's type is after the two before it:
//
//   p(c | a b) = (n(abc) + K u(c)) / (n(ab.) + K)      K = kContextPrior
//   u(c)       = (n(..c) + 1/2) / (N + 7/2)            the type's own share
//
// n(abc): the 3-gram's count, n(ab.): its context's count, N: 3-grams in the
// window. A context seen rarely falls back to the type's share u(c) (a
// Dirichlet prior of weight K), so a sparse window does not make everything
// look rare; below kMinSupport 3-grams in the window nothing is scored
// (surprisal 0). The estimate does not depend on how full the window is: a
// benign stream's score distribution is the same in its first minute and
// its hundredth. The agent-level score over its last few surprisals is
// anomaly_detector.h's business.
//
// Thread-safe: counts and the window are atomics, so many threads observe
// and score at once; under concurrency a score may see a neighbour's update
// half-applied, which moves it by at most one count. While one thread
// observes, each 3-gram joins the window at once. From the moment a second
// thread observes, each thread's 3-grams join in batches of
// kObserveBatch (engine/base/thread_batches.h): the window then lags by up
// to kObserveBatch - 1 3-grams per thread (31 of 10,000), and its shared
// counters move between cores once per batch rather than six times per
// action, which had made a second thread add almost nothing (docs/anomaly.md).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>

#include "engine/base/thread_batches.h"
#include "engine/model/action.h"

namespace nethical::anomaly {

inline constexpr int kTrigramCount = kActionTypeCount * kActionTypeCount * kActionTypeCount;
inline constexpr size_t kSequenceWindow = 10'000;  // the original's window
inline constexpr double kContextPrior = 200;       // K above
inline constexpr uint64_t kMinSupport = 1000;      // 3-grams in the window before scoring
inline constexpr size_t kObserveBatch = 32;        // per thread, once two threads observe

inline int TrigramId(ActionType a, ActionType b, ActionType c) {
  return (static_cast<int>(a) * kActionTypeCount + static_cast<int>(b)) * kActionTypeCount +
         static_cast<int>(c);
}

class TrigramModel {
 public:
  explicit TrigramModel(size_t window = kSequenceWindow);

  // Adds a 3-gram to the window, dropping the oldest once the window is full
  // (batched per thread once a second thread observes, see above).
  void Observe(int trigram);
  // p(c | a b) as above, from the window as it is (normally scored before the
  // action's own 3-gram is observed). 1 below kMinSupport.
  double Probability(int trigram) const;
  // -ln Probability(trigram), in nats (0 below kMinSupport).
  double Surprisal(int trigram) const;

  uint32_t Count(int trigram) const { return counts_[trigram].load(std::memory_order_relaxed); }
  uint32_t TypeCount(ActionType t) const {
    return types_[static_cast<int>(t)].load(std::memory_order_relaxed);
  }
  uint64_t WindowSize() const;

 private:
  static constexpr uint16_t kEmptySlot = 0xffff;
  // Puts the 3-gram at window position `pos` (observed count), replacing
  // the one there.
  void Place(uint64_t pos, uint16_t trigram);

  const size_t window_;
  std::unique_ptr<std::atomic<uint16_t>[]> ring_;
  std::array<std::atomic<uint32_t>, kTrigramCount> counts_{};
  std::array<std::atomic<uint32_t>, kActionTypeCount> types_{};  // n(..c)
  alignas(64) std::atomic<uint64_t> observed_{0};
  ThreadBatches<uint16_t, kObserveBatch> batches_;
};

}  // namespace nethical::anomaly
