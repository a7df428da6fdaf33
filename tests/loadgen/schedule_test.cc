#include "loadgen/schedule.h"

#include <cmath>
#include <map>
#include <vector>

#include "gtest/gtest.h"
#include "loadgen/rate_profile.h"
#include "loadgen/send_source.h"

namespace nethical::loadgen {
namespace {

TEST(RateProfileTest, ConstantProfileCountsSendsLinearly) {
  const RateProfile p = RateProfile::Constant(2000, 10);
  EXPECT_DOUBLE_EQ(p.SendsBefore(1.0), 2000);
  EXPECT_DOUBLE_EQ(p.TotalSends(), 20000);
  EXPECT_DOUBLE_EQ(p.TimeOfSend(4000), 2.0);
}

TEST(RateProfileTest, RampFromZeroPlacesSendsOnASquareRootCurve) {
  // r(t) = 100 t for 10 s: Λ(t) = 50 t^2, so the u-th send is at sqrt(u/50).
  const RateProfile p = RateProfile::Ramp(0, 1000, 10, 10);
  EXPECT_DOUBLE_EQ(p.TotalSends(), 5000);
  for (double u : {1.0, 50.0, 200.0, 1234.0, 4999.0})
    EXPECT_NEAR(p.TimeOfSend(u), std::sqrt(u / 50), 1e-12) << u;
  EXPECT_NEAR(p.RateAt(5), 500, 1e-9);
}

TEST(RateProfileTest, RampHoldsTheTargetRateAfterTheRamp) {
  const RateProfile p = RateProfile::Ramp(100, 300, 2, 5);
  // Ramp: (100+300)/2 * 2 = 400 sends, then 300/s for 3 s.
  EXPECT_DOUBLE_EQ(p.SendsBefore(2), 400);
  EXPECT_DOUBLE_EQ(p.TotalSends(), 1300);
  EXPECT_NEAR(p.TimeOfSend(700), 3.0, 1e-12);
}

TEST(RateProfileTest, StepProfileRaisesTheRateInEqualSlices) {
  const RateProfile p = RateProfile::Step(400, 4, 8);  // 100, 200, 300, 400 for 2 s each
  EXPECT_DOUBLE_EQ(p.RateAt(1), 100);
  EXPECT_DOUBLE_EQ(p.RateAt(7.9), 400);
  EXPECT_DOUBLE_EQ(p.SendsBefore(2), 200);
  EXPECT_DOUBLE_EQ(p.TotalSends(), 2000);
  EXPECT_NEAR(p.TimeOfSend(200 + 400 + 150), 4.5, 1e-12);  // 0.5 s into the third step
}

TEST(RateProfileTest, SpikeMultipliesTheRateForItsWindowOnly) {
  const RateProfile p = RateProfile::Spike(100, 5, 4, 2, 10);
  EXPECT_DOUBLE_EQ(p.RateAt(3.99), 100);
  EXPECT_DOUBLE_EQ(p.RateAt(4), 500);
  EXPECT_DOUBLE_EQ(p.RateAt(6), 100);
  EXPECT_DOUBLE_EQ(p.TotalSends(), 100 * 8 + 500 * 2);
  EXPECT_NEAR(p.TimeOfSend(400 + 500), 5.0, 1e-12);
}

TEST(EvenScheduleTest, IntendedTimesAreExactMultiplesOfTheInterval) {
  const RateProfile p = RateProfile::Constant(2000, 2);
  const EvenSchedule s(p, 7);
  ASSERT_EQ(s.total(), 4000u);
  for (uint64_t k = 0; k < s.total(); ++k)
    ASSERT_EQ(s.At(k).intended_ns, static_cast<int64_t>(k) * 500'000) << k;
}

TEST(EvenScheduleTest, TotalIsTheCeilingOfRateTimesDurationLikeTheOriginal) {
  EXPECT_EQ(EvenSendCount(RateProfile::Constant(50, 60)), 3000u);
  EXPECT_EQ(EvenSendCount(RateProfile::Constant(2.5, 3)), 8u);
  EXPECT_EQ(EvenSendCount(RateProfile::Constant(0.1, 30)), 3u);  // 0.1*30 = 3.0000000000000004
}

TEST(EvenScheduleTest, EachAgentSendsAtItsShareOfTheRateWithItsOwnPhase) {
  const RateProfile p = RateProfile::Constant(50, 60);
  const EvenSchedule s(p, 100);
  std::map<uint32_t, std::vector<int64_t>> times;
  for (uint64_t k = 0; k < s.total(); ++k) times[s.At(k).agent].push_back(s.At(k).intended_ns);
  ASSERT_EQ(times.size(), 100u);
  for (const auto& [agent, t] : times) {
    ASSERT_EQ(t.size(), 30u);               // 3000 sends / 100 agents
    EXPECT_EQ(t[0], agent * 20'000'000LL);  // phase i / rps
    for (size_t n = 1; n < t.size(); ++n) ASSERT_EQ(t[n] - t[n - 1], 2'000'000'000LL);  // agents / rps
  }
}

TEST(EvenScheduleTest, RemainderSendsGoToTheFirstAgentsLikeTheOriginal) {
  const RateProfile p = RateProfile::Constant(10.3, 1);  // ceil(10.3) = 11 sends
  const EvenSchedule s(p, 4);
  std::map<uint32_t, int> count;
  for (uint64_t k = 0; k < s.total(); ++k) {
    ++count[s.At(k).agent];
    EXPECT_EQ(s.At(k).agent_seq, k / 4);
  }
  EXPECT_EQ(count[0], 3);
  EXPECT_EQ(count[2], 3);
  EXPECT_EQ(count[3], 2);
}

TEST(SequencedScheduleTest, WithoutStaggerOrPoissonItEqualsTheEvenSchedule) {
  const RateProfile p = RateProfile::Ramp(10, 500, 3, 5);
  const EvenSchedule even(p, 13);
  SequencedSchedule seq(p, 13, ArrivalOptions{});
  PlannedSend got;
  for (uint64_t k = 0; k < even.total(); ++k) {
    ASSERT_TRUE(seq.Next(&got));
    const PlannedSend want = even.At(k);
    ASSERT_EQ(got.index, want.index);
    ASSERT_EQ(got.agent, want.agent) << k;
    ASSERT_EQ(got.agent_seq, want.agent_seq);
    ASSERT_EQ(got.intended_ns, want.intended_ns);
  }
  EXPECT_FALSE(seq.Next(&got));
}

TEST(SequencedScheduleTest, StaggerDelaysAgentIByIStepsCappedAtOneSecond) {
  const RateProfile p = RateProfile::Constant(100, 2);
  ArrivalOptions o;
  o.stagger_ns = 300'000'000;  // 300 ms: agents 0..3 at 0, 0.3, 0.6, 0.9 s; agent 4 capped at 1 s
  SequencedSchedule seq(p, 5, o);
  std::map<uint32_t, int64_t> first;
  PlannedSend s;
  int64_t last = 0;
  uint64_t n = 0;
  while (seq.Next(&s)) {
    ASSERT_GE(s.intended_ns, last);  // dispatched in time order
    last = s.intended_ns;
    first.emplace(s.agent, s.intended_ns);
    ++n;
  }
  EXPECT_EQ(n, 200u);
  EXPECT_EQ(first[1], 10'000'000 + 300'000'000);
  EXPECT_EQ(first[3], 30'000'000 + 900'000'000);
  EXPECT_EQ(first[4], 40'000'000 + 1'000'000'000);
}

TEST(SequencedScheduleTest, PoissonArrivalsAreSeededAndHaveTheTargetRate) {
  const RateProfile p = RateProfile::Constant(1000, 20);
  ArrivalOptions o;
  o.poisson = true;
  o.seed = 42;
  SequencedSchedule a(p, 10, o), b(p, 10, o);
  PlannedSend sa, sb;
  uint64_t n = 0;
  int64_t last = 0;
  double sum_sq_gap = 0, sum_gap = 0;
  while (a.Next(&sa)) {
    ASSERT_TRUE(b.Next(&sb));
    ASSERT_EQ(sa.intended_ns, sb.intended_ns);  // same seed, same run
    ASSERT_EQ(sa.agent, sb.agent);
    const double gap = (sa.intended_ns - last) / 1e6;
    sum_gap += gap;
    sum_sq_gap += gap * gap;
    last = sa.intended_ns;
    ++n;
  }
  EXPECT_FALSE(b.Next(&sb));
  // 20,000 expected; the count of a Poisson process has sd sqrt(20000) = 141.
  EXPECT_NEAR(static_cast<double>(n), 20000, 5 * 141);
  // Exponential gaps: mean 1 ms and coefficient of variation 1.
  const double mean = sum_gap / n;
  const double cv = std::sqrt(sum_sq_gap / n - mean * mean) / mean;
  EXPECT_NEAR(mean, 1.0, 0.05);
  EXPECT_NEAR(cv, 1.0, 0.05);
}

TEST(SequencedScheduleTest, DifferentSeedsGiveDifferentPoissonRuns) {
  const RateProfile p = RateProfile::Constant(1000, 1);
  ArrivalOptions o;
  o.poisson = true;
  o.seed = 1;
  SequencedSchedule a(p, 4, o);
  o.seed = 2;
  SequencedSchedule b(p, 4, o);
  PlannedSend sa, sb;
  ASSERT_TRUE(a.Next(&sa));
  ASSERT_TRUE(b.Next(&sb));
  EXPECT_NE(sa.intended_ns, sb.intended_ns);
}

TEST(SendSourceTest, EvenSourceHandsOutEverySendOnceInBatches) {
  const RateProfile p = RateProfile::Constant(1000, 1);
  auto src = MakeSendSource(p, 3, ArrivalOptions{});
  EXPECT_EQ(src->planned(), 1000u);
  PlannedSend batch[64];
  uint64_t n = 0;
  for (size_t got; (got = src->Claim(batch, 64)) > 0;)
    for (size_t i = 0; i < got; ++i) ASSERT_EQ(batch[i].index, n++);
  EXPECT_EQ(n, 1000u);  // 15 full batches and a last one of 40
  EXPECT_EQ(src->Claim(batch, 64), 0u);
}

TEST(SendSourceTest, SequencedSourceHandsOutTheSameSendsAsItsSchedule) {
  const RateProfile p = RateProfile::Constant(1000, 1);
  ArrivalOptions o;
  o.stagger_ns = 1'000'000;
  auto src = MakeSendSource(p, 5, o);
  SequencedSchedule reference(p, 5, o);
  PlannedSend batch[7], want;
  for (size_t got; (got = src->Claim(batch, 7)) > 0;) {
    for (size_t i = 0; i < got; ++i) {
      ASSERT_TRUE(reference.Next(&want));
      ASSERT_EQ(batch[i].intended_ns, want.intended_ns);
      ASSERT_EQ(batch[i].agent, want.agent);
    }
  }
  EXPECT_FALSE(reference.Next(&want));
}

// N evenly spaced sends at rate R span N/R: the first is due at 0, the last
// at (N-1)/R, and the span ends one interval later.
TEST(ScheduledSpanTest, EvenSendsSpanOneIntervalEachSoTheRateIsExact) {
  for (const uint64_t n : {1ull, 2ull, 10ull, 1'000'000ull}) {
    const double duration = n / 5.0;
    const RateProfile p = RateProfile::Constant(5, duration);
    ASSERT_EQ(EvenSendCount(p), n);
    EXPECT_DOUBLE_EQ(ScheduledSpanSeconds(p, n, 2, 0), duration) << n;
    EXPECT_DOUBLE_EQ(n / ScheduledSpanSeconds(p, n, 2, 0), 5.0) << n;
  }
}

// 3/s for 1.5 s plans ceil(4.5) = 5 sends: they span 5/3 s, not 1.5 s.
TEST(ScheduledSpanTest, ARoundedUpSendCountExtendsTheSpanAtTheFinalRate) {
  const RateProfile p = RateProfile::Constant(3, 1.5);
  ASSERT_EQ(EvenSendCount(p), 5u);
  EXPECT_DOUBLE_EQ(ScheduledSpanSeconds(p, 5, 1, 0), 5.0 / 3);
}

TEST(ScheduledSpanTest, TheLargestStaggerOfASendingAgentLengthensTheSpan) {
  const RateProfile p = RateProfile::Constant(10, 1);
  EXPECT_DOUBLE_EQ(ScheduledSpanSeconds(p, 10, 4, 100'000'000), 1.3);   // agent 3: +300 ms
  EXPECT_DOUBLE_EQ(ScheduledSpanSeconds(p, 10, 50, 100'000'000), 1.9);  // only agents 0..9 send
  EXPECT_DOUBLE_EQ(ScheduledSpanSeconds(p, 10, 50, 900'000'000), 2.0);  // capped at 1 s
}

// stagger * agent used to overflow int64 for a large --stagger-ms.
TEST(StaggerTest, OffsetSaturatesAtOneSecondWithoutOverflow) {
  EXPECT_EQ(StaggerOffsetNs(INT64_MAX / 2, 3), 1'000'000'000);
  EXPECT_EQ(StaggerOffsetNs(INT64_MAX, 4'000'000'000u), 1'000'000'000);
  EXPECT_EQ(StaggerOffsetNs(900'000'000'000, 9'999'999), 1'000'000'000);
  EXPECT_EQ(StaggerOffsetNs(1'000'000, 7), 7'000'000);
  EXPECT_EQ(StaggerOffsetNs(1'000'000, 0), 0);
  EXPECT_EQ(StaggerOffsetNs(-5, 7), 0);
}

TEST(StaggerTest, HugeStaggerKeepsEveryIntendedTimeWithinTheOneSecondCap) {
  const RateProfile p = RateProfile::Constant(100, 1);
  ArrivalOptions o;
  o.stagger_ns = INT64_MAX / 2;
  SequencedSchedule s(p, 3, o);
  PlannedSend send;
  int n = 0;
  while (s.Next(&send)) {
    ++n;
    EXPECT_GE(send.intended_ns, 0);
    EXPECT_LE(send.intended_ns, 2'000'000'000);
  }
  EXPECT_EQ(n, 100);
}

}  // namespace
}  // namespace nethical::loadgen
