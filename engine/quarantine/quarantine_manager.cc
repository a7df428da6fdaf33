#include "engine/quarantine/quarantine_manager.h"

#include "engine/base/string_map.h"

namespace nethical::quarantine {

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

uint64_t QuarantineManager::ScopedIdHash::operator()(const ScopedIdView& v) const {
  // A cohort and an agent of the same name are different keys: flipping a
  // fixed pattern keeps the hash as well mixed as StringHash's.
  const uint64_t h = StringHash{}(v.id);
  return v.scope == QuarantineScope::kAgent ? h : h ^ 0x9e3779b97f4a7c15ULL;
}

QuarantineManager::QuarantineManager(const Config& config, const Clock& clock)
    : config_(config), clock_(clock) {}

Status QuarantineManager::Quarantine(QuarantineScope scope, std::string_view id, std::string_view reason) {
  return Quarantine(scope, id, reason, std::chrono::seconds(config_.default_duration_seconds));
}

bool QuarantineManager::Reserve(int64_t now_nanos) {
  const size_t max = static_cast<size_t>(config_.max_entries);
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (held_.fetch_add(1, std::memory_order_relaxed) < max) return true;
    held_.fetch_sub(1, std::memory_order_relaxed);
    if (attempt == 0) ReleaseExpired(now_nanos);
  }
  return false;
}

Status QuarantineManager::Quarantine(QuarantineScope scope, std::string_view id, std::string_view reason,
                                     std::chrono::nanoseconds duration) {
  if (id.empty())
    return InvalidArgument("quarantine: empty " + std::string(QuarantineScopeName(scope)) + " id");
  if (duration.count() <= 0 || duration > std::chrono::seconds(config_.max_duration_seconds))
    return InvalidArgument("quarantine duration " + std::to_string(duration.count() / 1'000'000'000) +
                           " s: must be > 0 and <= the longest quarantine allowed (" +
                           std::to_string(config_.max_duration_seconds) + " s)");
  const int64_t now = clock_.NowNanos();
  const ScopedIdView key{scope, id};
  const auto fill = [&](Entry& e) {
    e.reason.assign(reason.substr(0, kMaxReasonBytes));
    e.start_nanos = now;
    e.end_nanos = now + duration.count();
  };
  // Already held (live or expired): replaced in place, no room needed.
  if (table_.WithExisting(key, fill)) return Status::Ok();
  if (!Reserve(now))
    return ResourceExhausted("quarantine table full: " + std::to_string(config_.max_entries) +
                             " live quarantines (the most held at once)");
  table_.WithEntry(key, [&](Entry& e, bool inserted) {
    fill(e);
    if (!inserted) held_.fetch_sub(1, std::memory_order_relaxed);  // another caller inserted it meanwhile
  });
  return Status::Ok();
}

bool QuarantineManager::Release(QuarantineScope scope, std::string_view id) {
  const int64_t now = clock_.NowNanos();
  bool live = false;
  const bool erased = table_.WithShardOf(ScopedIdView{scope, id}, [&](Map::Table& t, uint64_t hash) {
    const Entry* e = t.Peek(ScopedIdView{scope, id}, hash);
    if (e == nullptr) return false;
    live = e->end_nanos > now;
    return t.Erase(ScopedIdView{scope, id}, hash);
  });
  if (erased) held_.fetch_sub(1, std::memory_order_relaxed);
  return live;
}

template <typename Fn>
bool QuarantineManager::WithLive(const ScopedIdView& key, int64_t now_nanos, Fn&& fn) {
  if (key.id.empty() || held_.load(std::memory_order_relaxed) == 0) return false;
  enum { kAbsent, kLive, kExpired };
  const int found = table_.WithShardOf(key, [&](Map::Table& t, uint64_t hash) {
    const Entry* e = t.Peek(key, hash);
    if (e == nullptr) return kAbsent;
    if (e->end_nanos <= now_nanos) {  // release on expiry, checked on read
      t.Erase(key, hash);
      return kExpired;
    }
    fn(*e);
    return kLive;
  });
  if (found == kExpired) held_.fetch_sub(1, std::memory_order_relaxed);
  return found == kLive;
}

std::optional<QuarantineRecord> QuarantineManager::Lookup(QuarantineScope scope, std::string_view id,
                                                          int64_t now_nanos) {
  std::optional<QuarantineRecord> record;
  WithLive({scope, id}, now_nanos, [&](const Entry& e) {
    record = QuarantineRecord{scope, std::string(id), e.reason, e.start_nanos, e.end_nanos};
  });
  return record;
}

bool QuarantineManager::IsQuarantined(std::string_view agent, std::string_view cohort, int64_t now_nanos) {
  const auto nothing = [](const Entry&) {};
  return WithLive({QuarantineScope::kAgent, agent}, now_nanos, nothing) ||
         WithLive({QuarantineScope::kCohort, cohort}, now_nanos, nothing);
}

std::optional<QuarantineRecord> QuarantineManager::Find(std::string_view agent, std::string_view cohort,
                                                        int64_t now_nanos) {
  if (auto r = Lookup(QuarantineScope::kAgent, agent, now_nanos)) return r;
  return Lookup(QuarantineScope::kCohort, cohort, now_nanos);
}

std::vector<QuarantineRecord> QuarantineManager::List(int64_t now_nanos) const {
  std::vector<QuarantineRecord> out;
  table_.ForEach([&](const ScopedId& k, const Entry& e) {
    if (e.end_nanos > now_nanos) out.push_back({k.scope, k.id, e.reason, e.start_nanos, e.end_nanos});
  });
  return out;
}

size_t QuarantineManager::ReleaseExpired(int64_t now_nanos) {
  size_t total = 0;
  for (size_t i = 0; i < Map::kShards; ++i) {
    const size_t dropped =
        table_.EraseIf(i, [now_nanos](const ScopedId&, const Entry& e) { return e.end_nanos <= now_nanos; });
    held_.fetch_sub(dropped, std::memory_order_relaxed);
    total += dropped;
  }
  return total;
}

}  // namespace nethical::quarantine
