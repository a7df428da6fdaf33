// ShardedEntityTable<State>: every entity's state, split over kShards
// shards, each an EntityMap behind its own SpinLock. There is no global
// lock: two requests meet only if their entities hash to the same shard.
//
//   {
//     ShardedEntityTable<S>::Locked locked(table, entities);  // locks, creates
//     S& agent = locked[0];  // entities[0]'s state, valid while `locked` lives
//     ...                    // decide for all entities, then commit
//   }                        // unlocks
//
// Locked holds every shard the request touches at once, so a request sees
// and updates all its entities as one atomic step ("check all, then commit").
// Shards are locked in ascending index order, so two requests never wait on
// each other in a cycle.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <utility>

#include "engine/quota/entity_key.h"
#include "engine/quota/entity_map.h"
#include "engine/quota/spin_lock.h"

namespace nethical::quota {

template <typename State>
class ShardedEntityTable {
  struct Shard;

 public:
  static constexpr size_t kShardBits = 6;
  static constexpr size_t kShards = size_t{1} << kShardBits;

  static size_t ShardOf(const EntityKey& key) { return key.hash >> (64 - kShardBits); }

  class Locked {
   public:
    Locked(ShardedEntityTable& table, const CheckedEntities& entities) {
      const size_t n = entities.size();
      if (n == 1) {  // the common case, without the general bookkeeping
        Shard& shard = table.shards_[ShardOf(entities[0])];
        shard.lock.lock();
        locked_[num_locked_++] = &shard;
        shard.map.Reserve(1);
        states_[0] = &shard.map.FindOrInsert(entities[0]);
        return;
      }
      std::array<size_t, CheckedEntities::kMaxEntities> order{};
      for (size_t i = 0; i < n; ++i) order[i] = ShardOf(entities[i]);
      // Ascending shard order (n <= 3: a sorting network).
      if (n > 1 && order[1] < order[0]) std::swap(order[0], order[1]);
      if (n > 2) {
        if (order[2] < order[1]) std::swap(order[1], order[2]);
        if (order[1] < order[0]) std::swap(order[0], order[1]);
      }
      for (size_t i = 0; i < n; ++i) {
        if (i > 0 && order[i] == order[i - 1]) continue;
        Shard& shard = table.shards_[order[i]];
        shard.lock.lock();
        locked_[num_locked_++] = &shard;
        // Room for all of this request's entities, so that inserting one
        // does not move another's state.
        shard.map.Reserve(n);
      }
      for (size_t i = 0; i < n; ++i) {
        states_[i] = &table.shards_[ShardOf(entities[i])].map.FindOrInsert(entities[i]);
      }
    }

    ~Locked() {
      for (size_t i = num_locked_; i > 0; --i) locked_[i - 1]->lock.unlock();
    }

    Locked(const Locked&) = delete;
    Locked& operator=(const Locked&) = delete;

    // The state of the i-th entity of the CheckedEntities this was built from.
    State& operator[](size_t i) { return *states_[i]; }

   private:
    std::array<Shard*, CheckedEntities::kMaxEntities> locked_{};
    size_t num_locked_ = 0;
    std::array<State*, CheckedEntities::kMaxEntities> states_{};
  };

  // Entities currently held, over all shards.
  size_t Size() const {
    size_t n = 0;
    for (const Shard& shard : shards_) {
      std::lock_guard<SpinLock> guard(shard.lock);
      n += shard.map.size();
    }
    return n;
  }

  // Removes the entities of one shard whose state satisfies `evict(state)`.
  // Returns how many were removed.
  template <typename Predicate>
  size_t EraseIf(size_t shard_index, Predicate evict) {
    Shard& shard = shards_[shard_index % kShards];
    std::lock_guard<SpinLock> guard(shard.lock);
    return shard.map.EraseIf(evict);
  }

 private:
  // One cache line per shard (lock and map header together): threads on
  // different shards share no line.
  struct alignas(64) Shard {
    mutable SpinLock lock;
    EntityMap<State> map;
  };

  std::array<Shard, kShards> shards_;
};

}  // namespace nethical::quota
