// JudgmentCache: judgments of texts already screened, keyed on (action type,
// SHA-256 of the text) as in the original (§3 step 4).
//
//   JudgmentCache cache(10'000, /*ttl_ns=*/1800e9);
//   auto key = JudgmentCache::MakeKey(action.type, action.text);
//   if (auto j = cache.Lookup(key, now)) return j;
//   ... cache.Insert(key, judgment, now);
//
// Bounded: 16 shards, each a true LRU holding at most ceil(capacity / 16)
// entries; an entry older than the TTL is a miss (and is dropped). The
// original instead dropped the oldest 1000 of 2000 entries at once.
// Thread-safe: one mutex per shard, held for a hash lookup and a list splice;
// judgments are shared immutable objects, copied outside the lock.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "engine/detect/judge.h"
#include "engine/base/sha256.h"
#include "engine/model/action.h"

namespace nethical::detect {

class JudgmentCache {
 public:
  struct Key {
    ActionType type;
    Sha256Digest digest;
    bool operator==(const Key&) const = default;
  };
  static constexpr int kShards = 16;

  // REQUIRES: capacity >= 1, ttl_ns > 0.
  JudgmentCache(int64_t capacity, int64_t ttl_ns);

  static Key MakeKey(ActionType type, std::string_view text) { return {type, Sha256(text)}; }

  // The cached judgment, or null on a miss or an expired entry.
  std::shared_ptr<const Judgment> Lookup(const Key& key, int64_t now_ns);
  void Insert(const Key& key, std::shared_ptr<const Judgment> judgment, int64_t now_ns);
  size_t Size() const;

 private:
  struct KeyHash {
    size_t operator()(const Key& k) const;
  };
  struct Entry {
    Key key;
    std::shared_ptr<const Judgment> judgment;
    int64_t inserted_ns;
  };
  using Lru = std::list<Entry>;  // front = most recently used
  struct alignas(64) Shard {
    mutable std::mutex mu;
    Lru lru;
    std::unordered_map<Key, Lru::iterator, KeyHash> index;
  };

  Shard& ShardOf(const Key& key);

  const size_t shard_capacity_;
  const int64_t ttl_ns_;
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace nethical::detect
