// Quarantine by agent and by cohort (docs/original.md §7.5, docs/stages.md
// "Quarantine"), bounded and thread-safe.
//
//   QuarantineManager quarantine(config, clock);
//   quarantine.Quarantine(QuarantineScope::kCohort, "beta", "drift alert");     // 24 h
//   quarantine.Quarantine(QuarantineScope::kAgent, "agent-7", "TERMINATE",
//                         std::chrono::hours(2));
//   if (quarantine.IsQuarantined(agent, cohort, clock.NowNanos())) ...         // fast path
//   if (auto hit = quarantine.Find(agent, cohort, now)) reason = hit->reason;   // details
//   quarantine.Release(QuarantineScope::kAgent, "agent-7");                     // manual release
//
// A quarantine starts when Quarantine() is called (the injected Clock) and
// lasts `duration` (default_duration_seconds, 24 h in the original; at most
// max_duration_seconds, 168 h). Quarantining an id that is already
// quarantined replaces its reason, start and duration. Release on expiry is
// checked on read, as in the original: a read at or after start + duration
// sees no quarantine and removes the entry. An agent is quarantined if its own
// id or its cohort is.
//
// Cost: with no entry held, IsQuarantined is one relaxed atomic load. With
// entries, it is one hash of each id and a probe of one shard of a
// ShardedLruMap (engine/base) under that shard's spin lock (the agent's,
// then the cohort's): tens of nanoseconds (bench/quarantine_bench.cc).
// Quarantine, Release and Find copy strings and may allocate.
//
// Shared (NETHICAL_SHARED_QUARANTINE): given a SharedQuarantineList, every
// Quarantine and Release is also sent to it, and the list is read back every
// kSyncIntervalNanos of the manager's clock, making the local table equal to
// it: quarantines other engines started appear, released ones go. Lookups
// stay local. A background thread does the reads (it wakes every 100 ms of
// real time and reads when the manager's clock says one is due), so no
// lookup waits for a round trip; if it falls behind, the first lookup that
// finds a read overdue does it (one caller; the others go on with the local
// view). If the server lost the list, this engine puts its own live
// quarantines back before reading it.
//
// Bounds: at most max_entries quarantines (agents plus cohorts) at once; at
// the bound, Quarantine first drops every expired entry, then refuses with
// ResourceExhausted. Reasons are cut to kMaxReasonBytes. Nothing grows with
// run time. Thread-safe: every method may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "engine/base/clock.h"
#include "engine/base/sharded_lru_map.h"
#include "engine/base/status.h"
#include "engine/quarantine/quarantine_record.h"
#include "engine/quarantine/shared_quarantine_list.h"
#include "engine/shared_state/shared_state_counts.h"

namespace nethical::quarantine {

struct Config {
  // NETHICAL_QUARANTINE_DURATION_SECONDS: the original's 24 h.
  int64_t default_duration_seconds = 24 * 3600;
  // NETHICAL_QUARANTINE_MAX_DURATION_SECONDS: the original's 168 h.
  int64_t max_duration_seconds = 168 * 3600;
  // NETHICAL_QUARANTINE_MAX_ENTRIES: agents plus cohorts held at once.
  int64_t max_entries = 100'000;
};

class QuarantineManager {
 public:
  static constexpr size_t kMaxReasonBytes = 256;

  // How often, at most, a shared list is read back.
  static constexpr int64_t kSyncIntervalNanos = 100'000'000;  // 100 ms

  // REQUIRES: a configuration the config layer accepted
  // (Validate(QuarantineSection), engine/config): both durations > 0, the
  // maximum >= the default, max_entries >= 1. `clock` must outlive the manager.
  // `shared`: null for a list of this process only. `sync_thread`: false
  // leaves the reads to lookups and SyncShared() (for tests that need to
  // know when a read happens).
  QuarantineManager(const Config& config, const Clock& clock,
                    std::unique_ptr<SharedQuarantineList> shared = nullptr, bool sync_thread = true);
  ~QuarantineManager();
  QuarantineManager(const QuarantineManager&) = delete;
  QuarantineManager& operator=(const QuarantineManager&) = delete;

  // Quarantines `id` for config.default_duration_seconds from now.
  Status Quarantine(QuarantineScope scope, std::string_view id, std::string_view reason);
  // Quarantines `id` for `duration`: InvalidArgument unless
  // 0 < duration <= max_duration_seconds; InvalidArgument for an empty id;
  // ResourceExhausted when max_entries live quarantines are held.
  Status Quarantine(QuarantineScope scope, std::string_view id, std::string_view reason,
                    std::chrono::nanoseconds duration);

  // Ends a quarantine early. False if `id` was not quarantined (or had expired).
  bool Release(QuarantineScope scope, std::string_view id);

  // True if `agent` or `cohort` is quarantined at `now_nanos`. An empty
  // cohort is never looked up.
  bool IsQuarantined(std::string_view agent, std::string_view cohort, int64_t now_nanos);

  // The quarantine that applies at `now_nanos`: the agent's own if any, else
  // its cohort's.
  std::optional<QuarantineRecord> Find(std::string_view agent, std::string_view cohort, int64_t now_nanos);
  // The quarantine of exactly this id, if live at `now_nanos`.
  std::optional<QuarantineRecord> Lookup(QuarantineScope scope, std::string_view id, int64_t now_nanos);
  // Every quarantine live at `now_nanos`, in no particular order.
  std::vector<QuarantineRecord> List(int64_t now_nanos) const;

  // Entries held now, expired ones not yet read included.
  size_t Held() const { return held_.load(std::memory_order_relaxed); }
  // Drops every expired entry; returns how many.
  size_t ReleaseExpired(int64_t now_nanos);

  // Shared only: reads the shared list now (not waiting for the interval);
  // false if it could not be read.
  bool SyncShared();
  // What the shared list did; empty when not shared.
  std::optional<SharedStateCounts> SharedState() const;

 private:
  // An entry's key: the scope and the id (looked up by ScopedIdView, no copy).
  struct ScopedIdView {
    QuarantineScope scope;
    std::string_view id;
  };
  struct ScopedId {
    explicit ScopedId(const ScopedIdView& v) : scope(v.scope), id(v.id) {}
    QuarantineScope scope;
    std::string id;
  };
  struct ScopedIdHash {
    uint64_t operator()(const ScopedIdView& v) const;
  };
  struct ScopedIdEq {
    bool operator()(const ScopedId& k, const ScopedIdView& v) const {
      return k.scope == v.scope && k.id == v.id;
    }
  };
  struct Entry {
    std::string reason;
    int64_t start_nanos = 0;
    int64_t end_nanos = 0;    // released at and after this instant
    uint64_t generation = 0;  // the shared read that last confirmed it (shared only)
  };
  using Map = ShardedLruMap<ScopedId, Entry, ScopedIdHash, ScopedIdEq, EntryOrder::kInsertion>;

  // Counts one more entry in held_ if below max_entries (dropping expired
  // entries first at the bound); false if there is no room.
  bool Reserve(int64_t now_nanos);
  // Inserts or replaces `key`'s entry; false if there is no room.
  bool Upsert(const ScopedIdView& key, std::string_view reason, int64_t start, int64_t end,
              uint64_t generation, int64_t now_nanos);
  // Shared only: a read the background thread has not done yet (one
  // caller does it, without waiting for another).
  [[gnu::noinline]] void SyncIfOverdue(int64_t now_nanos);
  // Shared only, under shared_mu_: reads the list and applies it.
  bool SyncLocked(int64_t now_nanos);
  // The wall clock minus the manager's clock, now.
  int64_t WallOffset() const { return clock_.WallNanos() - clock_.NowNanos(); }

  // The entry of `key` if live at `now_nanos`, copied out by `fn`; an expired
  // one is erased (release on expiry, checked on read).
  template <typename Fn>
  bool WithLive(const ScopedIdView& key, int64_t now_nanos, Fn&& fn);

  const Config config_;
  const Clock& clock_;
  std::atomic<size_t> held_{0};
  Map table_;

  const std::unique_ptr<SharedQuarantineList> shared_;
  std::mutex shared_mu_;  // orders changes sent to the list and reads of it
  std::atomic<int64_t> next_sync_nanos_{0};
  uint64_t generation_ = 0;            // guarded by shared_mu_
  std::atomic<uint64_t> not_held_{0};  // shared quarantines refused for room

  // The background reader (shared, sync_thread only).
  void SyncLoop();
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stop_ = false;  // guarded by stop_mu_
  std::thread sync_thread_;
};

}  // namespace nethical::quarantine
