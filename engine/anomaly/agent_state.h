// AgentState: everything the anomaly detector keeps per agent, the value of
// its ShardedLruMap (anomaly_detector.h). Zero-initialised on an agent's
// first action.
#pragma once

#include <cstddef>
#include <cstdint>

#include "engine/anomaly/behavior_window.h"
#include "engine/model/action.h"

namespace nethical::anomaly {

class CohortDrift;

enum AgentAlertType { kFrequencyAlert = 0, kSequenceAlert = 1, kBehavioralAlert = 2, kAgentAlertTypes = 3 };

// The last alert of one type for one agent, and the cohort it was in.
struct Cooldown {
  int64_t at_nanos = 0;
  uint64_t cohort_key = 0;
  bool active = false;
};

// How many surprisals the sequence score sums (anomaly_detector.h).
inline constexpr int kSequenceSpan = 5;
// Surprisals are stored in 1/1024 nats (uint16: up to 64 nats; the model's
// floor p = 1e-12 is 27.6 nats).
inline constexpr double kSurprisalUnit = 1.0 / 1024;

struct AgentState {
  CohortDrift* cohort = nullptr;  // cached lookup of the last cohort
  uint32_t actions = 0;           // actions seen, saturating
  // Frequency: exponentially decayed action counts over the short and the
  // long window, and the weight an agent seen since `first` has had time to
  // build (tau (1 - e^(-age/tau))), so rate = count / weight from the start.
  int64_t last_nanos = 0;
  // When the agent last moved to the newest end of its shard's recency
  // order (anomaly_detector.cc: at most once per idle_seconds / 8).
  int64_t promoted_nanos = 0;
  float short_count = 0, short_weight = 0;
  float mid_count = 0, mid_weight = 0;  // 4 short windows
  float long_count = 0, long_weight = 0;
  // Sequence: the last kSequenceSpan surprisals (kSurprisalUnit) and their sum.
  uint16_t surprisal[kSequenceSpan] = {};
  uint8_t surprisal_head = 0;
  uint8_t history = 0;                    // action types seen so far, saturating at 2
  ActionType prev1 = ActionType::kQuery;  // the latest action type
  ActionType prev2 = ActionType::kQuery;  // the one before it
  uint32_t surprisal_sum = 0;
  // The current episode (actions in a row whose window is over the
  // sequence limit, saturating) and its sequence alerts (saturating at 2);
  // both 0 after a normal window. The agent's 3-grams do not train the
  // model during the cooldown of an episode's first alert.
  uint8_t episode_actions = 0;
  uint8_t episode_alerts = 0;
  bool sequence_learning_paused = false;
  Cooldown cooldown[kAgentAlertTypes];
  BehaviorWindow behavior;
};

}  // namespace nethical::anomaly
