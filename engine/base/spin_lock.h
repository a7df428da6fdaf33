// SpinLock: the lock of one ShardedLruMap shard (sharded_lru_map.h). A shard
// is held for a few dozen nanoseconds (one hash probe and a little arithmetic), where an
// uncontended std::mutex (two atomic read-modify-writes and two library
// calls) would cost about as much as the work it guards. Lock is one
// exchange, unlock one release store.
//
// A waiter spins briefly, then yields its CPU on each further try, so a
// holder that was preempted (or is sweeping idle entries, the one long
// hold) gets to run. Satisfies BasicLockable (std::lock_guard works).
#pragma once

#include <atomic>
#include <thread>

#include "engine/base/cpu_relax.h"

namespace nethical {

class SpinLock {
 public:
  void lock() {
    if (!locked_.exchange(true, std::memory_order_acquire)) return;
    LockSlow();
  }

  void unlock() { locked_.store(false, std::memory_order_release); }

 private:
  void LockSlow() {
    for (int spins = 0;; ++spins) {
      // Wait on a plain load, so waiters do not keep stealing the line.
      while (locked_.load(std::memory_order_relaxed)) {
        if (spins < 64) {
          CpuRelax();
          ++spins;
        } else {
          std::this_thread::yield();
        }
      }
      if (!locked_.exchange(true, std::memory_order_acquire)) return;
    }
  }

  std::atomic<bool> locked_{false};
};

}  // namespace nethical
