#include "engine/quarantine/quarantine_manager.h"

#include "engine/base/string_map.h"

namespace nethical::quarantine {

std::string_view QuarantineScopeName(QuarantineScope s) {
  return s == QuarantineScope::kAgent ? "agent" : "cohort";
}

uint64_t QuarantineManager::ScopedIdHash::operator()(const ScopedIdView& v) const {
  // A cohort and an agent of the same name are different keys: flipping a
  // fixed pattern keeps the hash as well mixed as StringHash's.
  const uint64_t h = StringHash{}(v.id);
  return v.scope == QuarantineScope::kAgent ? h : h ^ 0x9e3779b97f4a7c15ULL;
}

QuarantineManager::QuarantineManager(const Config& config, const Clock& clock,
                                     std::unique_ptr<SharedQuarantineList> shared, bool sync_thread)
    : config_(config), clock_(clock), shared_(std::move(shared)) {
  if (shared_ != nullptr && sync_thread) sync_thread_ = std::thread([this] { SyncLoop(); });
}

QuarantineManager::~QuarantineManager() {
  if (!sync_thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(stop_mu_);
    stop_ = true;
  }
  stop_cv_.notify_all();
  sync_thread_.join();
}

void QuarantineManager::SyncLoop() {
  std::unique_lock<std::mutex> stop_lock(stop_mu_);
  while (
      !stop_cv_.wait_for(stop_lock, std::chrono::nanoseconds(kSyncIntervalNanos), [this] { return stop_; })) {
    const int64_t now = clock_.NowNanos();
    if (now < next_sync_nanos_.load(std::memory_order_relaxed)) continue;
    std::lock_guard<std::mutex> lock(shared_mu_);
    if (clock_.NowNanos() < next_sync_nanos_.load(std::memory_order_relaxed)) continue;
    next_sync_nanos_.store(now + kSyncIntervalNanos, std::memory_order_relaxed);
    SyncLocked(now);
  }
}

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

bool QuarantineManager::Upsert(const ScopedIdView& key, std::string_view reason, int64_t start, int64_t end,
                               uint64_t generation, int64_t now_nanos) {
  const auto fill = [&](Entry& e) {
    e.reason.assign(reason);
    e.start_nanos = start;
    e.end_nanos = end;
    e.generation = generation;
  };
  // Already held (live or expired): replaced in place, no room needed.
  if (table_.WithExisting(key, fill)) return true;
  if (!Reserve(now_nanos)) return false;
  table_.WithEntry(key, [&](Entry& e, bool inserted) {
    fill(e);
    if (!inserted) held_.fetch_sub(1, std::memory_order_relaxed);  // another caller inserted it meanwhile
  });
  return true;
}

Status QuarantineManager::Quarantine(QuarantineScope scope, std::string_view id, std::string_view reason,
                                     std::chrono::nanoseconds duration) {
  if (id.empty())
    return InvalidArgument("quarantine: empty " + std::string(QuarantineScopeName(scope)) + " id");
  if (duration.count() <= 0 || duration > std::chrono::seconds(config_.max_duration_seconds))
    return InvalidArgument("quarantine duration " + std::to_string(duration.count() / 1'000'000'000) +
                           " s: must be > 0 and <= the longest quarantine allowed (" +
                           std::to_string(config_.max_duration_seconds) + " s)");
  const std::string_view cut = reason.substr(0, kMaxReasonBytes);
  std::unique_lock<std::mutex> shared_lock(shared_mu_, std::defer_lock);
  if (shared_ != nullptr) shared_lock.lock();
  const int64_t now = clock_.NowNanos();
  const int64_t end = now + duration.count();
  if (!Upsert({scope, id}, cut, now, end, generation_, now))
    return ResourceExhausted("quarantine table full: " + std::to_string(config_.max_entries) +
                             " live quarantines (the most held at once)");
  if (shared_ != nullptr) {
    const int64_t offset = WallOffset();
    shared_->Put({scope, std::string(id), std::string(cut), now + offset, end + offset});
  }
  return Status::Ok();
}

bool QuarantineManager::Release(QuarantineScope scope, std::string_view id) {
  std::unique_lock<std::mutex> shared_lock(shared_mu_, std::defer_lock);
  if (shared_ != nullptr) shared_lock.lock();
  const int64_t now = clock_.NowNanos();
  bool live = false;
  const bool erased = table_.WithShardOf(ScopedIdView{scope, id}, [&](Map::Table& t, uint64_t hash) {
    const Entry* e = t.Peek(ScopedIdView{scope, id}, hash);
    if (e == nullptr) return false;
    live = e->end_nanos > now;
    return t.Erase(ScopedIdView{scope, id}, hash);
  });
  if (erased) held_.fetch_sub(1, std::memory_order_relaxed);
  // Sent even when not held here: another engine may hold it.
  if (shared_ != nullptr) shared_->Remove(scope, id);
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

void QuarantineManager::SyncIfOverdue(int64_t now_nanos) {
  // One caller reads the list; the others go on with the local view rather
  // than wait for it.
  std::unique_lock<std::mutex> lock(shared_mu_, std::try_to_lock);
  if (lock.owns_lock() && now_nanos >= next_sync_nanos_.load(std::memory_order_relaxed)) {
    next_sync_nanos_.store(now_nanos + kSyncIntervalNanos, std::memory_order_relaxed);
    SyncLocked(now_nanos);
  }
}

bool QuarantineManager::IsQuarantined(std::string_view agent, std::string_view cohort, int64_t now_nanos) {
  if (shared_ != nullptr && now_nanos >= next_sync_nanos_.load(std::memory_order_relaxed)) [[unlikely]]
    SyncIfOverdue(now_nanos);
  if (held_.load(std::memory_order_relaxed) == 0) return false;  // the fast path: one load
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

bool QuarantineManager::SyncShared() {
  if (shared_ == nullptr) return false;
  std::lock_guard<std::mutex> lock(shared_mu_);
  const int64_t now = clock_.NowNanos();
  next_sync_nanos_.store(now + kSyncIntervalNanos, std::memory_order_relaxed);
  return SyncLocked(now);
}

bool QuarantineManager::SyncLocked(int64_t now_nanos) {
  const int64_t offset = WallOffset();
  std::optional<SharedQuarantineList::Snapshot> snapshot = shared_->Sync(now_nanos + offset);
  if (!snapshot) return false;
  if (snapshot->lost) {  // the server lost the list: put ours back first
    for (const QuarantineRecord& r : List(now_nanos))
      shared_->Put({r.scope, r.id, r.reason, r.start_nanos + offset, r.end_nanos + offset});
    snapshot = shared_->Sync(now_nanos + offset);
    if (!snapshot) return false;
  }
  if (!snapshot->records) return true;  // unchanged
  const uint64_t generation = ++generation_;
  for (const QuarantineRecord& r : *snapshot->records) {
    const int64_t end = r.end_nanos - offset;
    if (end <= now_nanos) continue;
    const std::string_view reason = std::string_view(r.reason).substr(0, kMaxReasonBytes);
    if (!Upsert({r.scope, r.id}, reason, r.start_nanos - offset, end, generation, now_nanos))
      not_held_.fetch_add(1, std::memory_order_relaxed);
  }
  // What the list no longer holds was released (or expired) elsewhere.
  for (size_t i = 0; i < Map::kShards; ++i) {
    const size_t dropped = table_.EraseIf(
        i, [generation](const ScopedId&, const Entry& e) { return e.generation != generation; });
    held_.fetch_sub(dropped, std::memory_order_relaxed);
  }
  return true;
}

std::optional<SharedStateCounts> QuarantineManager::SharedState() const {
  if (shared_ == nullptr) return std::nullopt;
  SharedStateCounts c = shared_->Counts();
  c.errors += not_held_.load(std::memory_order_relaxed);
  return c;
}

}  // namespace nethical::quarantine
