// Per-agent anomaly state and the open-addressing table that holds it (one
// table per shard of AnomalyDetector; not thread-safe on its own).
//
// Each agent is one heap block: the fixed AgentState, then the agent id's
// bytes (padded to 8), then its frequency ring (ring_size timestamps), so a
// lookup touches
// a 16-byte slot and one block, and memory per agent is one allocation plus
// its slots. Slots are {hash, pointer} with linear probing, kept at most
// half full; erasure shifts later entries back (no tombstones).
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

struct AgentState {
  uint64_t hash = 0;
  AgentState* lru_prev = nullptr;  // towards the most recently seen
  AgentState* lru_next = nullptr;  // towards the least recently seen
  CohortDrift* cohort = nullptr;   // cached lookup of the last cohort
  int64_t last_seen = 0;
  uint32_t key_length = 0;
  uint32_t event_head = 0;   // next ring slot to write
  uint32_t event_count = 0;  // ring slots in use
  uint8_t history = 0;       // action types seen so far, saturating at 2
  ActionType prev1 = ActionType::kQuery;  // the latest action type
  ActionType prev2 = ActionType::kQuery;  // the one before it
  Cooldown cooldown[kAgentAlertTypes];
  BehaviorWindow behavior;

  // The agent id, right after the struct.
  std::string_view key() const { return {reinterpret_cast<const char*>(this + 1), key_length}; }
  char* key_bytes() { return reinterpret_cast<char*>(this + 1); }
  // The ring of the last ring_size action times (ns), after the id.
  int64_t* event_times() {
    return reinterpret_cast<int64_t*>(key_bytes() + PaddedKeyLength(key_length));
  }
  static size_t PaddedKeyLength(size_t n) { return (n + 7) & ~size_t{7}; }
};
static_assert(sizeof(AgentState) % alignof(int64_t) == 0);

class AgentTable {
 public:
  explicit AgentTable(uint32_t ring_size) : ring_size_(ring_size) {}
  ~AgentTable();
  AgentTable(const AgentTable&) = delete;
  AgentTable& operator=(const AgentTable&) = delete;

  AgentState* Find(std::string_view id, uint64_t hash) const;
  // REQUIRES: `id` is not in the table.
  AgentState* Insert(std::string_view id, uint64_t hash);
  // REQUIRES: `state` is in the table. Frees it.
  void Erase(AgentState* state);
  size_t size() const { return size_; }

  // Bytes of the block one agent with an id of `id_length` bytes takes.
  static size_t BlockBytes(uint32_t ring_size, size_t id_length);

 private:
  struct Slot {
    uint64_t hash = 0;
    AgentState* state = nullptr;  // null: empty
  };
  void Grow();
  size_t SlotOf(const AgentState* state) const;

  const uint32_t ring_size_;
  std::vector<Slot> slots_;  // power-of-two size, or empty
  size_t size_ = 0;
};

}  // namespace nethical::anomaly
