#include "engine/anomaly/agent_table.h"

#include <cstring>
#include <new>
#include <utility>

namespace nethical::anomaly {

size_t AgentTable::BlockBytes(uint32_t ring_size, size_t id_length) {
  return sizeof(AgentState) + AgentState::PaddedKeyLength(id_length) + sizeof(int64_t) * ring_size;
}

AgentTable::~AgentTable() {
  for (Slot& s : slots_) {
    if (s.state == nullptr) continue;
    s.state->~AgentState();
    ::operator delete(s.state);
  }
}

AgentState* AgentTable::Find(std::string_view id, uint64_t hash) const {
  if (slots_.empty()) return nullptr;
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& s = slots_[i];
    if (s.state == nullptr) return nullptr;
    if (s.hash == hash && s.state->key() == id) return s.state;
  }
}

AgentState* AgentTable::Insert(std::string_view id, uint64_t hash) {
  if ((size_ + 1) * 2 > slots_.size()) Grow();
  void* block = ::operator new(BlockBytes(ring_size_, id.size()));
  AgentState* state = new (block) AgentState();
  state->hash = hash;
  state->key_length = static_cast<uint32_t>(id.size());
  std::memcpy(state->key_bytes(), id.data(), id.size());
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].state != nullptr) i = (i + 1) & mask;
  slots_[i] = {hash, state};
  ++size_;
  return state;
}

size_t AgentTable::SlotOf(const AgentState* state) const {
  const size_t mask = slots_.size() - 1;
  size_t i = state->hash & mask;
  while (slots_[i].state != state) i = (i + 1) & mask;
  return i;
}

void AgentTable::Erase(AgentState* state) {
  const size_t mask = slots_.size() - 1;
  size_t hole = SlotOf(state);
  state->~AgentState();
  ::operator delete(state);
  --size_;
  // Backward-shift deletion: move later entries of the probe run into the
  // hole unless their home slot lies cyclically after the hole.
  for (size_t i = (hole + 1) & mask; slots_[i].state != nullptr; i = (i + 1) & mask) {
    const size_t home = slots_[i].hash & mask;
    const bool stays = (i > hole) ? (home > hole && home <= i) : (home > hole || home <= i);
    if (stays) continue;
    slots_[hole] = slots_[i];
    hole = i;
  }
  slots_[hole] = Slot{};
}

void AgentTable::Grow() {
  std::vector<Slot> old = std::exchange(slots_, std::vector<Slot>(slots_.empty() ? 16 : slots_.size() * 2));
  const size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.state == nullptr) continue;
    size_t i = s.hash & mask;
    while (slots_[i].state != nullptr) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

}  // namespace nethical::anomaly
