// EntityMap<State>: one shard's entities, an open-addressing hash map from
// EntityKey to a State. Not thread-safe: ShardedEntityTable guards each map
// with its shard's mutex.
//
// Lookups take the caller's string_view and allocate nothing; only the first
// sight of an entity copies its id. Linear probing at load <= 1/2 keeps a
// lookup to about one cache line. Entries are removed only by EraseIf, which
// rebuilds the slot array (so there are no tombstones) and shrinks it when
// most entries are gone: memory follows the number of live entities.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "engine/quota/entity_key.h"

namespace nethical::quota {

template <typename State>
class EntityMap {
 public:
  size_t size() const { return size_; }
  size_t capacity() const { return slots_.size(); }

  // Makes room for `n` more entries, so that the next `n` inserts move no
  // entry: references returned by FindOrInsert stay valid across them.
  void Reserve(size_t n) {
    if ((size_ + n) * 2 > slots_.size()) Rebuild(CapacityFor(size_ + n));
  }

  // The state of `key`, value-initialised (State{}) if the key is new.
  // REQUIRES: Reserve(1) since the last insert, if the key may be new.
  State& FindOrInsert(const EntityKey& key) {
    for (size_t i = key.hash & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.hash == 0) {
        slot.hash = key.hash;
        slot.kind = key.kind;
        slot.id.assign(key.id);
        ++size_;
        return slot.state;
      }
      if (slot.hash == key.hash && slot.kind == key.kind && slot.id == key.id) return slot.state;
    }
  }

  // Removes every entry whose state satisfies `evict(state)`. Returns how
  // many were removed.
  template <typename Predicate>
  size_t EraseIf(Predicate evict) {
    size_t removed = 0;
    for (Slot& slot : slots_) {
      if (slot.hash != 0 && evict(std::as_const(slot.state))) {
        slot.hash = 0;
        ++removed;
      }
    }
    if (removed == 0) return 0;
    size_ -= removed;
    // Rebuilding re-packs the probe chains the removals broke; it also
    // releases memory once most entities are gone.
    const size_t shrunk = size_ == 0 ? 0 : CapacityFor(size_);
    Rebuild(size_ * 8 < slots_.size() ? shrunk : slots_.size());
    return removed;
  }

 private:
  struct Slot {
    uint64_t hash = 0;  // 0: empty
    EntityKind kind = EntityKind::kAgent;
    std::string id;
    State state{};
  };

  static constexpr size_t kMinCapacity = 16;

  static size_t CapacityFor(size_t entries) {
    return std::max(kMinCapacity, std::bit_ceil(entries * 2));
  }

  // Moves every occupied slot into a new array of `capacity` slots (a power
  // of two, or 0 when the map is empty).
  void Rebuild(size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    mask_ = capacity - 1;
    for (Slot& slot : old) {
      if (slot.hash == 0) continue;
      size_t i = slot.hash & mask_;
      while (slots_[i].hash != 0) i = (i + 1) & mask_;
      slots_[i] = std::move(slot);
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;  // slots_.size() - 1, once there are slots
  size_t size_ = 0;
};

}  // namespace nethical::quota
