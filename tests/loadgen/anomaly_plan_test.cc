// --inject-anomalies: the seeded plan, and the bursts' extra sends in the
// schedule layer (their times, their agent's action numbers).
#include "loadgen/anomaly_plan.h"

#include <set>
#include <vector>

#include "gtest/gtest.h"
#include "loadgen/rate_profile.h"
#include "loadgen/schedule.h"
#include "loadgen/send_source.h"

namespace nethical::loadgen {
namespace {

constexpr int64_t kS = 1'000'000'000;

TEST(AnomalyPlanTest, SameSeedSamePlanAndDifferentSeedsDiffer) {
  const AnomalyPlan a = PlanAnomalies(42, 60, 100), b = PlanAnomalies(42, 60, 100),
                    c = PlanAnomalies(43, 60, 100);
  ASSERT_EQ(a.size(), b.size());
  bool differs = false;
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].kind, b[i].kind);
    EXPECT_EQ(a[i].agent, b[i].agent);
    EXPECT_EQ(a[i].onset_ns, b[i].onset_ns);
    differs |= a[i].onset_ns != c[i].onset_ns || a[i].agent != c[i].agent;
  }
  EXPECT_TRUE(differs);
}

TEST(AnomalyPlanTest, EveryOnsetFollowsTheWarmUpAndKeepsItsShareOfTheRest) {
  const double w = 44, d = 120, span = d - w;
  for (uint64_t seed = 0; seed < 50; ++seed) {
    const AnomalyPlan plan = PlanAnomalies(seed, d, 100, w);
    ASSERT_EQ(plan.size(), 6u);
    for (size_t i = 0; i < 4; ++i) {
      EXPECT_GE(plan[i].onset_ns, (w + 0.1 * span) * kS);
      EXPECT_LT(plan[i].onset_ns, (w + 0.4 * span) * kS);
      EXPECT_LE(plan[i].end_ns, (w + 0.65 * span) * kS);
    }
    EXPECT_GE(plan[4].onset_ns, (w + 0.45 * span) * kS);
    EXPECT_LT(plan[4].onset_ns, (w + 0.5 * span) * kS);
    EXPECT_LE(plan[4].end_ns, (w + 0.6 * span) * kS);
    EXPECT_GE(plan[5].onset_ns, (w + 0.75 * span) * kS);
    EXPECT_LT(plan[5].onset_ns, (w + 0.8 * span) * kS);
  }
}

TEST(AnomalyPlanTest, WarmUpIsTheSlowestModelsPlusATenth) {
  // The README's default run: 100 agents at 50/s, so 0.5/s per agent; an
  // agent's 20 warm-up actions take 40 s, longer than the frequency
  // baseline's 16.3 s, 1,000 3-grams (20 s) or the cohort's 1,000 + 200
  // actions (24 s).
  EXPECT_DOUBLE_EQ(AnomalyWarmupSeconds(20, 1000, 200, 1000, 16.3, 50, 100), 44);
  // 100 agents at 1,000/s: the frequency baseline's 16.3 s of history is
  // now the slowest (an agent's 20 actions take 2 s, the cohort's 1.2 s).
  EXPECT_DOUBLE_EQ(AnomalyWarmupSeconds(20, 1000, 200, 1000, 16.3, 1000, 100), 1.1 * 16.3);
  // 10 agents at 5,000/s with a short frequency support: the cohort's 1,200
  // actions (0.24 s) take longer than an agent's 20 (0.04 s) or 1,000
  // 3-grams (0.2 s).
  EXPECT_DOUBLE_EQ(AnomalyWarmupSeconds(20, 1000, 200, 1000, 0.1, 5000, 10), 1.1 * 1200 / 5000);
  EXPECT_DOUBLE_EQ(MinInjectionDurationSeconds(44), 104);
}

TEST(AnomalyPlanTest, EachKindStartsInsideItsSeededWindowOnDistinctAgents) {
  for (uint64_t seed = 0; seed < 50; ++seed) {
    const double d = 60;
    const AnomalyPlan plan = PlanAnomalies(seed, d, 100);
    ASSERT_EQ(plan.size(), 6u);
    std::set<uint32_t> agents;
    int bursts = 0, switches = 0;
    for (size_t i = 0; i < 4; ++i) {
      const InjectedAnomaly& a = plan[i];
      agents.insert(a.agent);
      EXPECT_LT(a.agent, 100u);
      EXPECT_GE(a.onset_ns, 0.1 * d * kS);
      EXPECT_LT(a.onset_ns, 0.4 * d * kS);
      if (a.kind == AnomalyKind::kBurst) {
        ++bursts;
        EXPECT_EQ(a.end_ns - a.onset_ns, 10 * kS);  // min(10 s, D/5)
      } else {
        ASSERT_EQ(a.kind, AnomalyKind::kSequenceSwitch);
        ++switches;
        EXPECT_EQ(a.end_ns - a.onset_ns, 15 * kS);  // min(20 s, D/4)
      }
      EXPECT_LE(a.end_ns, 0.65 * d * kS);  // before any drift onset
    }
    EXPECT_EQ(agents.size(), 4u);
    EXPECT_EQ(bursts, 2);
    EXPECT_EQ(switches, 2);
    EXPECT_EQ(plan[4].kind, AnomalyKind::kCoordinatedPayload);
    EXPECT_EQ(plan[5].kind, AnomalyKind::kCohortDrift);
    EXPECT_GE(plan[5].onset_ns, 0.75 * d * kS);
    EXPECT_LT(plan[5].onset_ns, 0.8 * d * kS);
    EXPECT_EQ(plan[5].end_ns, INT64_MAX);
  }
}

TEST(AnomalyPlanTest, FewerAgentsThanAgentAnomaliesGetOneEach) {
  const AnomalyPlan plan = PlanAnomalies(7, 20, 2);
  ASSERT_EQ(plan.size(), 3u);  // burst, sequence switch, drift
  EXPECT_EQ(plan[0].kind, AnomalyKind::kBurst);
  EXPECT_EQ(plan[1].kind, AnomalyKind::kSequenceSwitch);
  EXPECT_NE(plan[0].agent, plan[1].agent);
  EXPECT_EQ(plan[2].kind, AnomalyKind::kCohortDrift);
}

TEST(AnomalyPlanTest, TheCoordinatedEpisodeIsSeededAndItsThreeAgentsAreNewAndDistinct) {
  const double d = 60;
  for (uint64_t seed = 0; seed < 50; ++seed) {
    const AnomalyPlan plan = PlanAnomalies(seed, d, 100), again = PlanAnomalies(seed, d, 100);
    ASSERT_EQ(plan.size(), 6u);
    const InjectedAnomaly& c = plan[4];
    ASSERT_EQ(c.kind, AnomalyKind::kCoordinatedPayload);
    ASSERT_EQ(c.group_size, 3);
    EXPECT_EQ(c.group, again[4].group);
    EXPECT_EQ(c.onset_ns, again[4].onset_ns);
    EXPECT_EQ(c.agent, c.group[0]);
    EXPECT_GE(c.onset_ns, 0.45 * d * kS);
    EXPECT_LT(c.onset_ns, 0.5 * d * kS);
    EXPECT_EQ(c.end_ns - c.onset_ns, 6 * kS);  // min(10 s, D/10)
    std::set<uint32_t> agents = {plan[0].agent, plan[1].agent, plan[2].agent, plan[3].agent};
    for (uint32_t g : c.group) {
      EXPECT_LT(g, 100u);
      EXPECT_TRUE(agents.insert(g).second) << "agent " << g << " is in two anomalies";
      EXPECT_TRUE(c.Covers(g, c.onset_ns));
      EXPECT_FALSE(c.Covers(g, c.end_ns));
    }
  }
}

TEST(AnomalyPlanTest, TooFewAgentsLeftForTwoMeansNoCoordinatedEpisode) {
  for (uint32_t agents : {1u, 2u, 4u, 5u}) {
    for (const InjectedAnomaly& a : PlanAnomalies(3, 60, agents))
      EXPECT_NE(a.kind, AnomalyKind::kCoordinatedPayload) << agents << " agents";
  }
  const AnomalyPlan six = PlanAnomalies(3, 60, 6);
  ASSERT_EQ(six.size(), 6u);
  EXPECT_EQ(six[4].group_size, 2);  // the two agents the others left
}

TEST(AnomalyPlanTest, EachCoordinatedAgentGetsOneExtraSendInsideTheEpisode) {
  InjectedAnomaly c{
      .kind = AnomalyKind::kCoordinatedPayload, .agent = 5, .onset_ns = 20 * kS, .end_ns = 28 * kS};
  c.group = {5, 9, 11};
  c.group_size = 3;
  const std::vector<ExtraSends> extra = InjectedSends({c}, RateProfile::Constant(10, 60), 100);
  ASSERT_EQ(extra.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(extra[i].agent, c.group[i]);
    EXPECT_EQ(extra[i].count, 1u);
    EXPECT_EQ(extra[i].first_ns, 20 * kS + (i + 1) * 2 * kS);  // 22, 24, 26 s
  }
}

TEST(AnomalyPlanTest, ABurstAgentSendsAtTenTimesItsRateForTheBurstOnly) {
  // 100 agents at 1,000/s: 10/s each; the burst adds 90/s for 10 s.
  const RateProfile p = RateProfile::Constant(1000, 60);
  const AnomalyPlan plan = {{AnomalyKind::kBurst, 17, 20 * kS, 30 * kS}};
  ArrivalOptions o;
  o.extra = InjectedSends(plan, p, 100);
  ASSERT_EQ(o.extra.size(), 1u);
  EXPECT_EQ(o.extra[0].count, 900u);
  SequencedSchedule s(p, 100, o);
  EXPECT_EQ(s.planned(), 60'000u + 900u);
  EXPECT_EQ(s.extra(), 900u);
  PlannedSend send;
  int64_t last = -1;
  uint64_t next_seq = 0, inside = 0, before = 0, after = 0, total = 0;
  while (s.Next(&send)) {
    ++total;
    ASSERT_GE(send.intended_ns, last);  // time order
    last = send.intended_ns;
    if (send.agent != 17) continue;
    ASSERT_EQ(send.agent_seq, next_seq++);  // the extra sends are numbered in turn
    if (send.intended_ns < 20 * kS)
      ++before;
    else if (send.intended_ns < 30 * kS)
      ++inside;
    else
      ++after;
  }
  EXPECT_EQ(total, s.planned());
  EXPECT_EQ(before, 200u);
  EXPECT_EQ(inside, 1000u);  // 100 own + 900 extra: 10x
  EXPECT_EQ(after, 300u);
}

TEST(AnomalyPlanTest, ExtraSendsUseTheSequencedSourceAndAreHandedOutOnce) {
  const RateProfile p = RateProfile::Constant(100, 10);
  ArrivalOptions o;
  o.extra = {ExtraSends{3, 2 * kS, kS / 100, 50}};
  auto src = MakeSendSource(p, 10, o);
  EXPECT_EQ(src->planned(), 1000u + 50u);
  EXPECT_EQ(src->extra(), 50u);
  PlannedSend batch[16];
  uint64_t n = 0;
  for (size_t got; (got = src->Claim(batch, 16)) > 0;) n += got;
  EXPECT_EQ(n, 1050u);
}

}  // namespace
}  // namespace nethical::loadgen
