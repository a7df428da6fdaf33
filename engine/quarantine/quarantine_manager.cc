#include "engine/quarantine/quarantine_manager.h"

#include <functional>
#include <mutex>
#include <unordered_map>

#include "engine/base/string_map.h"

namespace nethical::quarantine {
namespace {

struct Entry {
  std::string reason;
  int64_t start_nanos = 0;
  int64_t end_nanos = 0;
};

using EntryMap = StringMap<Entry>;

}  // namespace

Status Validate(const Config& c) {
  if (c.default_duration_seconds <= 0)
    return InvalidArgument("NETHICAL_QUARANTINE_DURATION_SECONDS=" +
                           std::to_string(c.default_duration_seconds) + ": must be > 0");
  if (c.max_duration_seconds < c.default_duration_seconds)
    return InvalidArgument(
        "NETHICAL_QUARANTINE_MAX_DURATION_SECONDS=" + std::to_string(c.max_duration_seconds) +
        ": must be >= NETHICAL_QUARANTINE_DURATION_SECONDS (" + std::to_string(c.default_duration_seconds) +
        ")");
  if (c.max_duration_seconds > int64_t{10} * 365 * 24 * 3600)
    return InvalidArgument("NETHICAL_QUARANTINE_MAX_DURATION_SECONDS=" +
                           std::to_string(c.max_duration_seconds) + ": must be <= 315360000 (10 years)");
  if (c.max_entries < 1 || c.max_entries > 100'000'000)
    return InvalidArgument("NETHICAL_QUARANTINE_MAX_ENTRIES=" + std::to_string(c.max_entries) +
                           ": must be between 1 and 100000000");
  return Status::Ok();
}

std::string_view QuarantineScopeName(QuarantineScope s) {
  return s == QuarantineScope::kAgent ? "agent" : "cohort";
}

struct QuarantineManager::Shard {
  std::mutex lock;
  EntryMap agents;
  EntryMap cohorts;
  EntryMap& Of(QuarantineScope s) { return s == QuarantineScope::kAgent ? agents : cohorts; }
  size_t size() const { return agents.size() + cohorts.size(); }
};

QuarantineManager::QuarantineManager(const Config& config, const Clock& clock)
    : config_(config),
      clock_(clock),
      shard_capacity_(static_cast<size_t>((config.max_entries + kShards - 1) / kShards)),
      shards_(new Shard[kShards]) {}

QuarantineManager::~QuarantineManager() = default;

QuarantineManager::Shard& QuarantineManager::ShardOf(size_t hash) {
  // The top bits: the map's buckets use the low ones.
  return shards_[(hash >> (sizeof(size_t) * 8 - kShardBits)) & (kShards - 1)];
}

Status QuarantineManager::Quarantine(QuarantineScope scope, std::string_view id, std::string_view reason) {
  return Quarantine(scope, id, reason, std::chrono::seconds(config_.default_duration_seconds));
}

Status QuarantineManager::Quarantine(QuarantineScope scope, std::string_view id, std::string_view reason,
                                     std::chrono::nanoseconds duration) {
  if (id.empty())
    return InvalidArgument("quarantine: empty " + std::string(QuarantineScopeName(scope)) + " id");
  if (duration.count() <= 0 || duration > std::chrono::seconds(config_.max_duration_seconds))
    return InvalidArgument("quarantine duration " + std::to_string(duration.count() / 1'000'000'000) +
                           " s: must be > 0 and <= NETHICAL_QUARANTINE_MAX_DURATION_SECONDS (" +
                           std::to_string(config_.max_duration_seconds) + ")");
  const int64_t now = clock_.NowNanos();
  Entry entry{std::string(reason.substr(0, kMaxReasonBytes)), now, now + duration.count()};
  Shard& shard = ShardOf(StringHash{}(id));
  std::lock_guard<std::mutex> guard(shard.lock);
  EntryMap& map = shard.Of(scope);
  if (auto it = map.find(id); it != map.end()) {
    it->second = std::move(entry);
    return Status::Ok();
  }
  if (shard.size() >= shard_capacity_) {
    size_t dropped = 0;
    for (EntryMap* m : {&shard.agents, &shard.cohorts})
      dropped += std::erase_if(*m, [now](const auto& kv) { return kv.second.end_nanos <= now; });
    held_.fetch_sub(dropped, std::memory_order_relaxed);
    if (shard.size() >= shard_capacity_)
      return ResourceExhausted("quarantine table full: NETHICAL_QUARANTINE_MAX_ENTRIES=" +
                               std::to_string(config_.max_entries) + " live quarantines");
  }
  map.emplace(std::string(id), std::move(entry));
  held_.fetch_add(1, std::memory_order_relaxed);
  return Status::Ok();
}

bool QuarantineManager::Release(QuarantineScope scope, std::string_view id) {
  const int64_t now = clock_.NowNanos();
  Shard& shard = ShardOf(StringHash{}(id));
  std::lock_guard<std::mutex> guard(shard.lock);
  EntryMap& map = shard.Of(scope);
  auto it = map.find(id);
  if (it == map.end()) return false;
  const bool live = it->second.end_nanos > now;
  map.erase(it);
  held_.fetch_sub(1, std::memory_order_relaxed);
  return live;
}

std::optional<QuarantineRecord> QuarantineManager::Lookup(QuarantineScope scope, std::string_view id,
                                                          int64_t now_nanos) {
  if (id.empty() || held_.load(std::memory_order_relaxed) == 0) return std::nullopt;
  Shard& shard = ShardOf(StringHash{}(id));
  std::lock_guard<std::mutex> guard(shard.lock);
  EntryMap& map = shard.Of(scope);
  auto it = map.find(id);
  if (it == map.end()) return std::nullopt;
  if (it->second.end_nanos <= now_nanos) {  // release on expiry, checked on read
    map.erase(it);
    held_.fetch_sub(1, std::memory_order_relaxed);
    return std::nullopt;
  }
  return QuarantineRecord{scope, it->first, it->second.reason, it->second.start_nanos, it->second.end_nanos};
}

bool QuarantineManager::IsQuarantined(std::string_view agent, std::string_view cohort, int64_t now_nanos) {
  if (held_.load(std::memory_order_relaxed) == 0) return false;
  for (QuarantineScope scope : {QuarantineScope::kAgent, QuarantineScope::kCohort}) {
    const std::string_view id = scope == QuarantineScope::kAgent ? agent : cohort;
    if (id.empty()) continue;
    Shard& shard = ShardOf(StringHash{}(id));
    std::lock_guard<std::mutex> guard(shard.lock);
    EntryMap& map = shard.Of(scope);
    auto it = map.find(id);
    if (it == map.end()) continue;
    if (it->second.end_nanos > now_nanos) return true;
    map.erase(it);
    held_.fetch_sub(1, std::memory_order_relaxed);
  }
  return false;
}

std::optional<QuarantineRecord> QuarantineManager::Find(std::string_view agent, std::string_view cohort,
                                                        int64_t now_nanos) {
  if (auto r = Lookup(QuarantineScope::kAgent, agent, now_nanos)) return r;
  return Lookup(QuarantineScope::kCohort, cohort, now_nanos);
}

size_t QuarantineManager::ReleaseExpired(int64_t now_nanos) {
  size_t total = 0;
  for (int i = 0; i < kShards; ++i) {
    Shard& shard = shards_[i];
    std::lock_guard<std::mutex> guard(shard.lock);
    size_t dropped = 0;
    for (EntryMap* m : {&shard.agents, &shard.cohorts})
      dropped += std::erase_if(*m, [now_nanos](const auto& kv) { return kv.second.end_nanos <= now_nanos; });
    held_.fetch_sub(dropped, std::memory_order_relaxed);
    total += dropped;
  }
  return total;
}

}  // namespace nethical::quarantine
