// PayloadClusters: coordinated_attack's memory of recent payloads
// (correlation_engine.h), a fixed table of at most `capacity` clusters
// keyed by the payload's 64-bit hash.
//
//   PayloadClusters clusters(config.max_payload_clusters);
//   PayloadClusters::Seen c =
//       clusters.Observe(payload_hash, agent_hash, now, tolerance_nanos, window_nanos);
//   if (c.agent_count >= min_agents) report(c.agent_count, c.last - c.first);
//
// A cluster is one payload's greedy time cluster: its first and last action
// and the distinct agents (by hash, at most kMaxAgents) that sent it. An
// action more than `tolerance` after the cluster's last one, or more than
// `window` after its first, starts the cluster afresh.
//
// Layout: 8-way set-associative (fewer ways when capacity < 8), the set
// chosen by the hash, no allocation after construction and no sweeps. A
// payload not held takes a free way of its set, else the way whose last
// action is the oldest: the table forgets the stalest payload of the set,
// so under any rate of distinct payloads it keeps the most recent ones (at R
// distinct payloads a second, about capacity / R seconds of them). Stats
// count the clusters forgotten while still inside their tolerance (a
// coordinated attack spread wider than that memory is missed).
//
// Memory: about 100 bytes per cluster of capacity, zero-filled lazily by
// the kernel (calloc of a large block), so a large capacity costs memory
// only as the payloads spread over it. Not thread-safe (the engine's lock).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>

namespace nethical::correlation {

class PayloadClusters {
 public:
  static constexpr int kWays = 8;
  static constexpr int kMaxAgents = 8;

  // The payload's cluster after an action.
  struct Seen {
    int64_t first = 0;
    int64_t last = 0;
    int agent_count = 0;
  };

  // REQUIRES: capacity >= 1.
  explicit PayloadClusters(int64_t capacity);

  // Starts loading the part of the table that Observe(payload, ...) reads
  // first, so that a caller can do it before it takes the lock that
  // Observe needs (the table is ~10 MB at the default capacity: a lookup
  // misses the caches). Thread-safe with any call: it reads nothing the
  // other calls write.
  void Prefetch(uint64_t payload) const;

  // Records that `agent` sent `payload` at `now` and returns its cluster.
  Seen Observe(uint64_t payload, uint64_t agent, int64_t now, int64_t tolerance_nanos, int64_t window_nanos);

  size_t size() const { return size_; }                        // clusters held
  size_t capacity() const { return sets_ * ways_; }            // <= the constructor's capacity
  uint64_t forgotten_live() const { return forgotten_live_; }  // replaced within their tolerance

 private:
  struct Cluster {
    int64_t first;
    uint32_t agent_count;
    std::array<uint64_t, kMaxAgents> agents;  // distinct agent hashes, the first agent_count
  };
  // What a lookup and a replacement read comes first (two cache lines);
  // a cluster's agents only on a hit or a new cluster.
  struct Set {
    std::array<uint64_t, kWays> key;
    std::array<int64_t, kWays> last;
    uint32_t used;  // bit w: way w holds a cluster
    std::array<Cluster, kWays> way;
  };
  size_t SetIndex(uint64_t payload) const;
  struct FreeDeleter {
    void operator()(Set* p) const { std::free(p); }
  };

  size_t sets_;
  int ways_;
  std::unique_ptr<Set[], FreeDeleter> table_;  // calloc: all zero, every way free
  // Written by Observe on almost every new payload: away from the fields
  // above, which Prefetch reads without the caller's lock.
  alignas(64) size_t size_ = 0;
  uint64_t forgotten_live_ = 0;
};

}  // namespace nethical::correlation
