// SlidingWindowLog: the original's per-entity request log (compat mode), a
// `deque(maxlen=1000)` of the times of admitted requests. When full, an
// append drops the oldest time; that cap is why the original cannot measure
// more than 1000 requests per 60 s window (16.7 req/s).
//
// Times must be appended in non-decreasing order (the compat enforcer reads
// the clock while it holds the entity's lock), which lets CountAtOrAfter
// binary-search instead of rescanning all 1000 entries as the original did.
// Storage grows with use up to kCapacity times (8 KB).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nethical::quota {

class SlidingWindowLog {
 public:
  static constexpr size_t kCapacity = 1000;

  // REQUIRES: empty() or time_ns >= newest().
  void Append(int64_t time_ns);

  // How many logged times are >= since_ns.
  size_t CountAtOrAfter(int64_t since_ns) const;

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  // REQUIRES: !empty().
  int64_t newest() const { return At(size_ - 1); }

 private:
  // The i-th oldest logged time.
  int64_t At(size_t i) const { return ring_[(head_ + i) % ring_.size()]; }

  std::vector<int64_t> ring_;
  size_t head_ = 0;  // index of the oldest time in ring_
  size_t size_ = 0;
};

}  // namespace nethical::quota
