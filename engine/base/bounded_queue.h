// BoundedQueue<T>: a bounded multi-producer, single-consumer ring of T
// (Vyukov's array queue), handed out in ticket order. Producers take no
// lock; what a full ring does depends on the policy:
//   kBlock: Push waits for the consumer to free the slot (bounded memory,
//           nothing lost: the audit log's records);
//   kDrop:  Push returns nullopt without touching the slot and counts a drop
//           (the caller never waits: the shadow log's diagnostics).
//
//   BoundedQueue<Line> q(4096, QueueFullPolicy::kDrop);
//   q.Push([&](Line& slot) { slot.text.assign(text); });        // any thread
//   // consumer: drain what is published, many items per call
//   q.PopBatch(1024, [&](Line& item, uint64_t ticket) { out.append(item.text); });
//
// Ticket t lives in slot t % capacity. Push fills the slot in place through
// a callback, so T's buffers (strings) keep their capacity from lap to lap
// and a steady producer allocates nothing; the callback must set every
// field the consumer reads. The consumer reads items in place too, in
// ticket order, and stops at the first ticket a producer is still filling.
//
// Push is safe from any number of threads. PopBatch, HeadReady and the
// consumer's view of popped() need one consumer at a time (one thread, or
// callers serialised by the owner's lock).
#pragma once

#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <thread>

namespace nethical {

enum class QueueFullPolicy { kBlock, kDrop };

template <typename T>
class BoundedQueue {
 public:
  // Holds `capacity` items, rounded up to a power of two (at least 2).
  BoundedQueue(size_t capacity, QueueFullPolicy policy)
      : mask_(std::bit_ceil(capacity < 2 ? size_t{2} : capacity) - 1),
        policy_(policy),
        slots_(new Slot[mask_ + 1]) {
    for (size_t i = 0; i <= mask_; ++i) slots_[i].seq.store(i, std::memory_order_relaxed);
  }
  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  // Claims the next ticket, calls fill(T&) on its slot, publishes the item
  // and returns the ticket. On a full ring: kBlock waits for the slot; kDrop
  // returns nullopt without calling fill and counts the drop.
  template <typename Fill>
  std::optional<uint64_t> Push(Fill&& fill) {
    uint64_t ticket;
    Slot* slot;
    if (policy_ == QueueFullPolicy::kBlock) {
      ticket = tail_.fetch_add(1, std::memory_order_relaxed);
      slot = &slots_[ticket & mask_];
      for (int spins = 0;; ++spins) {
        const uint64_t seq = slot->seq.load(std::memory_order_acquire);
        if (seq == ticket) break;
        if (spins < 64) {
          std::this_thread::yield();
        } else {
          slot->seq.wait(seq, std::memory_order_acquire);
        }
      }
    } else {
      ticket = tail_.load(std::memory_order_relaxed);
      for (;;) {
        slot = &slots_[ticket & mask_];
        const uint64_t seq = slot->seq.load(std::memory_order_acquire);
        const int64_t lap = static_cast<int64_t>(seq - ticket);
        if (lap == 0) {
          if (tail_.compare_exchange_weak(ticket, ticket + 1, std::memory_order_relaxed)) break;
        } else if (lap < 0) {  // the slot still holds the item one lap back
          dropped_.fetch_add(1, std::memory_order_relaxed);
          return std::nullopt;
        } else {
          ticket = tail_.load(std::memory_order_relaxed);
        }
      }
    }
    fill(slot->item);
    slot->seq.store(ticket + 1, std::memory_order_release);
    return ticket;
  }

  // Consumer. Calls consume(T&, uint64_t ticket) on up to `max_items`
  // published items from the head on, in ticket order, freeing each slot
  // after its call; stops early at a ticket not yet published. Returns how
  // many it consumed.
  template <typename Consume>
  size_t PopBatch(size_t max_items, Consume&& consume) {
    uint64_t head = head_.load(std::memory_order_relaxed);
    size_t n = 0;
    for (; n < max_items; ++n, ++head) {
      Slot& slot = slots_[head & mask_];
      if (slot.seq.load(std::memory_order_acquire) != head + 1) break;
      consume(slot.item, head);
      slot.seq.store(head + mask_ + 1, std::memory_order_release);
      // Only a blocking producer ever waits on a slot.
      if (policy_ == QueueFullPolicy::kBlock) slot.seq.notify_all();
    }
    head_.store(head, std::memory_order_release);
    return n;
  }

  // Consumer: whether the item at the head is published.
  bool HeadReady() const {
    const uint64_t head = head_.load(std::memory_order_relaxed);
    return slots_[head & mask_].seq.load(std::memory_order_acquire) == head + 1;
  }

  // Tickets claimed so far (some items may still be being filled).
  uint64_t claimed() const { return tail_.load(std::memory_order_acquire); }
  // Items consumed so far: the head's ticket.
  uint64_t popped() const { return head_.load(std::memory_order_acquire); }
  // Pushes refused by a full ring (kDrop).
  uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  // Claimed and not yet consumed (approximate under concurrency).
  size_t ApproximateDepth() const {
    const uint64_t tail = tail_.load(std::memory_order_relaxed);
    const uint64_t head = head_.load(std::memory_order_relaxed);
    return tail > head ? static_cast<size_t>(tail - head) : 0;
  }
  size_t capacity() const { return mask_ + 1; }
  QueueFullPolicy policy() const { return policy_; }

 private:
  // seq == ticket: free for the producer of `ticket`; ticket + 1: published.
  struct alignas(64) Slot {
    std::atomic<uint64_t> seq;
    T item{};
  };

  const uint64_t mask_;
  const QueueFullPolicy policy_;
  std::unique_ptr<Slot[]> slots_;
  alignas(64) std::atomic<uint64_t> tail_{0};
  alignas(64) std::atomic<uint64_t> head_{0};
  std::atomic<uint64_t> dropped_{0};
};

}  // namespace nethical
