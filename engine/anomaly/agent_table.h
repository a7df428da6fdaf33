// Per-agent anomaly state and the open-addressing table that holds it (one
// table per shard of AnomalyDetector; not thread-safe on its own).
//
// Each agent is one heap block: the fixed AgentState, then the agent id's
// bytes (padded to 8), so a lookup touches a 24-byte slot and one block, and
// memory per agent is one allocation plus its slots. Slots are {hash, last
// seen, pointer} with linear probing, kept at most half full; erasure shifts
// later entries back (no tombstones).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/anomaly/behavior_window.h"
#include "engine/model/action.h"

namespace nethical::anomaly {

class CohortDrift;

enum AgentAlertType { kFrequencyAlert = 0, kSequenceAlert = 1, kBehavioralAlert = 2,
                      kAgentAlertTypes = 3 };

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
  uint32_t key_length = 0;
  uint32_t actions = 0;      // actions seen, saturating
  // Frequency: exponentially decayed action counts over the short and the
  // long window, and the weight an agent seen since `first` has had time to
  // build (tau (1 - e^(-age/tau))), so rate = count / weight from the start.
  int64_t last_nanos = 0;
  float short_count = 0, short_weight = 0;
  float mid_count = 0, mid_weight = 0;  // 4 short windows
  float long_count = 0, long_weight = 0;
  // Sequence: the last kSequenceSpan surprisals (kSurprisalUnit) and their sum.
  uint16_t surprisal[kSequenceSpan] = {};
  uint8_t surprisal_head = 0;
  uint8_t history = 0;       // action types seen so far, saturating at 2
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

  // The agent id, right after the struct.
  std::string_view key() const { return {reinterpret_cast<const char*>(this + 1), key_length}; }
  char* key_bytes() { return reinterpret_cast<char*>(this + 1); }
  static size_t PaddedKeyLength(size_t n) { return (n + 7) & ~size_t{7}; }
};
static_assert(sizeof(AgentState) % alignof(int64_t) == 0);

class AgentTable {
 public:
  static constexpr int kEvictionSample = 8;

  // REQUIRES: max_size >= 1.
  explicit AgentTable(size_t max_size) : max_size_(max_size) {}
  ~AgentTable();
  AgentTable(const AgentTable&) = delete;
  AgentTable& operator=(const AgentTable&) = delete;

  // The state of `id`, inserted zeroed if absent (*inserted says so), with
  // its last-seen time set to `now`. Inserting into a full table first
  // evicts one agent (sampled LRU, above).
  AgentState* Touch(std::string_view id, uint64_t hash, int64_t now, bool* inserted);
  const AgentState* Find(std::string_view id, uint64_t hash) const;

  // Examines up to `max_slots` slots from the sweep cursor and evicts agents
  // last seen before `cutoff`; returns how many. *cycle_done is set when the
  // cursor has covered the whole slot array since the cycle began. An entry
  // shifted back over the cursor by an eviction waits for the next cycle.
  size_t EvictIdle(int64_t cutoff, size_t max_slots, bool* cycle_done);
  // Evicts every agent last seen before `cutoff`.
  size_t EvictAllIdle(int64_t cutoff);

  size_t size() const { return size_; }
  size_t slot_count() const { return slots_.size(); }

  // Bytes of the block one agent with an id of `id_length` bytes takes.
  static size_t BlockBytes(size_t id_length);
  static constexpr size_t kSlotBytes = 24;

 private:
  struct Slot {
    uint64_t hash = 0;
    int64_t last_seen = 0;
    AgentState* state = nullptr;  // null: empty
  };
  static_assert(sizeof(Slot) == kSlotBytes);

  size_t FindSlot(std::string_view id, uint64_t hash) const;  // slots_.size() if absent
  void EraseSlot(size_t index);
  void EvictSampledOldest();
  void Grow();

  const size_t max_size_;
  std::vector<Slot> slots_;  // power-of-two size, or empty
  size_t size_ = 0;
  size_t sweep_cursor_ = 0;
  size_t swept_in_cycle_ = 0;
  size_t evict_cursor_ = 0;
};

}  // namespace nethical::anomaly
