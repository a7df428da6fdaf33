#include "engine/detect/judgment_cache.h"

#include <cstring>

namespace nethical::detect {

size_t JudgmentCache::KeyHash::operator()(const Key& k) const {
  // The digest is already uniformly distributed.
  uint64_t h;
  std::memcpy(&h, k.digest.data(), sizeof h);
  return static_cast<size_t>(h ^ static_cast<uint64_t>(k.type));
}

JudgmentCache::JudgmentCache(int64_t capacity, int64_t ttl_ns)
    : shard_capacity_(static_cast<size_t>((capacity + kShards - 1) / kShards)),
      ttl_ns_(ttl_ns),
      shards_(new Shard[kShards]) {}

JudgmentCache::Shard& JudgmentCache::ShardOf(const Key& key) {
  // A digest byte the map's hash does not use.
  return shards_[key.digest[8] % kShards];
}

std::shared_ptr<const Judgment> JudgmentCache::Lookup(const Key& key, int64_t now_ns) {
  Shard& shard = ShardOf(key);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.index.find(key);
  if (it == shard.index.end()) return nullptr;
  if (now_ns - it->second->inserted_ns > ttl_ns_) {
    shard.lru.erase(it->second);
    shard.index.erase(it);
    return nullptr;
  }
  shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
  return it->second->judgment;
}

void JudgmentCache::Insert(const Key& key, std::shared_ptr<const Judgment> judgment,
                           int64_t now_ns) {
  Shard& shard = ShardOf(key);
  std::lock_guard<std::mutex> lock(shard.mu);
  auto it = shard.index.find(key);
  if (it != shard.index.end()) {
    it->second->judgment = std::move(judgment);
    it->second->inserted_ns = now_ns;
    shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
    return;
  }
  shard.lru.push_front(Entry{key, std::move(judgment), now_ns});
  shard.index.emplace(key, shard.lru.begin());
  if (shard.lru.size() > shard_capacity_) {
    shard.index.erase(shard.lru.back().key);
    shard.lru.pop_back();
  }
}

size_t JudgmentCache::Size() const {
  size_t n = 0;
  for (int i = 0; i < kShards; ++i) {
    std::lock_guard<std::mutex> lock(shards_[i].mu);
    n += shards_[i].lru.size();
  }
  return n;
}

}  // namespace nethical::detect
