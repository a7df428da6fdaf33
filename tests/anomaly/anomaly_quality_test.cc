// The detector's quality on synthetic streams shaped like generate_load's
// default run (100 agents, 50 actions/s in total, evenly spaced, one cohort,
// the mixed workload's action-type shares, risk uniform in [0, 1)), driven by
// a FakeClock. Benign streams: at most 1 alert per 10,000 actions, at the
// default rate and at 100x. Injected anomalies (a 10x burst of one agent, one
// agent switching to a pattern of rare types, the cohort's type mix shifting)
// are detected within 10 s of onset in >= 95 % of seeded injections.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "engine/anomaly/anomaly_detector.h"
#include "tests/testing/fake_clock.h"

namespace nethical::anomaly {
namespace {

constexpr int kAgents = 100;
constexpr double kDefaultRate = 50;  // actions/s over all agents
constexpr int64_t kSecond = 1'000'000'000;

// loadgen/workload.cc's mixed workload, in percent per ActionType.
const std::vector<double> kMixedShares = {
    /*query*/ 40,       /*response*/ 30,      /*function_call*/ 10, /*data_access*/ 8,
    /*model_update*/ 2, /*system_command*/ 4, /*external_api*/ 6};
// A cohort whose traffic turns from queries and responses to data access.
const std::vector<double> kShiftedShares = {10, 10, 10, 30, 10, 10, 20};
// loadgen/workload.cc's sequence switch: the mix's two rarest types in turn.
const ActionType kRarePattern[] = {ActionType::kModelUpdate, ActionType::kSystemCommand};

enum class Injection { kNone, kBurst, kSequence, kDrift };

struct Event {
  int64_t at = 0;
  int agent = 0;
  bool injected = false;  // the burst's extra actions, the pattern's actions
};

struct Alert {
  std::string type;
  int agent = 0;
  int64_t at = 0;
};

struct StreamResult {
  int64_t actions = 0;
  std::vector<Alert> alerts;
};

std::string AgentId(int agent) {
  char id[16];
  std::snprintf(id, sizeof id, "agent_%04d", agent);
  return id;
}

// One stream: agent i sends at i/rate + m*agents/rate (generate_load's even
// pacing). From `onset` on, the injection applies to `target` (burst,
// sequence) or to the cohort (drift).
StreamResult RunStream(uint64_t seed, double rate, double seconds, Injection injection = Injection::kNone,
                       int64_t onset = 0, int target = 0, AnomalyConfig config = {}) {
  config.enabled = true;
  FakeClock clock(0);
  auto detector = std::move(AnomalyDetector::Create(config, clock).value());
  const int64_t interval = static_cast<int64_t>(kSecond * kAgents / rate);
  const int64_t end = static_cast<int64_t>(seconds * kSecond);
  std::vector<Event> events;
  for (int a = 0; a < kAgents; ++a)
    for (int64_t t = static_cast<int64_t>(a * kSecond / rate); t < end; t += interval)
      events.push_back({t, a, false});
  if (injection == Injection::kBurst)  // nine more actions per interval: 10x
    for (int64_t t = onset; t < end; t += interval / 10)
      if ((t - onset) % interval != 0) events.push_back({t, target, true});
  std::stable_sort(events.begin(), events.end(), [](const Event& x, const Event& y) { return x.at < y.at; });

  std::mt19937_64 rng(seed);
  std::discrete_distribution<int> mixed(kMixedShares.begin(), kMixedShares.end());
  std::discrete_distribution<int> shifted(kShiftedShares.begin(), kShiftedShares.end());
  std::uniform_real_distribution<double> risk(0.0, 1.0);
  std::vector<std::string> ids;
  for (int a = 0; a < kAgents; ++a) ids.push_back(AgentId(a));
  std::vector<int> pattern_step(kAgents, 0);
  StreamResult result;
  for (const Event& e : events) {
    clock.SetNanos(e.at);
    ActionType type = static_cast<ActionType>(mixed(rng));
    if (e.at >= onset && injection == Injection::kDrift) type = static_cast<ActionType>(shifted(rng));
    if (e.at >= onset && injection == Injection::kSequence && e.agent == target)
      type = kRarePattern[pattern_step[e.agent]++ % std::size(kRarePattern)];
    const auto alert = detector->Record(ids[e.agent], "load-test", type, risk(rng));
    ++result.actions;
    if (alert) result.alerts.push_back({std::string(AnomalyTypeName(alert->type)), e.agent, e.at});
  }
  return result;
}

int64_t AlertBudget(int64_t actions) { return actions / 10'000; }  // 1 per 10k

TEST(AnomalyQualityTest, BenignDefaultRateRaisesAtMostOneAlertPerTenThousandActions) {
  int64_t actions = 0, alerts = 0;
  for (uint64_t seed = 1; seed <= 10; ++seed) {  // 10 x 6,000 actions
    const StreamResult r = RunStream(seed, kDefaultRate, 120);
    actions += r.actions;
    alerts += static_cast<int64_t>(r.alerts.size());
    for (const Alert& a : r.alerts)
      std::printf("seed %d: %s alert for agent %d at %.2f s\n", static_cast<int>(seed), a.type.c_str(),
                  a.agent, a.at / 1e9);
  }
  EXPECT_EQ(actions, 60'000);
  EXPECT_LE(alerts, AlertBudget(actions));
}

TEST(AnomalyQualityTest, BenignHundredTimesTheDefaultRateRaisesAtMostOneAlertPerTenThousandActions) {
  const StreamResult r = RunStream(7, 100 * kDefaultRate, 120);
  EXPECT_EQ(r.actions, 600'000);
  std::printf("%zu alerts in %lld actions\n", r.alerts.size(), static_cast<long long>(r.actions));
  EXPECT_LE(static_cast<int64_t>(r.alerts.size()), AlertBudget(r.actions));
}

// The defect of the fill-normalised 3-gram score: 80 sequence alerts in the
// first 300 actions of a benign stream.
TEST(AnomalyQualityTest, NoSequenceAlertsEarlyInABenignStream) {
  AnomalyConfig config;
  config.warmup_actions = 0;  // the score alone must stay quiet
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    const StreamResult r = RunStream(seed, kDefaultRate, 6, Injection::kNone, 0, 0, config);
    for (const Alert& a : r.alerts) EXPECT_NE(a.type, "sequence") << "seed " << seed;
  }
}

// The defect of the absolute threshold: 30 per 60 s was the default per-agent
// rate, so every agent raised a frequency alert each minute.
TEST(AnomalyQualityTest, NoFrequencyAlertsAtTheDefaultPerAgentRate) {
  const StreamResult r = RunStream(3, kDefaultRate, 300);
  for (const Alert& a : r.alerts) EXPECT_NE(a.type, "frequency") << "agent " << a.agent;
}

// Runs `trials` seeded injections of one kind and returns how many were
// detected: an alert of `type` (for the target agent unless drift) within
// 10 s of onset.
// Onsets are drawn in [earliest, earliest + 30 s), past every warm-up.
int Detected(Injection injection, const char* type, double rate, int trials,
             int64_t earliest = 60 * kSecond) {
  int detected = 0;
  for (int trial = 0; trial < trials; ++trial) {
    std::mt19937_64 rng(1000 + trial);
    const int64_t onset = std::uniform_int_distribution<int64_t>(earliest, earliest + 30 * kSecond - 1)(rng);
    const int target = static_cast<int>(rng() % kAgents);
    const StreamResult r = RunStream(2000 + trial, rate, onset / 1e9 + 10.5, injection, onset, target);
    bool found = false;
    for (const Alert& a : r.alerts)
      if (a.type == type && a.at >= onset && a.at <= onset + 10 * kSecond &&
          (injection == Injection::kDrift || a.agent == target))
        found = true;
    detected += found;
    if (!found)
      for (const Alert& a : r.alerts)
        std::printf("  %s agent %d at %.2f\n", a.type.c_str(), a.agent, a.at / 1e9);
    if (!found)
      std::printf("%s injection %d (onset %.2f s, agent %d) missed\n", type, trial, onset / 1e9, target);
  }
  return detected;
}

TEST(AnomalyQualityTest, TenfoldBurstOfOneAgentIsDetectedWithinTenSeconds) {
  EXPECT_GE(Detected(Injection::kBurst, "frequency", kDefaultRate, 40), 38);
}

TEST(AnomalyQualityTest, TenfoldBurstAtHundredTimesTheRateIsDetectedWithinTenSeconds) {
  EXPECT_GE(Detected(Injection::kBurst, "frequency", 100 * kDefaultRate, 20, 15 * kSecond), 19);
}

TEST(AnomalyQualityTest, SwitchToANeverSeenTypePatternIsDetectedWithinTenSeconds) {
  EXPECT_GE(Detected(Injection::kSequence, "sequence", kDefaultRate, 40), 38);
}

TEST(AnomalyQualityTest, CohortTypeMixShiftIsDetectedWithinTenSeconds) {
  EXPECT_GE(Detected(Injection::kDrift, "drift", kDefaultRate, 40), 38);
}

}  // namespace
}  // namespace nethical::anomaly
