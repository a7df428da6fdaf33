#include "engine/sla/sla_monitor.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "tests/testing/fake_clock.h"

namespace nethical::sla {
namespace {

using std::chrono::seconds;

constexpr int64_t Ms(double ms) { return static_cast<int64_t>(ms * 1e6); }

class SlaMonitorTest : public ::testing::Test {
 protected:
  // n evaluations of `latency_ms` each, at the current time.
  void RecordN(int n, double latency_ms) {
    for (int i = 0; i < n; ++i) monitor_.Record(Ms(latency_ms), clock_.NowNanos());
  }
  SlaReport Report() const { return monitor_.Report(clock_.NowNanos()); }

  FakeClock clock_;
  SlaMonitor monitor_{Config{}};
};

TEST(SlaConfigTest, DefaultsAreTheOriginals) {
  Config c;
  EXPECT_EQ(c.p95_target_ms, 220);
  EXPECT_EQ(c.p99_target_ms, 500);
  EXPECT_EQ(c.mean_target_ms, 100);
  EXPECT_EQ(c.warning_fraction, 0.9);
  EXPECT_EQ(c.window_seconds, 300);
  EXPECT_EQ(c.breach_alert_count, 10);
}

TEST_F(SlaMonitorTest, EmptyWindowIsOk) {
  const SlaReport r = Report();
  EXPECT_EQ(r.count, 0u);
  EXPECT_EQ(r.status, SlaStatus::kOk);
}

TEST_F(SlaMonitorTest, FastEvaluationsAreOk) {
  RecordN(1000, 5);
  const SlaReport r = Report();
  EXPECT_EQ(r.count, 1000u);
  EXPECT_EQ(r.status, SlaStatus::kOk);
  EXPECT_NEAR(r.mean_nanos, Ms(5), 1);
}

TEST_F(SlaMonitorTest, P95AtNinetyOnePercentOfTargetWarns) {
  RecordN(100, 200);  // 200 ms = 91 % of 220 ms; mean 200 > 100 breaches, so check p95 alone
  const SlaReport r = Report();
  EXPECT_EQ(r.p95, SlaStatus::kWarning);
}

TEST_F(SlaMonitorTest, P95AboveTargetBreaches) {
  RecordN(90, 1);
  RecordN(10, 300);  // the slowest 10 %: p95 = 300 ms > 220 ms, p99 300 < 450, mean ~31 ms
  const SlaReport r = Report();
  EXPECT_EQ(r.p95, SlaStatus::kBreach);
  EXPECT_EQ(r.p99, SlaStatus::kOk);
  EXPECT_EQ(r.mean, SlaStatus::kOk);
  EXPECT_EQ(r.status, SlaStatus::kBreach);
}

TEST_F(SlaMonitorTest, P99AboveTargetBreaches) {
  RecordN(985, 1);
  RecordN(15, 600);  // 1.5 % at 600 ms: p99 breaches, p95 does not
  const SlaReport r = Report();
  EXPECT_EQ(r.p99, SlaStatus::kBreach);
  EXPECT_EQ(r.p95, SlaStatus::kOk);
}

TEST_F(SlaMonitorTest, MeanAboveTargetBreaches) {
  RecordN(100, 120);  // every metric is 120 ms: only the 100 ms mean target is exceeded
  const SlaReport r = Report();
  EXPECT_EQ(r.mean, SlaStatus::kBreach);
  EXPECT_EQ(r.p95, SlaStatus::kOk);
}

TEST_F(SlaMonitorTest, PercentilesAreWithinHalfAPercent) {
  for (int ms = 1; ms <= 1000; ++ms) monitor_.Record(Ms(ms), clock_.NowNanos());
  const SlaReport r = Report();
  EXPECT_NEAR(static_cast<double>(r.p95_nanos), Ms(950), Ms(950) * 0.005);
  EXPECT_NEAR(static_cast<double>(r.p99_nanos), Ms(990), Ms(990) * 0.005);
  EXPECT_NEAR(r.mean_nanos, Ms(500.5), 1);
}

TEST_F(SlaMonitorTest, SamplesStayInTheWindowFor270Seconds) {
  RecordN(10, 5);
  clock_.Advance(seconds(268));
  EXPECT_EQ(Report().count, 10u);
}

TEST_F(SlaMonitorTest, SamplesLeaveTheWindowAfter300Seconds) {
  RecordN(10, 5);
  clock_.Advance(seconds(300));
  RecordN(1, 5);
  EXPECT_EQ(Report().count, 1u);
}

TEST_F(SlaMonitorTest, WindowRecoversOnceSlowSamplesLeaveIt) {
  RecordN(100, 900);
  EXPECT_EQ(Report().status, SlaStatus::kBreach);
  clock_.Advance(seconds(301));
  RecordN(100, 5);
  EXPECT_EQ(Report().status, SlaStatus::kOk);
}

TEST_F(SlaMonitorTest, EachBreachedCheckIsCountedOncePerSecond) {
  for (int s = 0; s < 5; ++s) {
    RecordN(50, 900);  // 50 records within one second: one check
    clock_.Advance(seconds(1));
  }
  const SlaReport r = Report();
  EXPECT_EQ(r.checks, 5u);
  EXPECT_EQ(r.breaches, 5u);
  EXPECT_FALSE(r.sustained_breach);
}

TEST_F(SlaMonitorTest, TenConsecutiveBreachedChecksAreASustainedBreach) {
  for (int s = 0; s < 10; ++s) {
    RecordN(5, 900);
    clock_.Advance(seconds(1));
  }
  const SlaReport r = Report();
  EXPECT_EQ(r.consecutive_breaches, 10u);
  EXPECT_TRUE(r.sustained_breach);
}

TEST_F(SlaMonitorTest, AHealthyCheckResetsTheConsecutiveCountButNotTheTotal) {
  for (int s = 0; s < 3; ++s) {
    RecordN(5, 900);
    clock_.Advance(seconds(1));
  }
  clock_.Advance(seconds(300));
  RecordN(5, 1);
  const SlaReport r = Report();
  EXPECT_EQ(r.breaches, 3u);
  EXPECT_EQ(r.consecutive_breaches, 0u);
}

TEST_F(SlaMonitorTest, ReportDoesNotCountChecks) {
  RecordN(5, 900);
  for (int i = 0; i < 20; ++i) (void)Report();
  EXPECT_EQ(Report().checks, 1u);
}

TEST_F(SlaMonitorTest, CustomTargetsAreUsed) {
  Config c;
  c.p95_target_ms = 2;
  c.p99_target_ms = 5;
  c.mean_target_ms = 1;
  SlaMonitor monitor(c);
  for (int i = 0; i < 100; ++i) monitor.Record(Ms(3), clock_.NowNanos());
  const SlaReport r = monitor.Report(clock_.NowNanos());
  EXPECT_EQ(r.p95, SlaStatus::kBreach);
  EXPECT_EQ(r.p99, SlaStatus::kOk);
}

TEST(SlaNamesTest, StatusNames) {
  EXPECT_EQ(SlaStatusName(SlaStatus::kOk), "OK");
  EXPECT_EQ(SlaStatusName(SlaStatus::kWarning), "WARNING");
  EXPECT_EQ(SlaStatusName(SlaStatus::kBreach), "BREACH");
}

// Four threads record at once while one reads (run under --config=tsan too).
TEST(SlaConcurrencyTest, ConcurrentRecordsAreAllCounted) {
  FakeClock clock;
  SlaMonitor monitor{Config{}};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 5000; ++i) monitor.Record(Ms(2), clock.NowNanos());
    });
  threads.emplace_back([&] {
    for (int i = 0; i < 200; ++i) (void)monitor.Report(clock.NowNanos());
  });
  for (auto& th : threads) th.join();
  EXPECT_EQ(monitor.Report(clock.NowNanos()).count, 20000u);
}

// More threads than shards (two share each shard); the periodic check runs
// once per second of the clock however many threads record in it.
TEST(SlaConcurrencyTest, EachSecondIsCheckedOnceWhateverTheThreads) {
  FakeClock clock;
  SlaMonitor monitor{Config{}};
  constexpr int kSeconds = 5;
  for (int second = 0; second < kSeconds; ++second) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 2 * SlaMonitor::kShards; ++t)
      threads.emplace_back([&] {
        for (int i = 0; i < 500; ++i) monitor.Record(Ms(300), clock.NowNanos());  // p95 above 220 ms
      });
    for (auto& th : threads) th.join();
    clock.Advance(std::chrono::seconds(1));
  }
  const SlaReport r = monitor.Report(clock.NowNanos());
  EXPECT_EQ(r.count, static_cast<uint64_t>(kSeconds * 2 * SlaMonitor::kShards * 500));
  EXPECT_EQ(r.checks, static_cast<uint64_t>(kSeconds));
  EXPECT_EQ(r.breaches, static_cast<uint64_t>(kSeconds));
  EXPECT_EQ(r.p95, SlaStatus::kBreach);
}

}  // namespace
}  // namespace nethical::sla
