#include "engine/base/latency_histogram.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace nethical {
namespace {

int64_t NearestRank(const std::vector<int64_t>& sorted, double q) {
  const size_t rank = std::max<size_t>(1, static_cast<size_t>(std::ceil(q * sorted.size())));
  return sorted[rank - 1];
}

TEST(LatencyHistogramTest, EmptyHistogramReportsZeros) {
  LatencyHistogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.min(), 0);
  EXPECT_EQ(h.max(), 0);
  EXPECT_EQ(h.mean(), 0.0);
  EXPECT_EQ(h.Quantile(0.99), 0);
}

TEST(LatencyHistogramTest, SmallValuesAreExact) {
  LatencyHistogram h;
  for (int v = 0; v < 256; ++v) h.Record(v);
  EXPECT_EQ(h.Quantile(0.5), 127);
  EXPECT_EQ(h.min(), 0);
  EXPECT_EQ(h.max(), 255);
  EXPECT_DOUBLE_EQ(h.mean(), 127.5);
}

TEST(LatencyHistogramTest, BucketsTileTheRangeWithoutGapsAndWithinOnePercentWidth) {
  for (int i = 1; i < LatencyHistogram::kBucketCount; ++i) {
    ASSERT_EQ(LatencyHistogram::BucketLow(i),
              LatencyHistogram::BucketLow(i - 1) + LatencyHistogram::BucketWidth(i - 1))
        << "bucket " << i;
    ASSERT_LE(LatencyHistogram::BucketWidth(i) * 128, std::max<int64_t>(128, LatencyHistogram::BucketLow(i)));
  }
  EXPECT_EQ(LatencyHistogram::BucketIndex(LatencyHistogram::kMaxTrackableNanos - 1),
            LatencyHistogram::kBucketCount - 1);
}

TEST(LatencyHistogramTest, EveryValueLandsInTheBucketThatCoversIt) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 100000; ++i) {
    const int64_t v = static_cast<int64_t>(rng() % LatencyHistogram::kMaxTrackableNanos);
    const int b = LatencyHistogram::BucketIndex(v);
    ASSERT_GE(v, LatencyHistogram::BucketLow(b));
    ASSERT_LT(v, LatencyHistogram::BucketLow(b) + LatencyHistogram::BucketWidth(b));
  }
}

// Property: for random log-normal samples of many scales, every reported
// quantile is within 1% of the exact nearest-rank quantile of the sorted data.
TEST(LatencyHistogramTest, QuantilesWithinOnePercentOfExactOnRandomData) {
  std::mt19937_64 rng(20261129);
  const double qs[] = {0.0, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0};
  for (int trial = 0; trial < 40; ++trial) {
    std::lognormal_distribution<double> dist(std::log(1e3 * (1 << (trial % 20))), 1.5);
    LatencyHistogram h;
    std::vector<int64_t> values;
    const int n = 1000 + 2000 * trial;
    for (int i = 0; i < n; ++i) {
      const int64_t v =
          std::min<int64_t>(static_cast<int64_t>(dist(rng)), LatencyHistogram::kMaxTrackableNanos - 1);
      values.push_back(v);
      h.Record(v);
    }
    std::sort(values.begin(), values.end());
    for (double q : qs) {
      const double exact = static_cast<double>(NearestRank(values, q));
      const double got = static_cast<double>(h.Quantile(q));
      ASSERT_LE(std::abs(got - exact), 0.01 * exact + 0.5) << "trial " << trial << " q " << q;
    }
    EXPECT_EQ(h.min(), values.front());
    EXPECT_EQ(h.max(), values.back());
    EXPECT_EQ(h.count(), values.size());
  }
}

TEST(LatencyHistogramTest, ValuesAboveTheRangeKeepAnExactMax) {
  LatencyHistogram h;
  h.Record(LatencyHistogram::kMaxTrackableNanos * 4);
  EXPECT_EQ(h.max(), LatencyHistogram::kMaxTrackableNanos * 4);
  EXPECT_EQ(h.Quantile(1.0), h.max());
}

TEST(LatencyHistogramTest, NegativeValuesCountAsZero) {
  LatencyHistogram h;
  h.Record(-5);
  EXPECT_EQ(h.min(), 0);
  EXPECT_EQ(h.count(), 1u);
}

TEST(LatencyHistogramTest, MergeEqualsRecordingEverythingInOne) {
  LatencyHistogram a, b, all, merged;
  std::mt19937_64 rng(3);
  for (int i = 0; i < 5000; ++i) {
    const int64_t v = static_cast<int64_t>(rng() % 10'000'000);
    (i % 3 == 0 ? a : b).Record(v);
    all.Record(v);
  }
  merged.MergeFrom(a);
  merged.MergeFrom(b);
  for (double q : {0.5, 0.9, 0.99, 1.0}) EXPECT_EQ(merged.Quantile(q), all.Quantile(q));
  EXPECT_EQ(merged.count(), all.count());
  EXPECT_EQ(merged.min(), all.min());
  EXPECT_DOUBLE_EQ(merged.mean(), all.mean());
}

// One writer, one concurrent reader merging snapshots (as the progress line
// does): the reader's counts never go backwards and the final merge is exact.
TEST(LatencyHistogramTest, ReaderMayMergeWhileTheOwnerRecords) {
  LatencyHistogram h;
  constexpr int kSamples = 200000;
  std::thread writer([&] {
    for (int i = 0; i < kSamples; ++i) h.Record(i % 5000);
  });
  uint64_t last = 0;
  for (int i = 0; i < 50; ++i) {
    LatencyHistogram snapshot;
    snapshot.MergeFrom(h);
    EXPECT_GE(snapshot.count(), last);
    last = snapshot.count();
    (void)snapshot.Quantile(0.99);
  }
  writer.join();
  LatencyHistogram final_copy;
  final_copy.MergeFrom(h);
  EXPECT_EQ(final_copy.count(), static_cast<uint64_t>(kSamples));
}

}  // namespace
}  // namespace nethical
