#include "engine/quota/sliding_window.h"

#include <algorithm>

namespace nethical::quota {

void SlidingWindowLog::Append(int64_t time_ns) {
  if (size_ == ring_.size() && size_ < kCapacity) {
    // Grow, unrolling the ring so the oldest time is at index 0.
    std::vector<int64_t> grown(std::min(kCapacity, std::max<size_t>(8, 2 * size_)));
    for (size_t i = 0; i < size_; ++i) grown[i] = At(i);
    ring_.swap(grown);
    head_ = 0;
  }
  if (size_ == ring_.size()) {
    // Full at kCapacity: overwrite the oldest, as deque(maxlen) does.
    ring_[head_] = time_ns;
    head_ = (head_ + 1) % ring_.size();
    return;
  }
  ring_[(head_ + size_) % ring_.size()] = time_ns;
  ++size_;
}

size_t SlidingWindowLog::CountAtOrAfter(int64_t since_ns) const {
  // First logged time >= since_ns; times are sorted oldest first.
  size_t lo = 0;
  size_t hi = size_;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (At(mid) < since_ns) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return size_ - lo;
}

}  // namespace nethical::quota
