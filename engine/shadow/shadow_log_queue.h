// A bounded multi-producer, single-consumer queue of shadow log records
// (Vyukov's array queue). TryPush never blocks and never allocates once the
// slots' strings have grown to the ids' sizes: a full queue makes it return
// false, and the caller counts a drop. Exactly one thread may call TryPop.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "engine/model/action.h"
#include "engine/shadow/shadow_input.h"

namespace nethical::shadow {

struct ShadowLogRecord {
  int64_t wall_nanos = 0;
  double ml_score = 0.0;
  double ml_confidence = 0.0;
  double rule_risk = 0.0;
  RuleClass ml_class = RuleClass::kPass;
  std::optional<RuleClass> rule_class;
  bool scores_agree = false;
  bool classes_agree = false;
  uint8_t feature_present_mask = 0;  // bit i: feature i was given
  std::array<double, kShadowFeatureCount> features{};  // clamped, in kShadowFeatureNames order
  std::string agent_id;
  std::string action_id;
};

class ShadowLogQueue {
 public:
  // Holds `capacity` records, rounded up to a power of two (at least 2).
  explicit ShadowLogQueue(size_t capacity);

  // Claims a slot, calls fill(ShadowLogRecord&) on it and publishes it.
  // Returns false, without calling fill, if the queue is full.
  template <typename Fill>
  bool TryPush(Fill&& fill);

  // Single consumer. Moves the oldest record into *out (swapping string
  // buffers so that neither side reallocates); false if empty.
  bool TryPop(ShadowLogRecord* out);

  // Records published and not yet popped (approximate under concurrency).
  size_t ApproximateDepth() const;
  size_t capacity() const { return mask_ + 1; }

 private:
  struct Cell {
    std::atomic<size_t> sequence;
    ShadowLogRecord record;
  };

  const size_t mask_;
  std::unique_ptr<Cell[]> cells_;
  alignas(64) std::atomic<size_t> enqueue_pos_{0};
  alignas(64) std::atomic<size_t> dequeue_pos_{0};
};

template <typename Fill>
bool ShadowLogQueue::TryPush(Fill&& fill) {
  size_t pos = enqueue_pos_.load(std::memory_order_relaxed);
  Cell* cell;
  for (;;) {
    cell = &cells_[pos & mask_];
    const size_t seq = cell->sequence.load(std::memory_order_acquire);
    const intptr_t diff = static_cast<intptr_t>(seq) - static_cast<intptr_t>(pos);
    if (diff == 0) {
      if (enqueue_pos_.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) break;
    } else if (diff < 0) {
      return false;
    } else {
      pos = enqueue_pos_.load(std::memory_order_relaxed);
    }
  }
  fill(cell->record);
  cell->sequence.store(pos + 1, std::memory_order_release);
  return true;
}

}  // namespace nethical::shadow
