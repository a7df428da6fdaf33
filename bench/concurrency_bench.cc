// The shared concurrency parts of engine/base (issue 15 item 5):
//
//   BM_MapWithEntryHit/<agents>     ShardedLruMap<std::string, int64_t>
//                                   WithEntry on a warm map of <agents> keys,
//                                   ids in pseudo-random order (an LRU relink
//                                   per call); Threads(1) and Threads(2)
//   BM_MapInsertionOrderHit/<agents> the same map with EntryOrder::kInsertion
//                                   (no relink): the price of the LRU order
//   BM_MapBoundedChurn              a bounded map (1024 entries) under a
//                                   stream of new keys: every call evicts
//   BM_QueueDropPushPopBatch/<batch> BoundedQueue, drop policy, one thread:
//                                   push <batch> items then PopBatch them
//   BM_QueueBlockTwoThreads         one producer thread, one consumer draining
//                                   in batches of 256 (blocking policy)
//
// The implementations these replaced (quota's ShardedEntityTable, anomaly's
// AgentTable, the risk tracker's and the judgment cache's list+unordered_map
// LRUs, the audit RecordQueue and the shadow ShadowLogQueue) are gone from
// the tree; their before/after figures, measured with the component
// benchmarks built at the last commit that had them, are in
// docs/benchmarks.md ("Shared concurrency parts").
//
// Run: bazel run -c opt //bench:concurrency_bench
#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "benchmark/benchmark.h"
#include "engine/base/bounded_queue.h"
#include "engine/base/sharded_lru_map.h"

namespace {

using nethical::BoundedQueue;
using nethical::EntryOrder;
using nethical::QueueFullPolicy;
using nethical::ShardedLruMap;
using nethical::StringHash;

std::vector<std::string> Ids(int n) {
  std::vector<std::string> ids;
  ids.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) ids.push_back("agent-" + std::to_string(100000 + i));
  return ids;
}

template <typename Map>
void RunHits(benchmark::State& state, Map& map, const std::vector<std::string>& ids) {
  const uint32_t n = static_cast<uint32_t>(ids.size());
  uint32_t i = static_cast<uint32_t>(state.thread_index()) * 7919u;
  for (auto _ : state) {
    i = i * 2654435761u + 1;
    const std::string& id = ids[(i >> 8) % n];
    benchmark::DoNotOptimize(map.WithEntry(std::string_view(id), [](int64_t& v, bool) { return ++v; }));
  }
  state.SetItemsProcessed(state.iterations());
}

// A warm map of n keys per order, built once (thread-safe static
// initialisation: both threads of a Threads(2) run see it ready) and kept
// for the process's life.
template <EntryOrder kOrder>
struct WarmMap {
  using Map = ShardedLruMap<std::string, int64_t, StringHash, std::equal_to<>, kOrder>;
  explicit WarmMap(int n) : ids(Ids(n)) {
    for (const std::string& id : ids) map.WithEntry(std::string_view(id), [](int64_t&, bool) { return 0; });
  }
  std::vector<std::string> ids;
  Map map;
};

template <EntryOrder kOrder>
void MapHit(benchmark::State& state) {
  static auto* small = new WarmMap<kOrder>(1'000);
  static auto* large = new WarmMap<kOrder>(100'000);
  WarmMap<kOrder>& warm = state.range(0) == 1'000 ? *small : *large;
  RunHits(state, warm.map, warm.ids);
}

void BM_MapWithEntryHit(benchmark::State& state) { MapHit<EntryOrder::kRecency>(state); }
void BM_MapInsertionOrderHit(benchmark::State& state) { MapHit<EntryOrder::kInsertion>(state); }
BENCHMARK(BM_MapWithEntryHit)->Arg(1'000)->Arg(100'000)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(BM_MapInsertionOrderHit)->Arg(1'000)->Arg(100'000)->Threads(1)->Threads(2)->UseRealTime();

void BM_MapBoundedChurn(benchmark::State& state) {
  ShardedLruMap<std::string, int64_t> map(1024);
  uint64_t next = 0;
  std::string id;
  for (auto _ : state) {
    id = "agent-" + std::to_string(next++);
    benchmark::DoNotOptimize(map.WithEntry(std::string_view(id), [](int64_t& v, bool) { return ++v; }));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MapBoundedChurn);

struct Line {
  uint64_t n = 0;
  std::string text;
};

void BM_QueueDropPushPopBatch(benchmark::State& state) {
  const size_t batch = static_cast<size_t>(state.range(0));
  BoundedQueue<Line> q(4096, QueueFullPolicy::kDrop);
  uint64_t sum = 0;
  for (auto _ : state) {
    for (size_t i = 0; i < batch; ++i) q.Push([&](Line& l) { l.n = i; });
    q.PopBatch(batch, [&](Line& l, uint64_t) { sum += l.n; });
  }
  benchmark::DoNotOptimize(sum);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(batch));
}
BENCHMARK(BM_QueueDropPushPopBatch)->Arg(1)->Arg(64)->Arg(256);

void BM_QueueBlockTwoThreads(benchmark::State& state) {
  BoundedQueue<Line> q(4096, QueueFullPolicy::kBlock);
  std::atomic<bool> done{false};
  uint64_t consumed = 0;
  std::thread consumer([&] {
    for (;;) {
      const size_t n = q.PopBatch(256, [&](Line& l, uint64_t) { consumed += l.n; });
      if (n == 0) {
        if (done.load(std::memory_order_acquire) && !q.HeadReady()) return;
        std::this_thread::yield();
      }
    }
  });
  for (auto _ : state) q.Push([](Line& l) { l.n = 1; });
  done.store(true, std::memory_order_release);
  consumer.join();
  state.SetItemsProcessed(state.iterations());
  state.counters["consumed"] = static_cast<double>(consumed);
}
BENCHMARK(BM_QueueBlockTwoThreads)->UseRealTime();

}  // namespace
