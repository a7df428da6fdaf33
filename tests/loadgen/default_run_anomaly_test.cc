// The anomaly detector on generate_load's own default run, replayed in one
// thread with a fake clock: the mixed workload's actions (seeded), at their
// scheduled times, through the engine generate_load builds
// (`--agents 100 --rps 50 --duration 120 --anomaly`), and at 100x the rate.
// Benign, every alert is a false one: at most 1 per 10,000 actions across
// seeds (docs/anomaly.md). With --inject-anomalies' bursts (the schedule's
// extra sends, as generate_load makes them), sequence switches and cohort
// drift, each injected anomaly raises an alert on one of its own actions,
// in runs as short as generate_load accepts.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "loadgen/anomaly_plan.h"
#include "loadgen/rate_profile.h"
#include "loadgen/schedule.h"
#include "loadgen/workload.h"
#include "tests/loadgen/replay_engine.h"

namespace nethical::loadgen {
namespace {

struct RunAlerts {
  uint64_t actions = 0;
  uint64_t false_alerts = 0;
  std::vector<std::string> false_descriptions;
  std::vector<InjectedAnomaly> injected;
  std::vector<bool> detected;  // by injected anomaly
};

RunAlerts ReplayDefaultRun(uint64_t seed, double rps, double duration_s, bool inject) {
  static int runs = 0;
  const std::string dir = ::testing::TempDir() + "/default_run_" + std::to_string(++runs);
  std::unique_ptr<ReplayEngine> r = MakeReplayEngine({"--agents", "100", "--rps", std::to_string(rps),
                                                      "--duration", std::to_string(duration_s), "--anomaly",
                                                      "--no-shadow", "--no-merkle", "--storage-dir", dir});
  if (r->engine == nullptr) return {};
  WorkloadOptions workload_options;
  workload_options.seed = seed;
  RunAlerts out;
  const RateProfile profile = RateProfile::Constant(rps, duration_s);
  ArrivalOptions arrival;
  if (inject) {
    const double warmup = ReplayWarmupSeconds(*r, rps, 100);
    EXPECT_GE(duration_s, MinInjectionDurationSeconds(warmup)) << "a run generate_load would refuse";
    for (const InjectedAnomaly& x : PlanAnomalies(seed, duration_s, 100, warmup)) {
      // The coordinated episode is the correlation engine's
      // (tests/loadgen/injected_coordinated_test.cc).
      if (x.kind != AnomalyKind::kCoordinatedPayload) workload_options.anomalies.push_back(x);
    }
    out.injected = workload_options.anomalies;
    out.detected.assign(out.injected.size(), false);
    arrival.extra = InjectedSends(workload_options.anomalies, profile, 100);
  }
  MixedWorkload workload(workload_options);
  SequencedSchedule schedule(profile, 100, arrival);
  Action action;
  ActionTruth truth;
  for (PlannedSend send; schedule.Next(&send);) {
    r->clock.SetNanos(r->start_ns + send.intended_ns);
    workload.Fill(send, &action, &truth);
    Verdict v = r->engine->Evaluate(action);
    ++out.actions;
    if (!v.anomaly) continue;
    if (truth.anomaly == AnomalyKind::kNone) {
      ++out.false_alerts;
      out.false_descriptions.push_back(v.anomaly->description);
    } else {
      out.detected[truth.anomaly_index] = true;
    }
  }
  const Status shutdown = r->engine->Shutdown();
  EXPECT_TRUE(shutdown.ok()) << shutdown.message();
  return out;
}

// False alerts per 10,000 benign actions over four seeds.
void ExpectFewFalseAlerts(double rps, double duration_s) {
  uint64_t actions = 0, alerts = 0;
  for (uint64_t seed : {1, 7, 42, 1234}) {
    RunAlerts run = ReplayDefaultRun(seed, rps, duration_s, /*inject=*/false);
    actions += run.actions;
    alerts += run.false_alerts;
    for (const std::string& d : run.false_descriptions)
      std::printf("seed %llu: %s\n", (unsigned long long)seed, d.c_str());
  }
  EXPECT_LE(alerts * 10000, actions) << alerts << " false alerts on " << actions << " benign actions";
}

void ExpectInjectedAnomaliesDetected(double rps, double duration_s,
                                     const std::vector<uint64_t>& seeds = {1, 7, 42, 1234}) {
  for (uint64_t seed : seeds) {
    RunAlerts run = ReplayDefaultRun(seed, rps, duration_s, /*inject=*/true);
    ASSERT_EQ(run.injected.size(), 5u);  // two bursts, two sequence switches, one drift
    for (size_t i = 0; i < run.injected.size(); ++i) {
      EXPECT_TRUE(run.detected[i]) << "seed " << seed << ": " << AnomalyKindName(run.injected[i].kind)
                                   << " of agent " << run.injected[i].agent << " missed";
    }
  }
}

TEST(DefaultRunAnomaly, BenignDefaultRunRaisesAtMostOneFalseAlertPer10kActions) {
  ExpectFewFalseAlerts(50, 120);
}

TEST(DefaultRunAnomaly, BenignRunAt100xRateRaisesAtMostOneFalseAlertPer10kActions) {
  ExpectFewFalseAlerts(5000, 30);
}

TEST(DefaultRunAnomaly, InjectedAnomaliesAreDetectedAtTheDefaultRate) {
  ExpectInjectedAnomaliesDetected(50, 120);
}

// The shortest --duration generate_load accepts with --inject-anomalies at
// `rps` over 100 agents.
double ShortestInjectedRun(double rps) {
  std::unique_ptr<ReplayEngine> r =
      MakeReplayEngine({"--agents", "100", "--anomaly", "--no-shadow", "--no-merkle", "--storage-dir",
                        ::testing::TempDir() + "/shortest"});
  return r->engine == nullptr ? 0 : std::ceil(MinInjectionDurationSeconds(ReplayWarmupSeconds(*r, rps, 100)));
}

// 79 s: the frequency baseline's 16.4 s of history, plus a tenth, plus
// 60 s. The warm-up used to leave that support out (63 s runs), and bursts
// injected before it went unreported: the baseline counted them.
TEST(DefaultRunAnomaly, InjectedAnomaliesAreDetectedAt20xRateInTheShortestRun) {
  const double duration = ShortestInjectedRun(1000);
  EXPECT_EQ(duration, 79);
  ExpectInjectedAnomaliesDetected(1000, duration);
}

// Two seeds: 395,000 actions each.
TEST(DefaultRunAnomaly, InjectedAnomaliesAreDetectedAt100xRateInTheShortestRun) {
  ExpectInjectedAnomaliesDetected(5000, ShortestInjectedRun(5000), {7, 1234});
}

}  // namespace
}  // namespace nethical::loadgen
