#include "engine/anomaly/agent_table.h"

#include <cstring>
#include <new>
#include <utility>

namespace nethical::anomaly {
namespace {

void FreeState(AgentState* state) {
  state->~AgentState();
  ::operator delete(state);
}

}  // namespace

size_t AgentTable::BlockBytes(size_t id_length) {
  return sizeof(AgentState) + AgentState::PaddedKeyLength(id_length);
}

AgentTable::~AgentTable() {
  for (Slot& s : slots_)
    if (s.state != nullptr) FreeState(s.state);
}

size_t AgentTable::FindSlot(std::string_view id, uint64_t hash) const {
  if (slots_.empty()) return 0;
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.state == nullptr) return slots_.size();
    if (s.hash == hash && s.state->key() == id) return i;
  }
}

const AgentState* AgentTable::Find(std::string_view id, uint64_t hash) const {
  const size_t i = FindSlot(id, hash);
  return i < slots_.size() ? slots_[i].state : nullptr;
}

AgentState* AgentTable::Touch(std::string_view id, uint64_t hash, int64_t now, bool* inserted) {
  if (size_t i = FindSlot(id, hash); i < slots_.size()) {
    slots_[i].last_seen = now;
    *inserted = false;
    return slots_[i].state;
  }
  if (size_ >= max_size_) EvictSampledOldest();
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  void* block = ::operator new(BlockBytes(id.size()));
  AgentState* state = new (block) AgentState();
  state->key_length = static_cast<uint32_t>(id.size());
  std::memcpy(state->key_bytes(), id.data(), id.size());
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].state != nullptr) i = (i + 1) & mask;
  slots_[i] = {hash, now, state};
  ++size_;
  *inserted = true;
  return state;
}

void AgentTable::EraseSlot(size_t hole) {
  const size_t mask = slots_.size() - 1;
  FreeState(slots_[hole].state);
  --size_;
  // Backward-shift deletion: move later entries of the probe run into the
  // hole unless their home slot lies cyclically in (hole, i].
  for (size_t i = (hole + 1) & mask; slots_[i].state != nullptr; i = (i + 1) & mask) {
    const size_t home = slots_[i].hash & mask;
    const bool stays = (i > hole) ? (home > hole && home <= i) : (home > hole || home <= i);
    if (stays) continue;
    slots_[hole] = slots_[i];
    hole = i;
  }
  slots_[hole] = Slot{};
}

void AgentTable::EvictSampledOldest() {
  const size_t mask = slots_.size() - 1;
  size_t oldest = slots_.size();
  int seen = 0;
  for (size_t n = 0; n < slots_.size() && seen < kEvictionSample; ++n) {
    const size_t i = (evict_cursor_ + n) & mask;
    if (slots_[i].state == nullptr) continue;
    ++seen;
    if (oldest == slots_.size() || slots_[i].last_seen < slots_[oldest].last_seen) oldest = i;
  }
  evict_cursor_ = (oldest + 1) & mask;
  EraseSlot(oldest);
}

size_t AgentTable::EvictIdle(int64_t cutoff, size_t max_slots, bool* cycle_done) {
  *cycle_done = false;
  if (slots_.empty()) {
    *cycle_done = true;
    return 0;
  }
  const size_t mask = slots_.size() - 1;
  size_t evicted = 0;
  for (size_t n = 0; n < max_slots; ++n) {
    const size_t i = sweep_cursor_ & mask;
    // After an eviction the slot may hold a shifted entry: look again.
    while (slots_[i].state != nullptr && slots_[i].last_seen < cutoff) {
      EraseSlot(i);
      ++evicted;
    }
    sweep_cursor_ = (i + 1) & mask;
    if (++swept_in_cycle_ >= slots_.size()) {
      swept_in_cycle_ = 0;
      *cycle_done = true;
      break;
    }
  }
  return evicted;
}

size_t AgentTable::EvictAllIdle(int64_t cutoff) {
  size_t evicted = 0;
  for (size_t i = 0; i < slots_.size(); ++i) {
    while (slots_[i].state != nullptr && slots_[i].last_seen < cutoff) {
      EraseSlot(i);
      ++evicted;
    }
  }
  // One pass suffices: a hole at i only pulls entries from after i, and an
  // entry that wraps from the front to the end was already kept.
  return evicted;
}

void AgentTable::Grow() {
  std::vector<Slot> old =
      std::exchange(slots_, std::vector<Slot>(slots_.empty() ? 16 : slots_.size() * 2));
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.state == nullptr) continue;
    size_t i = s.hash & mask;
    while (slots_[i].state != nullptr) i = (i + 1) & mask;
    slots_[i] = s;
  }
  sweep_cursor_ = 0;
  swept_in_cycle_ = 0;
}

}  // namespace nethical::anomaly
