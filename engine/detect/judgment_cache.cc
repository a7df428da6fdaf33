#include "engine/detect/judgment_cache.h"

#include <utility>

namespace nethical::detect {

JudgmentCache::JudgmentCache(int64_t capacity, int64_t ttl_ns)
    : ttl_ns_(ttl_ns), map_(static_cast<size_t>(capacity)) {}

std::shared_ptr<const Judgment> JudgmentCache::Lookup(const Key& key, int64_t now_ns) {
  return map_.WithShardOf(key, [&](Map::Table& table, uint64_t hash) {
    std::shared_ptr<const Judgment> hit;
    Entry* entry = table.Find(key, hash);
    if (entry == nullptr) return hit;
    if (now_ns - entry->inserted_ns > ttl_ns_) {
      table.Erase(key, hash);
      return hit;
    }
    hit = entry->judgment;
    return hit;
  });
}

void JudgmentCache::Insert(const Key& key, std::shared_ptr<const Judgment> judgment, int64_t now_ns) {
  map_.WithEntry(key, [&](Entry& entry, bool) {
    entry.judgment = std::move(judgment);
    entry.inserted_ns = now_ns;
    return 0;
  });
}

}  // namespace nethical::detect
