// RecordQueue: a bounded multi-producer, single-consumer ring of encoded
// audit records, handed out in ticket order, so that the one writer thread
// sees records in exactly the order their leaf indexes were assigned.
//
//   uint64_t t = queue.Push(now, [&](std::string* slot) { EncodeRecord(r, slot); });
//   // consumer:
//   if (const QueuedRecord* rec = queue.Peek(next)) { ...; queue.Release(next++); }
//   else queue.WaitForTicket(next, timeout);
//
// Producers take no lock: one fetch_add claims a ticket and the slot
// ticket % capacity; the producer waits only if the ring is full (the
// writer is behind), which bounds memory. The consumer sleeps on a condition
// variable when the ring is empty; producers touch its mutex only while it
// sleeps. Push is safe from any number of threads; Peek, Release and
// WaitForTicket from one consumer thread only.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace nethical::audit {

struct QueuedRecord {
  std::string bytes;
  int64_t pushed_nanos = 0;  // the producer's clock reading at Push
};

class RecordQueue {
 public:
  // REQUIRES: capacity is a power of two.
  explicit RecordQueue(size_t capacity) : mask_(capacity - 1), slots_(new Slot[capacity]) {
    for (size_t i = 0; i < capacity; ++i) slots_[i].seq.store(i, std::memory_order_relaxed);
  }

  // Claims the next ticket, lets `fill` write the record into the slot's
  // (cleared, capacity-reusing) string, publishes it with `now_nanos` and
  // returns the ticket.
  template <typename Fill>
  uint64_t Push(int64_t now_nanos, Fill&& fill) {
    const uint64_t ticket = next_ticket_.fetch_add(1, std::memory_order_relaxed);
    Slot& slot = slots_[ticket & mask_];
    for (int spins = 0;; ++spins) {
      const uint64_t seq = slot.seq.load(std::memory_order_acquire);
      if (seq == ticket) break;
      if (spins < 64) {
        std::this_thread::yield();
      } else {
        slot.seq.wait(seq, std::memory_order_acquire);
      }
    }
    slot.record.bytes.clear();
    fill(&slot.record.bytes);
    slot.record.pushed_nanos = now_nanos;
    // seq_cst store + seq_cst load of consumer_sleeping_ pair with the
    // consumer's store of consumer_sleeping_ + load of seq: one of the two
    // sides always sees the other, so no wake-up is lost.
    slot.seq.store(ticket + 1, std::memory_order_seq_cst);
    if (consumer_sleeping_.load(std::memory_order_seq_cst)) {
      std::lock_guard<std::mutex> lock(mu_);
      cv_.notify_one();
    }
    return ticket;
  }

  // The record for `ticket` if it is published, else nullptr.
  const QueuedRecord* Peek(uint64_t ticket) const {
    const Slot& slot = slots_[ticket & mask_];
    return slot.seq.load(std::memory_order_acquire) == ticket + 1 ? &slot.record : nullptr;
  }

  // Frees the slot of `ticket` (REQUIRES: Peek(ticket) != nullptr) for the
  // producer one lap ahead.
  void Release(uint64_t ticket) {
    Slot& slot = slots_[ticket & mask_];
    // A huge record must not pin its memory in the ring forever.
    if (slot.record.bytes.capacity() > kMaxRetainedBytes) std::string().swap(slot.record.bytes);
    slot.seq.store(ticket + mask_ + 1, std::memory_order_release);
    slot.seq.notify_all();
  }

  // Sleeps until `ticket` is published, Wake() is called, or `timeout`.
  void WaitForTicket(uint64_t ticket, std::chrono::nanoseconds timeout) {
    std::unique_lock<std::mutex> lock(mu_);
    consumer_sleeping_.store(true, std::memory_order_seq_cst);
    if (slots_[ticket & mask_].seq.load(std::memory_order_seq_cst) != ticket + 1 && !woken_) {
      cv_.wait_for(lock, timeout);
    }
    woken_ = false;
    consumer_sleeping_.store(false, std::memory_order_relaxed);
  }

  // Interrupts (or pre-empts) the consumer's next WaitForTicket.
  void Wake() {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
    cv_.notify_one();
  }

  // Tickets claimed so far (some may not be published yet).
  uint64_t tickets_claimed() const { return next_ticket_.load(std::memory_order_acquire); }

 private:
  static constexpr size_t kMaxRetainedBytes = 64 << 10;

  struct alignas(64) Slot {
    std::atomic<uint64_t> seq;
    QueuedRecord record;
  };

  const uint64_t mask_;
  std::unique_ptr<Slot[]> slots_;
  alignas(64) std::atomic<uint64_t> next_ticket_{0};
  alignas(64) std::atomic<bool> consumer_sleeping_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  bool woken_ = false;  // guarded by mu_
};

}  // namespace nethical::audit
