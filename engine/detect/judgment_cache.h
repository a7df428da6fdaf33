// JudgmentCache: judgments of texts already screened, keyed on (action type,
// SHA-256 of the text) as in the original (§3 step 4).
//
//   JudgmentCache cache(10'000, /*ttl_ns=*/1800e9);
//   auto key = JudgmentCache::MakeKey(action.type, action.text);
//   if (auto j = cache.Lookup(key, now)) return j;
//   ... cache.Insert(key, judgment, now);
//
// Bounded: a ShardedLruMap (engine/base) of kShards shards, each a true LRU
// holding at most ceil(capacity / kShards) entries; an entry older than the
// TTL is a miss (and is dropped). The original instead dropped the oldest
// 1000 of 2000 entries at once. Thread-safe: one lock per shard, held for a
// hash lookup and a relink; judgments are shared immutable objects, copied
// (a reference count) under the lock.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "engine/base/sha256.h"
#include "engine/base/sharded_lru_map.h"
#include "engine/detect/judge.h"
#include "engine/model/action.h"

namespace nethical::detect {

class JudgmentCache {
 public:
  struct Key {
    ActionType type;
    Sha256Digest digest;
    bool operator==(const Key&) const = default;
  };
  // The digest is already uniform: its first 8 bytes are the hash.
  struct KeyHash {
    uint64_t operator()(const Key& k) const {
      uint64_t h;
      std::memcpy(&h, k.digest.data(), sizeof h);
      return h ^ static_cast<uint64_t>(k.type);
    }
  };

 private:
  struct Entry {
    std::shared_ptr<const Judgment> judgment;
    int64_t inserted_ns = 0;
  };
  using Map = ShardedLruMap<Key, Entry, KeyHash>;

 public:
  static constexpr size_t kShards = Map::kShards;
  static size_t ShardOf(const Key& key) { return Map::ShardOf(KeyHash{}(key)); }

  // REQUIRES: capacity >= 1, ttl_ns > 0.
  JudgmentCache(int64_t capacity, int64_t ttl_ns);

  static Key MakeKey(ActionType type, std::string_view text) { return {type, Sha256(text)}; }

  // The cached judgment, or null on a miss or an expired entry.
  std::shared_ptr<const Judgment> Lookup(const Key& key, int64_t now_ns);
  void Insert(const Key& key, std::shared_ptr<const Judgment> judgment, int64_t now_ns);
  size_t Size() const { return map_.Size(); }

 private:
  const int64_t ttl_ns_;
  Map map_;
};

}  // namespace nethical::detect
