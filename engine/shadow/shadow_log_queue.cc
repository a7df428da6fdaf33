#include "engine/shadow/shadow_log_queue.h"

#include <utility>

namespace nethical::shadow {
namespace {

size_t RoundUpToPowerOfTwo(size_t n) {
  size_t p = 2;
  while (p < n) p <<= 1;
  return p;
}

}  // namespace

ShadowLogQueue::ShadowLogQueue(size_t capacity)
    : mask_(RoundUpToPowerOfTwo(capacity) - 1), cells_(new Cell[mask_ + 1]) {
  for (size_t i = 0; i <= mask_; ++i) cells_[i].sequence.store(i, std::memory_order_relaxed);
}

bool ShadowLogQueue::TryPop(ShadowLogRecord* out) {
  const size_t pos = dequeue_pos_.load(std::memory_order_relaxed);
  Cell& cell = cells_[pos & mask_];
  if (cell.sequence.load(std::memory_order_acquire) != pos + 1) return false;
  ShadowLogRecord& r = cell.record;
  out->wall_nanos = r.wall_nanos;
  out->ml_score = r.ml_score;
  out->ml_confidence = r.ml_confidence;
  out->rule_risk = r.rule_risk;
  out->ml_class = r.ml_class;
  out->rule_class = r.rule_class;
  out->scores_agree = r.scores_agree;
  out->classes_agree = r.classes_agree;
  out->feature_present_mask = r.feature_present_mask;
  out->features = r.features;
  std::swap(out->agent_id, r.agent_id);
  std::swap(out->action_id, r.action_id);
  cell.sequence.store(pos + mask_ + 1, std::memory_order_release);
  dequeue_pos_.store(pos + 1, std::memory_order_relaxed);
  return true;
}

size_t ShadowLogQueue::ApproximateDepth() const {
  const size_t enq = enqueue_pos_.load(std::memory_order_relaxed);
  const size_t deq = dequeue_pos_.load(std::memory_order_relaxed);
  return enq > deq ? enq - deq : 0;
}

}  // namespace nethical::shadow
