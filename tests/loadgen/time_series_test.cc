// The per-second time series: each bucket holds its own second's figures
// (not the run's so far), bounded memory by pairwise merging, and the
// bucket's SLO state. Time is a FakeClock driven by hand; the monitor's
// thread is never started.
#include "loadgen/time_series.h"

#include <chrono>
#include <numeric>

#include "gtest/gtest.h"
#include "loadgen/run_monitor.h"
#include "tests/testing/fake_clock.h"

namespace nethical::loadgen {
namespace {

using std::chrono::seconds;

constexpr int64_t kMs = 1'000'000;

class TimeSeriesTest : public ::testing::Test {
 protected:
  TimeSeriesTest()
      : recorder_(1, RecorderOptions{}, nullptr, clock_), monitor_(recorder_, clock_, 1'000'000'000) {}

  // `n` successful actions finishing now with this response time.
  void Complete(int n, int64_t response_ns, bool ok = true) {
    for (int i = 0; i < n; ++i) {
      Sample s;
      s.finished_ns = clock_.NowNanos();
      s.intended_ns = s.started_ns = s.finished_ns - response_ns;
      s.ok = ok;
      s.decision = Decision::kAllow;
      if (!ok) s.error_class = "Boom";
      recorder_.worker(0).Record(s);
    }
  }
  void Tick() {
    clock_.Advance(seconds(1));
    monitor_.SampleNow();
  }

  FakeClock clock_;
  Recorder recorder_;
  RunMonitor monitor_;
};

TEST_F(TimeSeriesTest, EachBucketHoldsOnlyItsOwnSecond) {
  TimeSeries series(TimeSeriesOptions{});
  monitor_.Add(&series);
  Complete(100, 2 * kMs);
  Tick();
  Complete(50, 40 * kMs);
  Tick();
  ASSERT_EQ(series.points().size(), 2u);
  const TimeSeriesPoint& first = series.points()[0];
  const TimeSeriesPoint& second = series.points()[1];
  EXPECT_DOUBLE_EQ(first.start_s, 0);
  EXPECT_DOUBLE_EQ(first.end_s, 1);
  EXPECT_EQ(first.completed, 100u);
  EXPECT_NEAR(first.response_p99_ns, 2 * kMs, 2 * kMs / 256);
  EXPECT_EQ(second.completed, 50u);
  EXPECT_NEAR(second.response_p50_ns, 40 * kMs, 40 * kMs / 256);
  EXPECT_DOUBLE_EQ(second.achieved_rps(), 50);
}

TEST_F(TimeSeriesTest, PlannedRateComesFromTheSchedule) {
  TimeSeriesOptions o;
  o.planned_before = [](double t) { return 200 * t; };  // 200/s
  TimeSeries series(o);
  monitor_.Add(&series);
  Tick();
  ASSERT_EQ(series.points().size(), 1u);
  EXPECT_DOUBLE_EQ(series.points()[0].planned_rps(), 200);
  EXPECT_DOUBLE_EQ(series.points()[0].achieved_rps(), 0);
}

TEST_F(TimeSeriesTest, NoBucketClosesWellBeforeItsNominalEnd) {
  TimeSeries series(TimeSeriesOptions{});
  monitor_.Add(&series);
  clock_.Advance(std::chrono::milliseconds(900));
  monitor_.SampleNow();
  EXPECT_TRUE(series.points().empty());
}

TEST_F(TimeSeriesTest, BucketsFollowNominalSecondsWhateverTheTickJitter) {
  TimeSeries series(TimeSeriesOptions{});
  monitor_.Add(&series);
  clock_.Advance(std::chrono::milliseconds(1010));  // a tick 10 ms late
  monitor_.SampleNow();
  clock_.Advance(std::chrono::milliseconds(985));  // the next 5 ms early: still second 2
  monitor_.SampleNow();
  ASSERT_EQ(series.points().size(), 2u);
  EXPECT_DOUBLE_EQ(series.points()[0].end_s, 1.010);
  EXPECT_DOUBLE_EQ(series.points()[1].end_s, 1.995);
}

TEST_F(TimeSeriesTest, FinishClosesThePartialLastBucket) {
  TimeSeries series(TimeSeriesOptions{});
  monitor_.Add(&series);
  Tick();
  clock_.Advance(std::chrono::milliseconds(400));
  Complete(10, kMs);
  monitor_.Finish();
  ASSERT_EQ(series.points().size(), 2u);
  EXPECT_DOUBLE_EQ(series.points()[1].seconds(), 0.4);
  EXPECT_EQ(series.points()[1].completed, 10u);
}

TEST_F(TimeSeriesTest, BucketFailsItsSloOnlyWhereLatencyBroke) {
  TimeSeriesOptions o;
  o.slo.p95_ms = 200;
  o.slo.p99_ms = 500;
  TimeSeries series(o);
  monitor_.Add(&series);
  Complete(100, 10 * kMs);
  Tick();
  Complete(100, 900 * kMs);
  Tick();
  Complete(100, 10 * kMs);
  Tick();
  ASSERT_EQ(series.points().size(), 3u);
  EXPECT_TRUE(series.points()[0].slo_passed());
  EXPECT_EQ(series.points()[1].slo_failures, kSloFailP95 | kSloFailP99);
  EXPECT_EQ(SloFailureNames(series.points()[1].slo_failures), "p95,p99");
  EXPECT_TRUE(series.points()[2].slo_passed());
}

TEST_F(TimeSeriesTest, BucketFailsOnItsErrorRate) {
  TimeSeries series(TimeSeriesOptions{});
  monitor_.Add(&series);
  Complete(90, kMs);
  Complete(10, kMs, /*ok=*/false);
  Tick();
  ASSERT_EQ(series.points().size(), 1u);
  EXPECT_EQ(series.points()[0].errors, 10u);
  EXPECT_EQ(series.points()[0].slo_failures, kSloFailErrors);
}

TEST_F(TimeSeriesTest, MemoryStaysBoundedByMergingNeighbours) {
  TimeSeriesOptions o;
  o.max_buckets = 4;
  TimeSeries series(o);
  monitor_.Add(&series);
  for (int s = 0; s < 37; ++s) {
    Complete(10, (s + 1) * kMs);
    Tick();
  }
  monitor_.Finish();  // the open (wider) bucket holds the last seconds
  EXPECT_LE(series.points().size(), 4u);
  const uint64_t total =
      std::accumulate(series.points().begin(), series.points().end(), uint64_t{0},
                      [](uint64_t n, const TimeSeriesPoint& p) { return n + p.completed; });
  EXPECT_EQ(total, 370u);
  EXPECT_DOUBLE_EQ(series.points().front().start_s, 0);
  // Contiguous: each point starts where the previous ended.
  for (size_t i = 1; i < series.points().size(); ++i)
    EXPECT_DOUBLE_EQ(series.points()[i].start_s, series.points()[i - 1].end_s);
  EXPECT_GT(series.bucket_ns(), 1'000'000'000);
  EXPECT_GT(series.points().front().merged, 1u);
}

TEST(MergePointsTest, CountsAddP50IsWeightedAndTailsTakeTheLarger) {
  TimeSeriesPoint a, b;
  a.start_s = 0, a.end_s = 1, b.start_s = 1, b.end_s = 2;
  a.completed = 30, b.completed = 10;
  a.planned = 30, b.planned = 10;
  a.response_p50_ns = 1000, b.response_p50_ns = 5000;
  a.response_p99_ns = 9000, b.response_p99_ns = 7000;
  b.slo_failures = kSloFailP99;
  const TimeSeriesPoint m = MergePoints(a, b);
  EXPECT_DOUBLE_EQ(m.start_s, 0);
  EXPECT_DOUBLE_EQ(m.end_s, 2);
  EXPECT_EQ(m.completed, 40u);
  EXPECT_DOUBLE_EQ(m.planned_rps(), 20);
  EXPECT_EQ(m.response_p50_ns, 2000);
  EXPECT_EQ(m.response_p99_ns, 9000);
  EXPECT_EQ(m.slo_failures, kSloFailP99);
  EXPECT_EQ(m.merged, 2u);
}

TEST(TimeSeriesCsvTest, HeaderThenOneRowPerPoint) {
  TimeSeriesPoint p;
  p.start_s = 0, p.end_s = 1, p.completed = 5, p.planned = 5;
  p.response_p99_ns = 2'500'000;
  p.decisions[0] = 5;
  p.slo_failures = kSloFailP95 | kSloFailP99;
  const std::string csv = RenderTimeSeriesCsv({p});
  const size_t eol = csv.find('\n');
  EXPECT_EQ(csv.substr(0, eol).rfind("start_s,end_s,planned_rps,achieved_rps,completed,", 0), 0u);
  EXPECT_NE(csv.find(",ALLOW,"), std::string::npos);
  EXPECT_EQ(csv.substr(eol + 1, 26), "0,1,5,5,5,0,0,0,0,2.5,0,0,");
  EXPECT_NE(csv.find("false,\"p95,p99\",1\n"), std::string::npos);
}

}  // namespace
}  // namespace nethical::loadgen
