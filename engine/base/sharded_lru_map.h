// ShardedLruMap<Key, Value>: a thread-safe map from key to per-key state,
// split over kShards shards, each an LruTable (lru_table.h) behind its own
// SpinLock, optionally bounded (least recently used out first). There is no
// global lock: two callers meet only if their keys hash to the same shard.
// Every per-agent or per-key table of the engine is one of these.
//
//   ShardedLruMap<std::string, AgentRisk> agents(/*max_entries=*/1'000'000);
//   RiskResult r = agents.WithEntry(std::string_view(id), [&](AgentRisk& s, bool inserted) {
//     return model.Update(&s, input, now);        // runs under the shard lock
//   });
//
//   // Several keys as one atomic step ("check all, then commit"):
//   ShardedLruMap<...>::Locked<3> locked(map, {key_a, key_b});
//   locked[0].tokens -= 1; locked[1].tokens -= 1;   // unlocked at scope end
//
// Hash: Hash{}(probe) gives a 64-bit hash, well mixed in every bit, of any
// probe type the caller looks up by (a std::string_view for a std::string
// key, StringHash below): the top kShardBits bits choose the shard, the low
// bits the slot. Eq compares a stored Key with a probe.
//
// Bound: max_entries > 0 gives each shard ceil(max_entries / kShards)
// entries; a new key in a full shard evicts that shard's least recently
// used entry (EntryOrder: lru_table.h; kInsertion keeps insertion order and
// relinks nothing on lookups). Idle entries are removed by the caller's own rule through
// EvictOldestWhile (the recency order makes that O(evicted)), EraseIf, or
// WithShardSwept (a sweep of the shard's oldest entries, at most once per
// interval, before a lookup).
//
// Shards are cache-line aligned (lock and table header on one line), so
// threads on different shards share no line. Callbacks run under the shard
// lock: keep them short and never call back into the map from them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <mutex>
#include <utility>

#include "engine/base/lru_table.h"
#include "engine/base/spin_lock.h"
#include "engine/base/string_map.h"

namespace nethical {

template <typename Key, typename Value, typename Hash = StringHash, typename Eq = std::equal_to<>,
          EntryOrder kOrder = EntryOrder::kRecency>
class ShardedLruMap {
  // Declared before Locked, whose members point to shards (clang, unlike
  // gcc, does not look ahead for a nested class's member types).
  struct Shard;

 public:
  using Table = LruTable<Key, Value, Eq, kOrder>;
  static constexpr size_t kShardBits = 6;
  static constexpr size_t kShards = size_t{1} << kShardBits;

  // max_entries == 0: unbounded.
  explicit ShardedLruMap(size_t max_entries = 0) {
    const size_t per_shard = max_entries == 0 ? 0 : (max_entries + kShards - 1) / kShards;
    for (Shard& shard : shards_) shard.table.set_max_size(per_shard);
  }

  static size_t ShardOf(uint64_t hash) { return static_cast<size_t>(hash >> (64 - kShardBits)); }
  template <typename Probe>
  static uint64_t HashOf(const Probe& probe) {
    return static_cast<uint64_t>(Hash{}(probe));
  }

  // Finds or inserts `probe` (value-initialised when new), makes it the most
  // recently used and returns fn(Value&, bool inserted), all under the lock.
  template <typename Probe, typename Fn>
  decltype(auto) WithEntry(const Probe& probe, Fn&& fn) {
    const uint64_t hash = HashOf(probe);
    Shard& shard = shards_[ShardOf(hash)];
    std::lock_guard<SpinLock> guard(shard.lock);
    bool inserted = false;
    Value& value = shard.table.FindOrInsert(probe, hash, &inserted);
    return fn(value, inserted);
  }

  // If `probe` is present: makes it the most recently used, calls fn(Value&)
  // under the lock and returns true. Else returns false.
  template <typename Probe, typename Fn>
  bool WithExisting(const Probe& probe, Fn&& fn) {
    const uint64_t hash = HashOf(probe);
    Shard& shard = shards_[ShardOf(hash)];
    std::lock_guard<SpinLock> guard(shard.lock);
    Value* value = shard.table.Find(probe, hash);
    if (value == nullptr) return false;
    fn(*value);
    return true;
  }

  // Returns fn(Table&, uint64_t hash) with `probe`'s shard locked: for a
  // caller that does more than one table step per hold (say, evicts idle
  // entries and then updates its own).
  template <typename Probe, typename Fn>
  decltype(auto) WithShardOf(const Probe& probe, Fn&& fn) {
    const uint64_t hash = HashOf(probe);
    Shard& shard = shards_[ShardOf(hash)];
    std::lock_guard<SpinLock> guard(shard.lock);
    return fn(shard.table, hash);
  }

  // WithShardOf after a sweep of the shard's idle entries: first evicts the
  // shard's oldest entries while idle(key, value) holds, then returns
  // fn(Table&, uint64_t hash). The sweep runs at most once per
  // `sweep_every_ns` of the callers' `now_ns` per shard: it reads the
  // shard's oldest entry, which is a cache miss on every call when keys come
  // in turn (an agent acts once per thousand actions), and it rarely finds
  // one idle. So an idle entry can outlive its limit by up to
  // `sweep_every_ns` (plus the order's own slack) while calls reach its
  // shard: a caller that finds an entry it deems idle must treat it as new.
  template <typename Probe, typename Idle, typename Fn>
  decltype(auto) WithShardSwept(const Probe& probe, int64_t now_ns, int64_t sweep_every_ns, Idle idle,
                                Fn&& fn) {
    const uint64_t hash = HashOf(probe);
    Shard& shard = shards_[ShardOf(hash)];
    std::lock_guard<SpinLock> guard(shard.lock);
    if (now_ns >= shard.next_sweep_ns) {
      shard.table.EvictOldestWhile(idle);
      shard.next_sweep_ns = now_ns > INT64_MAX - sweep_every_ns ? INT64_MAX : now_ns + sweep_every_ns;
    }
    return fn(shard.table, hash);
  }

  template <typename Probe>
  bool Erase(const Probe& probe) {
    const uint64_t hash = HashOf(probe);
    Shard& shard = shards_[ShardOf(hash)];
    std::lock_guard<SpinLock> guard(shard.lock);
    return shard.table.Erase(probe, hash);
  }

  // LruTable::EvictOldestWhile / EraseIf on one shard (index modulo kShards).
  template <typename Predicate>
  size_t EvictOldestWhile(size_t shard_index, Predicate evict) {
    Shard& shard = shards_[shard_index % kShards];
    std::lock_guard<SpinLock> guard(shard.lock);
    return shard.table.EvictOldestWhile(evict);
  }
  template <typename Predicate>
  size_t EraseIf(size_t shard_index, Predicate evict) {
    Shard& shard = shards_[shard_index % kShards];
    std::lock_guard<SpinLock> guard(shard.lock);
    return shard.table.EraseIf(evict);
  }

  // Calls fn(key, value) for every entry, one shard at a time under its
  // lock (so not a snapshot of the whole map at one instant).
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (const Shard& shard : shards_) {
      std::lock_guard<SpinLock> guard(shard.lock);
      shard.table.ForEach(fn);
    }
  }

  // Entries currently held, over all shards.
  size_t Size() const {
    size_t n = 0;
    for (size_t i = 0; i < kShards; ++i) {
      std::lock_guard<SpinLock> guard(shards_[i].lock);
      n += shards_[i].table.size();
    }
    return n;
  }

  // Up to N keys locked and found-or-inserted together: every shard they
  // touch is held for Locked's lifetime, so the caller sees and updates all
  // of them as one atomic step. Shards are locked in ascending index order,
  // so two Locked never wait on each other in a cycle.
  // REQUIRES: the map is unbounded or each shard holds at least N entries
  // (an insert must not evict another of the same request's keys).
  template <size_t N>
  class Locked {
   public:
    template <typename Probe>
    Locked(ShardedLruMap& map, const Probe* probes, size_t n) : n_(n) {
      bool inserted;
      if (n == 1) {  // the common case, without the ordering bookkeeping
        const uint64_t hash = HashOf(probes[0]);
        Shard& shard = map.shards_[ShardOf(hash)];
        shard.lock.lock();
        locked_[num_locked_++] = &shard;
        values_[0] = &shard.table.FindOrInsert(probes[0], hash, &inserted);
        return;
      }
      std::array<uint64_t, N> hashes;
      std::array<size_t, N> order;  // shard indexes, ascending (insertion sort: N is small)
      for (size_t i = 0; i < n; ++i) {
        hashes[i] = HashOf(probes[i]);
        const size_t shard = ShardOf(hashes[i]);
        size_t j = i;
        for (; j > 0 && order[j - 1] > shard; --j) order[j] = order[j - 1];
        order[j] = shard;
      }
      for (size_t i = 0; i < n; ++i) {
        if (i > 0 && order[i] == order[i - 1]) continue;
        Shard& shard = map.shards_[order[i]];
        shard.lock.lock();
        locked_[num_locked_++] = &shard;
      }
      for (size_t i = 0; i < n; ++i) {
        values_[i] = &map.shards_[ShardOf(hashes[i])].table.FindOrInsert(probes[i], hashes[i], &inserted);
      }
    }
    ~Locked() {
      for (size_t i = num_locked_; i > 0; --i) locked_[i - 1]->lock.unlock();
    }
    Locked(const Locked&) = delete;
    Locked& operator=(const Locked&) = delete;

    // The value of the i-th probe, valid while this Locked lives.
    Value& operator[](size_t i) { return *values_[i]; }
    size_t size() const { return n_; }

   private:
    size_t n_;
    std::array<Shard*, N> locked_;  // [0, num_locked_) set
    size_t num_locked_ = 0;
    std::array<Value*, N> values_;  // [0, n_) set
  };

 private:
  struct alignas(64) Shard {
    mutable SpinLock lock;
    Table table;
    int64_t next_sweep_ns = INT64_MIN;  // WithShardSwept; guarded by lock
  };

  std::array<Shard, kShards> shards_;
};

}  // namespace nethical
