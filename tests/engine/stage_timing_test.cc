// Per-stage time attribution: laps charge the time since the previous lap to
// their stage, 1 action in N is sampled, and an engine with stage timing on
// reports samples for exactly the stages that ran. Time is a FakeClock.
#include "engine/stage_timing.h"

#include <gtest/gtest.h>

#include <chrono>
#include <latch>
#include <thread>
#include <vector>

#include "tests/engine/engine_fixture.h"
#include "tests/testing/fake_clock.h"

namespace nethical {
namespace {

using std::chrono::microseconds;

TEST(StageClockTest, EachLapChargesTheTimeSinceThePreviousOne) {
  FakeClock clock;
  StageTimings timings(1);
  {
    StageClock t(&timings, clock);
    clock.Advance(microseconds(3));
    t.Lap(Stage::kInputScreen);
    clock.Advance(microseconds(40));
    t.Lap(Stage::kPii);
    clock.Advance(microseconds(7));
    t.Lap(Stage::kRisk);
  }
  const StageTimingStats s = timings.Snapshot();
  EXPECT_EQ(s.stages[static_cast<int>(Stage::kInputScreen)].sum_ns, 3000u);
  EXPECT_EQ(s.stages[static_cast<int>(Stage::kPii)].sum_ns, 40000u);
  EXPECT_EQ(s.stages[static_cast<int>(Stage::kRisk)].sum_ns, 7000u);
  EXPECT_EQ(s.stages[static_cast<int>(Stage::kQuota)].count, 0u);
  EXPECT_EQ(s.total.count, 1u);
  EXPECT_EQ(s.total.sum_ns, 50000u);
}

TEST(StageClockTest, SamplesOneActionInN) {
  FakeClock clock;
  StageTimings timings(4);
  for (int i = 0; i < 40; ++i) {
    StageClock t(&timings, clock);
    t.Lap(Stage::kInputScreen);
  }
  EXPECT_EQ(timings.Snapshot().total.count, 10u);
  EXPECT_EQ(timings.Snapshot().one_in, 4u);
}

TEST(StageClockTest, SnapshotCountsEveryEndedActionOfConcurrentThreads) {
  FakeClock clock;
  StageTimings timings(1);
  constexpr int kThreads = 3, kActions = 1000;  // not a multiple of the batch
  std::latch done(kThreads + 1), checked(kThreads + 1);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i)
    threads.emplace_back([&] {
      for (int a = 0; a < kActions; ++a) {
        StageClock t(&timings, clock);
        t.Lap(Stage::kInputScreen);
        t.Lap(Stage::kPii);
      }
      done.count_down();
      checked.arrive_and_wait();  // still alive while the snapshot is taken
    });
  done.arrive_and_wait();
  const StageTimingStats s = timings.Snapshot();
  checked.count_down();
  for (auto& t : threads) t.join();
  EXPECT_EQ(s.total.count, uint64_t{kThreads} * kActions);
  EXPECT_EQ(s.stages[static_cast<int>(Stage::kInputScreen)].count, uint64_t{kThreads} * kActions);
  EXPECT_EQ(s.stages[static_cast<int>(Stage::kPii)].count, uint64_t{kThreads} * kActions);
  EXPECT_EQ(s.stages[static_cast<int>(Stage::kRisk)].count, 0u);
}

TEST(StageClockTest, WithoutTimingsNothingIsRead) {
  FakeClock clock;
  StageClock t(nullptr, clock);
  t.Lap(Stage::kPii);  // must not crash, nothing to record
}

TEST(StageHistogramTest, QuantilesWithinTheBucketBound) {
  StageTimings timings(1);
  for (int i = 1; i <= 1000; ++i) {
    ActionStageTimes a;
    a.Add(Stage::kPii, i * 1000);
    timings.AddAction(a);
  }
  const StageTimingStats snapshot = timings.Snapshot();  // h refers into it: keep it alive
  const StageHistogramData& h = snapshot.stages[static_cast<int>(Stage::kPii)];
  EXPECT_NEAR(h.Quantile(0.5), 500'000, 500'000 / 32.0);
  EXPECT_NEAR(h.Quantile(0.99), 990'000, 990'000 / 32.0);
  EXPECT_EQ(h.CountAtOrBelow(1'000'000'000), 1000u);
  EXPECT_EQ(h.CountAtOrBelow(0), 0u);
}

TEST(StageHistogramTest, BucketsTileTheRange) {
  for (int i = 0; i + 1 < kStageBuckets - 1; ++i)
    EXPECT_EQ(StageHistogramData::BucketLow(i) + StageHistogramData::BucketWidth(i),
              StageHistogramData::BucketLow(i + 1))
        << i;
  for (int64_t ns : {0, 1, 15, 16, 17, 31, 32, 1000, 123456789})
    EXPECT_EQ(
        StageHistogramData::BucketIndex(StageHistogramData::BucketLow(StageHistogramData::BucketIndex(ns))),
        StageHistogramData::BucketIndex(ns));
}

class EngineStageTimingTest : public EngineFixture {};

TEST_F(EngineStageTimingTest, ReportsTheStagesThatRanOnSampledActions) {
  EngineConfig c = QuietConfig();
  c.anomaly.enabled = true;
  std::unique_ptr<Engine> engine = Make(c);
  ASSERT_NE(engine, nullptr);
  engine->EnableStageTiming(2);
  for (int i = 0; i < 20; ++i) engine->Evaluate(A("agent-" + std::to_string(i), "summarise the report"));
  const EngineStats stats = engine->Stats();
  ASSERT_TRUE(stats.stages.has_value());
  const auto count = [&](Stage s) { return stats.stages->stages[static_cast<int>(s)].count; };
  EXPECT_EQ(stats.stages->total.count, 10u);
  EXPECT_EQ(count(Stage::kInputScreen), 10u);
  EXPECT_EQ(count(Stage::kPii), 10u);
  EXPECT_EQ(count(Stage::kDetectJudge), 10u);
  EXPECT_EQ(count(Stage::kRisk), 10u);
  EXPECT_EQ(count(Stage::kAnomaly), 10u);
  EXPECT_EQ(count(Stage::kQuota), 0u);        // off
  EXPECT_EQ(count(Stage::kShadowBlend), 0u);  // off
  EXPECT_EQ(count(Stage::kAudit), 0u);        // off
}

TEST_F(EngineStageTimingTest, OffByDefault) {
  std::unique_ptr<Engine> engine = Make(QuietConfig());
  ASSERT_NE(engine, nullptr);
  engine->Evaluate(A("agent-1", "hello"));
  EXPECT_FALSE(engine->Stats().stages.has_value());
}

}  // namespace
}  // namespace nethical
