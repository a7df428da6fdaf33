// --inject-anomalies' coordinated episode against the correlation engine:
// generate_load's run (`--agents 100 --anomaly --correlation
// --inject-anomalies`), replayed in one thread with a fake clock: the mixed
// workload's actions (seeded) at their scheduled times, with the injected
// extra sends, through the engine generate_load builds, accounted by the
// quality block. The episode is found by coordinated_attack shortly after
// its onset, and no benign action carries a coordinated_attack match.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "loadgen/anomaly_plan.h"
#include "loadgen/quality.h"
#include "loadgen/rate_profile.h"
#include "loadgen/schedule.h"
#include "loadgen/workload.h"
#include "tests/loadgen/replay_engine.h"

namespace nethical::loadgen {
namespace {

constexpr uint32_t kAgents = 100;

QualityReport ReplayInjectedRun(uint64_t seed, double rps, double duration_s) {
  static int runs = 0;
  const std::string dir = ::testing::TempDir() + "/injected_coordinated_" + std::to_string(++runs);
  std::unique_ptr<ReplayEngine> r =
      MakeReplayEngine({"--agents", std::to_string(kAgents), "--rps", std::to_string(rps), "--duration",
                        std::to_string(duration_s), "--anomaly", "--correlation", "--no-shadow",
                        "--no-merkle", "--storage-dir", dir});
  if (r->engine == nullptr) return {};
  const double warmup = ReplayWarmupSeconds(*r, rps, kAgents);
  const AnomalyPlan plan = PlanAnomalies(seed, duration_s, kAgents, warmup);
  WorkloadOptions workload_options;
  workload_options.seed = seed;
  workload_options.anomalies = plan;
  MixedWorkload workload(workload_options);
  const RateProfile profile = RateProfile::Constant(rps, duration_s);
  ArrivalOptions arrival;
  arrival.seed = seed;
  arrival.extra = InjectedSends(plan, profile, kAgents);
  SequencedSchedule schedule(profile, kAgents, arrival);
  QualityCounters counters;
  Action action;
  ActionTruth truth;
  PlannedSend send;
  while (schedule.Next(&send)) {
    r->clock.SetNanos(r->start_ns + send.intended_ns);
    workload.Fill(send, &action, &truth);
    const Verdict v = r->engine->Evaluate(action);
    counters.Account(truth, v, send.intended_ns);
  }
  const Status shutdown = r->engine->Shutdown();
  EXPECT_TRUE(shutdown.ok()) << shutdown.message();
  QualityTotals totals;
  counters.MergeInto(&totals);
  return MakeQualityReport(totals, plan, /*anomaly_stage_ran=*/true, /*correlation_stage_ran=*/true);
}

void ExpectFoundAndNoFalseMatches(double rps, double duration_s) {
  for (uint64_t seed : {1, 7, 42, 1234}) {
    const QualityReport q = ReplayInjectedRun(seed, rps, duration_s);
    ASSERT_TRUE(q.coordinated_measured) << "seed " << seed;
    ASSERT_EQ(q.coordinated.size(), 1u) << "seed " << seed;
    const AnomalyQuality& c = q.coordinated[0];
    EXPECT_EQ(q.coordinated_found, 1u) << "seed " << seed << ": missed (" << c.actions << " actions)";
    ASSERT_TRUE(c.time_to_detect_s.has_value()) << "seed " << seed;
    // The second agent's shared payload completes the pattern: inside the episode.
    EXPECT_GE(*c.time_to_detect_s, 0) << "seed " << seed;
    EXPECT_LT(c.onset_s + *c.time_to_detect_s, *c.end_s) << "seed " << seed;
    EXPECT_GE(c.actions, 3u) << "seed " << seed;  // at least the three extra sends
    EXPECT_EQ(q.false_coordinated, 0u) << "seed " << seed;
    // The episode is the correlation engine's: not among the anomaly stage's.
    for (const AnomalyQuality& x : q.anomalies) EXPECT_NE(x.kind, AnomalyKind::kCoordinatedPayload);
  }
}

TEST(InjectedCoordinated, FoundByCoordinatedAttackInTheDefaultRun) {
  ExpectFoundAndNoFalseMatches(50, 120);  // 0.5 actions/s per agent
}

TEST(InjectedCoordinated, FoundWhenAgentsSendOnlyEveryFiftySeconds) {
  // 2/s over 100 agents: the agents' own sends rarely fall inside the
  // episode; its extra sends alone must make the pattern.
  ExpectFoundAndNoFalseMatches(2, 1200);
}

TEST(InjectedCoordinated, NotMeasuredWhenTheCorrelationStageIsOff) {
  QualityTotals t;
  t.actions = 10;
  InjectedAnomaly c{
      .kind = AnomalyKind::kCoordinatedPayload, .agent = 1, .onset_ns = 0, .end_ns = 1'000'000'000};
  c.group = {1, 2, 3};
  c.group_size = 3;
  const QualityReport q =
      MakeQualityReport(t, {c}, /*anomaly_stage_ran=*/true, /*correlation_stage_ran=*/false);
  EXPECT_TRUE(q.coordinated_injected);
  EXPECT_FALSE(q.coordinated_measured);
  EXPECT_TRUE(q.coordinated.empty());
  EXPECT_TRUE(q.anomalies.empty());  // and not an anomaly-stage anomaly either
}

}  // namespace
}  // namespace nethical::loadgen
