// Sequence alerts per episode (anomaly_detector.h "Cooldown"): an agent
// whose episode alerted does not train the 3-gram model during the
// cooldown, an episode that outlasts the cooldown is the agent's new
// normal, and a new episode within the cooldown of an earlier one alerts
// once it has lasted a whole window.
#include <chrono>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "engine/anomaly/anomaly_detector.h"

namespace nethical::anomaly {
namespace {

AnomalyConfig TestConfig() {
  AnomalyConfig c;
  c.enabled = true;
  c.warmup_actions = 0;
  c.drift_warmup_actions = 0;
  return c;
}

std::unique_ptr<AnomalyDetector> MakeDetector(const Clock& clock) {
  auto d = AnomalyDetector::Create(TestConfig(), clock, {});
  EXPECT_TRUE(d.ok()) << d.status().message();
  return std::move(d).value();
}

// Fills the model's window past its minimum support with queries from many
// agents (each below every other detector).
void WarmUp(AnomalyDetector& d) {
  for (int agent = 0; agent < 300; ++agent)
    for (int i = 0; i < 7; ++i) d.Record("warm" + std::to_string(agent), "c", ActionType::kQuery, 0.1);
}

ActionType Cycle(int i) {
  static constexpr ActionType kCycle[] = {ActionType::kSystemCommand, ActionType::kModelUpdate,
                                          ActionType::kExternalApi};
  return kCycle[i % 3];
}

// The index of the first of `n` cycle actions of `agent`, one every 50 ms,
// that raises a sequence alert (frequency and behavioural alerts have
// their own tests).
std::optional<int> FirstAlert(AnomalyDetector& d, FakeClock& clock, const std::string& agent, int n) {
  for (int i = 0; i < n; ++i) {
    const std::optional<AnomalyAlert> alert = d.Record(agent, "c", Cycle(i), 0.1);
    clock.Advance(std::chrono::milliseconds(50));
    if (alert && alert->type == AnomalyType::kSequence) return i;
  }
  return std::nullopt;
}

TEST(SequenceEpisodeTest, AlertedAgentDoesNotTeachTheModelItsPatternDuringTheCooldown) {
  FakeClock clock;
  auto d = MakeDetector(clock);
  WarmUp(*d);
  ASSERT_TRUE(FirstAlert(*d, clock, "first", 7).has_value());
  EXPECT_FALSE(FirstAlert(*d, clock, "first", 3000).has_value());  // 150 s: cooldown, not learned
  EXPECT_TRUE(FirstAlert(*d, clock, "second", 7).has_value());     // still rare for the model
}

TEST(SequenceEpisodeTest, EpisodeThatOutlastsTheCooldownBecomesTheAgentsNormal) {
  FakeClock clock;
  auto d = MakeDetector(clock);
  WarmUp(*d);
  ASSERT_TRUE(FirstAlert(*d, clock, "first", 7).has_value());
  clock.Advance(std::chrono::seconds(301));  // past the 300 s cooldown, episode still on
  ASSERT_TRUE(FirstAlert(*d, clock, "first", 7).has_value());  // the episode's second alert
  EXPECT_FALSE(FirstAlert(*d, clock, "first", 6000).has_value());  // now it trains the model
  clock.Advance(std::chrono::seconds(301));
  EXPECT_FALSE(FirstAlert(*d, clock, "other", 30).has_value());  // learned: no longer rare
}

TEST(SequenceEpisodeTest, NewEpisodeWithinTheCooldownAlertsOnceItLastsAWholeWindow) {
  FakeClock clock;
  auto d = MakeDetector(clock);
  WarmUp(*d);
  ASSERT_TRUE(FirstAlert(*d, clock, "blip", 7).has_value());
  for (int i = 0; i < 10; ++i) {  // ends the episode
    const std::optional<AnomalyAlert> alert = d->Record("blip", "c", ActionType::kQuery, 0.1);
    EXPECT_FALSE(alert && alert->type == AnomalyType::kSequence);
    clock.Advance(std::chrono::milliseconds(50));
  }
  const std::optional<int> again = FirstAlert(*d, clock, "blip", 30);  // a new episode, in the cooldown
  ASSERT_TRUE(again.has_value());
  EXPECT_GE(*again, 5);  // its window over the limit for 5 actions first
  EXPECT_FALSE(FirstAlert(*d, clock, "blip", 30).has_value());  // one alert per episode
}

}  // namespace
}  // namespace nethical::anomaly
