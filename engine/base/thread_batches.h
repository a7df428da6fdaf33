// ThreadBatches: items that many threads add to one shared structure, handed
// over in batches per thread once more than one thread adds, so that the
// shared structure's cache lines move between cores once per batch instead
// of once per item.
//
//   ThreadBatches<uint16_t, 32> batches;
//   batches.Add(item, [&](std::span<const uint16_t> items) { ApplyToShared(items); });
//
// While items come from one thread (or from threads one after another,
// which get the same stripe, engine/base/thread_stripe.h), Add hands each
// item over at once, in a batch of one: a single-threaded caller sees
// exactly what it would without batching. From the first item of a second
// thread on, each thread collects kBatch items in its lane (its stripe
// modulo kLanes) and hands them over together, in the order they were
// added: the shared structure then lags behind by up to kBatch - 1 items
// per lane. Nothing is dropped; items a lane holds when its threads stop
// are handed over by Flush() or by the lane's next kBatch-th item.
//
// Thread-safe. `apply` runs under the lane's lock (held by one thread but
// for threads that share a stripe), so batches of one lane never overlap;
// batches of different lanes do, and `apply` must be thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <span>

#include "engine/base/spin_lock.h"
#include "engine/base/thread_stripe.h"

namespace nethical {

template <typename T, size_t kBatch, size_t kLanes = 8>
class ThreadBatches {
 public:
  static_assert(kBatch >= 1 && kLanes >= 1);

  template <typename Apply>
  void Add(const T& item, Apply&& apply) {
    const uint32_t stripe = ThreadStripe();
    uint32_t owner = owner_.load(std::memory_order_relaxed);
    if (owner != stripe && owner != kBatching) [[unlikely]]
      owner = Claim(stripe);
    if (owner == stripe) {  // one thread so far: at once
      apply(std::span<const T>(&item, 1));
      return;
    }
    AddToLane(lanes_[stripe % kLanes], item, apply);
  }

  // Hands over what every lane holds (a lane's items in order).
  template <typename Apply>
  void Flush(Apply&& apply) {
    for (Lane& lane : lanes_) {
      std::lock_guard<SpinLock> lock(lane.mu);
      if (lane.size == 0) continue;
      apply(std::span<const T>(lane.items.data(), lane.size));
      lane.size = 0;
    }
  }

  // Whether items are batched (a second thread has added).
  bool batching() const { return owner_.load(std::memory_order_relaxed) == kBatching; }

 private:
  // owner_: kUnclaimed before the first item, then the stripe of the thread
  // that added it, then kBatching from a second stripe's first item on.
  // ThreadStripe() never reaches these values (it is below the number of
  // live threads).
  static constexpr uint32_t kUnclaimed = UINT32_MAX;
  static constexpr uint32_t kBatching = UINT32_MAX - 1;

  struct alignas(64) Lane {
    SpinLock mu;
    uint32_t size = 0;  // guarded by mu
    std::array<T, kBatch> items;
  };

  // Out of line: the single-thread path above stays short.
  template <typename Apply>
  [[gnu::noinline]] void AddToLane(Lane& lane, const T& item, Apply& apply) {
    std::lock_guard<SpinLock> lock(lane.mu);
    lane.items[lane.size++] = item;
    if (lane.size < kBatch) return;
    apply(std::span<const T>(lane.items.data(), kBatch));
    lane.size = 0;
  }

  // The owner after `stripe` asked: `stripe` if it is the first, else kBatching.
  uint32_t Claim(uint32_t stripe) {
    uint32_t owner = kUnclaimed;
    if (owner_.compare_exchange_strong(owner, stripe, std::memory_order_relaxed)) return stripe;
    if (owner == stripe || owner == kBatching) return owner;
    owner_.store(kBatching, std::memory_order_relaxed);
    return kBatching;
  }

  alignas(64) std::atomic<uint32_t> owner_{kUnclaimed};
  std::array<Lane, kLanes> lanes_;
};

}  // namespace nethical
