// LatencyHistogram: a log-linear (HDR-style) histogram of non-negative
// nanosecond values with constant memory (4,608 counters, 36 KiB) and a
// bounded relative error.
//
//   LatencyHistogram h;
//   h.Record(elapsed_ns);              // owner thread only, ~1.5 ns
//   int64_t p99 = h.Quantile(0.99);    // any thread, any time
//
// Layout: values below 256 ns have their own counter; above, each power of
// two [2^e, 2^(e+1)) is cut into 128 equal sub-buckets, so a bucket is never
// wider than 1/128 of its lower bound. Quantile() reports the midpoint of the
// bucket that holds the nearest-rank sample, clamped to the exact min and
// max, so its relative error is at most 1/256 (0.4%) for values below
// kMaxTrackableNanos (2^42 ns, 73 minutes). Larger values are counted in the
// top bucket; max() stays exact.
//
// The layout is HdrHistogram's for lowest discernible value 1, highest
// trackable value 2^42 - 1 and 2 significant digits: bucket i here is
// counts index i there, so a histogram travels losslessly in HdrHistogram's
// standard encodings (loadgen/hdr_encoding.h) and other tools read it.
//
// Thread safety: one writer (Record, MergeFrom, AddBuckets) at a time; any number
// of concurrent readers. Counters are single-writer atomics (relaxed
// load+store, no read-modify-write), so recording costs as much as a plain
// increment and a progress reader never sees a torn counter. A reader racing
// the writer sees a snapshot that may lag by a few samples.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>

#include "engine/base/single_writer_counter.h"

namespace nethical {

class LatencyHistogram {
 public:
  static constexpr int kLinearBits = 8;  // exact below 256
  static constexpr int64_t kMaxTrackableNanos = int64_t{1} << 42;
  static constexpr int kBucketCount = 4608;

  LatencyHistogram() = default;
  LatencyHistogram(const LatencyHistogram&) = delete;
  LatencyHistogram& operator=(const LatencyHistogram&) = delete;

  // Records one value; negative values count as 0.
  void Record(int64_t nanos) {
    if (nanos < 0) nanos = 0;
    SingleWriterAdd<uint64_t>(counts_[BucketIndex(nanos)], 1);
    SingleWriterAdd<uint64_t>(count_, 1);
    SingleWriterAdd<uint64_t>(sum_, static_cast<uint64_t>(nanos));
    if (nanos < min_.load(std::memory_order_relaxed)) min_.store(nanos, std::memory_order_relaxed);
    if (nanos > max_.load(std::memory_order_relaxed)) max_.store(nanos, std::memory_order_relaxed);
  }

  // Adds every sample of `other` (which may be written concurrently).
  void MergeFrom(const LatencyHistogram& other);

  // Adds a histogram recorded elsewhere (e.g. decoded from a JSON summary):
  // `counts` per bucket (at most kBucketCount entries, the rest are 0) and
  // its exact sum, min and max, so min(), max() and mean() stay exact.
  // A histogram with no samples (every count 0) adds nothing.
  void AddBuckets(const uint64_t* counts, int n, uint64_t sum, int64_t min, int64_t max);

  uint64_t count() const { return count_.load(std::memory_order_relaxed); }
  // The exact sum of every recorded value, in ns.
  uint64_t sum() const { return sum_.load(std::memory_order_relaxed); }
  // 0 when empty.
  int64_t min() const;
  int64_t max() const { return max_.load(std::memory_order_relaxed); }
  double mean() const;
  // The nearest-rank q-quantile (0 <= q <= 1), within the error bound above;
  // 0 when empty. Quantile(1) is max() exactly.
  int64_t Quantile(double q) const;

  // Exposed for tests of the layout.
  static int BucketIndex(int64_t nanos);
  static int64_t BucketLow(int index);
  static int64_t BucketWidth(int index);
  // The samples in bucket `index` (0 <= index < kBucketCount); for readers
  // that diff two snapshots (interval quantiles, exporters).
  uint64_t CountAt(int index) const { return counts_[index].load(std::memory_order_relaxed); }

 private:
  std::array<std::atomic<uint64_t>, kBucketCount> counts_{};
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_{0};
  std::atomic<int64_t> min_{INT64_MAX};
  std::atomic<int64_t> max_{0};
};

}  // namespace nethical
