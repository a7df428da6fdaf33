#include "engine/base/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace nethical {
namespace {

constexpr int kLinear = 1 << LatencyHistogram::kLinearBits;  // 256
constexpr int kHalf = kLinear / 2;                           // 128 sub-buckets per octave

}  // namespace

int LatencyHistogram::BucketIndex(int64_t nanos) {
  if (nanos < kLinear) return static_cast<int>(nanos);
  if (nanos >= kMaxTrackableNanos) nanos = kMaxTrackableNanos - 1;
  // shift: how far to move nanos right so that it lands in [128, 256).
  const int shift = std::bit_width(static_cast<uint64_t>(nanos)) - kLinearBits;
  return kLinear + (shift - 1) * kHalf + static_cast<int>((nanos >> shift) - kHalf);
}

int64_t LatencyHistogram::BucketLow(int index) {
  if (index < kLinear) return index;
  const int shift = (index - kLinear) / kHalf + 1;
  const int64_t sub = (index - kLinear) % kHalf + kHalf;
  return sub << shift;
}

int64_t LatencyHistogram::BucketWidth(int index) {
  if (index < kLinear) return 1;
  return int64_t{1} << ((index - kLinear) / kHalf + 1);
}

void LatencyHistogram::MergeFrom(const LatencyHistogram& other) {
  for (int i = 0; i < kBucketCount; ++i) {
    const uint64_t c = other.counts_[i].load(std::memory_order_relaxed);
    if (c != 0) SingleWriterAdd(counts_[i], c);
  }
  SingleWriterAdd(count_, other.count_.load(std::memory_order_relaxed));
  SingleWriterAdd(sum_, other.sum_.load(std::memory_order_relaxed));
  const int64_t omin = other.min_.load(std::memory_order_relaxed);
  const int64_t omax = other.max_.load(std::memory_order_relaxed);
  if (omin < min_.load(std::memory_order_relaxed)) min_.store(omin, std::memory_order_relaxed);
  if (omax > max_.load(std::memory_order_relaxed)) max_.store(omax, std::memory_order_relaxed);
}

void LatencyHistogram::AddBuckets(const uint64_t* counts, int n, uint64_t sum, int64_t min, int64_t max) {
  uint64_t total = 0;
  for (int i = 0; i < n && i < kBucketCount; ++i) {
    if (counts[i] == 0) continue;
    SingleWriterAdd(counts_[i], counts[i]);
    total += counts[i];
  }
  if (total == 0) return;
  SingleWriterAdd(count_, total);
  SingleWriterAdd(sum_, sum);
  if (min < min_.load(std::memory_order_relaxed)) min_.store(min, std::memory_order_relaxed);
  if (max > max_.load(std::memory_order_relaxed)) max_.store(max, std::memory_order_relaxed);
}

int64_t LatencyHistogram::min() const {
  const int64_t m = min_.load(std::memory_order_relaxed);
  return m == INT64_MAX ? 0 : m;
}

double LatencyHistogram::mean() const {
  const uint64_t n = count();
  return n == 0 ? 0.0 : static_cast<double>(sum_.load(std::memory_order_relaxed)) / n;
}

int64_t LatencyHistogram::Quantile(double q) const {
  // Sum the buckets rather than trusting count_: a concurrent writer may
  // have bumped one but not yet the other.
  uint64_t total = 0;
  for (const auto& c : counts_) total += c.load(std::memory_order_relaxed);
  if (total == 0) return 0;
  if (q >= 1.0) return max();
  q = std::max(q, 0.0);
  const uint64_t rank = std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(q * total)));
  uint64_t seen = 0;
  for (int i = 0; i < kBucketCount; ++i) {
    seen += counts_[i].load(std::memory_order_relaxed);
    if (seen >= rank) {
      const int64_t mid = BucketLow(i) + (BucketWidth(i) - 1) / 2;
      return std::clamp(mid, min(), std::max(min(), max()));
    }
  }
  return max();
}

}  // namespace nethical
