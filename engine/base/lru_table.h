// LruTable<Key, Value>: one shard of ShardedLruMap (sharded_lru_map.h), a
// hash table whose entries are also kept in recency order. Not thread-safe:
// the sharded map guards each table with its shard's lock.
//
//   LruTable<std::string, Counter> t(/*max_size=*/1000);   // 0: unbounded
//   bool inserted;
//   Counter& c = t.FindOrInsert(std::string_view("agent_7"), hash, &inserted);
//   t.EvictOldestWhile([&](const std::string&, const Counter& c) { return c.idle(now); });
//
// Layout: every entry is one heap node {recency links, hash, key, value};
// an open-addressing slot array {hash, node} with linear probing, at most
// half full, finds it in about one cache line. Erasure shifts later slots
// back (no tombstones); bulk erasure shrinks the array once most entries are
// gone, so memory follows the number of live entries. A node never moves:
// a reference to a value stays valid until that entry is erased or evicted.
//
// Lookups take any `probe` that Eq compares with a Key (a string_view for
// a std::string key: no allocation) plus the probe's 64-bit hash, which the
// caller computes once (ShardedLruMap also picks the shard from it). The
// hash must be well mixed in its low bits. A key is built from the probe
// (Key(probe)) only when it is inserted.
//
// Order: with EntryOrder::kRecency (the default) every FindOrInsert and Find
// makes its entry the most recently used (Peek does not); with
// EntryOrder::kInsertion entries stay in the order they were inserted and a
// lookup relinks nothing (for a table that only ever sweeps with EraseIf,
// whose hot path should not pay for an order it never reads).
//
// Bound: with max_size > 0, inserting a new key into a full table first
// evicts the entry at the oldest end (the least recently used, or the
// first inserted).
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <utility>
#include <vector>

namespace nethical {

enum class EntryOrder { kRecency, kInsertion };

template <typename Key, typename Value, typename Eq = std::equal_to<>,
          EntryOrder kOrder = EntryOrder::kRecency>
class LruTable {
  struct Links {
    Links* prev;
    Links* next;
  };
  struct Node : Links {
    template <typename Probe>
    Node(uint64_t h, const Probe& probe) : hash(h), key(probe), value{} {}
    uint64_t hash;
    Key key;
    Value value;
  };
  struct Slot {
    uint64_t hash = 0;
    Node* node = nullptr;  // null: empty
  };

 public:
  // Bytes of one entry's heap node, and of one slot (there are 2 to 4 slots
  // per entry): for memory estimates.
  static constexpr size_t kNodeBytes = sizeof(Node);
  static constexpr size_t kSlotBytes = sizeof(Slot);

  // max_size == 0: unbounded.
  explicit LruTable(size_t max_size = 0) : max_size_(max_size) { head_.prev = head_.next = &head_; }
  ~LruTable() { Clear(); }
  LruTable(const LruTable&) = delete;
  LruTable& operator=(const LruTable&) = delete;

  size_t size() const { return size_; }
  size_t max_size() const { return max_size_; }
  // Changes the bound (0: unbounded). REQUIRES: the table is empty.
  void set_max_size(size_t max_size) { max_size_ = max_size; }
  size_t slot_count() const { return slots_.size(); }

  // The value of `probe`, made the most recently used (kRecency), or null
  // if absent.
  template <typename Probe>
  Value* Find(const Probe& probe, uint64_t hash) {
    Node* node = FindNode(probe, hash);
    if (node == nullptr) return nullptr;
    MoveToFront(node);
    return &node->value;
  }

  // The value of `probe` (recency unchanged), or null if absent.
  template <typename Probe>
  const Value* Peek(const Probe& probe, uint64_t hash) const {
    const Node* node = FindNode(probe, hash);
    return node == nullptr ? nullptr : &node->value;
  }

  // The value of `probe`, value-initialised (Value{}) if the key is new
  // (*inserted says so), made the most recently used (kRecency). A new key
  // in a full table first evicts the entry at the oldest end.
  template <typename Probe>
  [[gnu::always_inline]] Value& FindOrInsert(const Probe& probe, uint64_t hash, bool* inserted) {
    return FindOrInsert(probe, hash, inserted, [](const Value&) { return false; });
  }

  // As above, but an entry already present stays where it is in the
  // recency order when keep_place(value) holds: lazy promotion, for tables
  // so large that relinking on every lookup (two cold neighbours) costs
  // more than the order is worth. Say the value records when it was last
  // moved and keep_place is "moved less than T ago": the order is then exact
  // to within T, and an entry moves at most once per T.
  // (Always inlined: it is the hot path of every caller, and the callers'
  // own code around it decides whether GCC would inline it otherwise.)
  template <typename Probe, typename KeepPlace>
  [[gnu::always_inline]] Value& FindOrInsert(const Probe& probe, uint64_t hash, bool* inserted,
                                             KeepPlace keep_place) {
    if (Node* node = FindNode(probe, hash); node != nullptr) {
      if (!keep_place(std::as_const(node->value))) MoveToFront(node);
      *inserted = false;
      return node->value;
    }
    if (max_size_ > 0 && size_ >= max_size_) EraseNode(static_cast<Node*>(head_.prev));
    if ((size_ + 1) * 2 > slots_.size()) Rebuild(CapacityFor(size_ + 1));
    Node* node = new Node(hash, probe);
    PlaceSlot(Slot{hash, node});
    LinkFront(node);
    ++size_;
    *inserted = true;
    return node->value;
  }

  // Removes `probe`'s entry; false if there was none.
  template <typename Probe>
  bool Erase(const Probe& probe, uint64_t hash) {
    const size_t i = FindSlot(probe, hash);
    if (i == kNone) return false;
    EraseAt(i);
    return true;
  }

  // Removes entries from the oldest end (least recently used, or first
  // inserted) for as long as evict(key, value) holds (an idle sweep: stops at the first entry in
  // use). Returns how many were removed.
  template <typename Predicate>
  size_t EvictOldestWhile(Predicate evict) {
    size_t removed = 0;
    while (head_.prev != &head_) {
      Node* oldest = static_cast<Node*>(head_.prev);
      if (!evict(std::as_const(oldest->key), std::as_const(oldest->value))) break;
      EraseNode(oldest);
      ++removed;
    }
    if (removed > 0) ShrinkIfSparse();
    return removed;
  }

  // Removes every entry for which evict(key, value) holds (a full scan).
  // Returns how many were removed.
  template <typename Predicate>
  size_t EraseIf(Predicate evict) {
    size_t removed = 0;
    for (Slot& slot : slots_) {
      if (slot.node != nullptr && evict(std::as_const(slot.node->key), std::as_const(slot.node->value))) {
        Unlink(slot.node);
        delete slot.node;
        slot = Slot{};
        ++removed;
      }
    }
    if (removed == 0) return 0;
    size_ -= removed;
    // Rebuilding re-packs the probe runs the removals broke.
    Rebuild(size_ * 8 < slots_.size() ? CapacityFor(size_) : slots_.size());
    return removed;
  }

  // Calls fn(key, value) for every entry, newest (most recently used, or
  // last inserted) first.
  template <typename Fn>
  void ForEach(Fn fn) const {
    for (const Links* l = head_.next; l != &head_; l = l->next) {
      const Node* node = static_cast<const Node*>(l);
      fn(node->key, node->value);
    }
  }

  void Clear() {
    for (Links* l = head_.next; l != &head_;) {
      Links* next = l->next;
      delete static_cast<Node*>(l);
      l = next;
    }
    head_.prev = head_.next = &head_;
    slots_.clear();
    slots_.shrink_to_fit();
    mask_ = 0;
    size_ = 0;
  }

 private:
  static constexpr size_t kNone = ~size_t{0};
  static constexpr size_t kMinSlots = 16;

  static size_t CapacityFor(size_t entries) {
    return entries == 0 ? 0 : std::max(kMinSlots, std::bit_ceil(entries * 2));
  }

  template <typename Probe>
  Node* FindNode(const Probe& probe, uint64_t hash) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.node == nullptr || (s.hash == hash && Eq{}(s.node->key, probe))) return s.node;
    }
  }

  template <typename Probe>
  size_t FindSlot(const Probe& probe, uint64_t hash) const {
    if (slots_.empty()) return kNone;
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.node == nullptr) return kNone;
      if (s.hash == hash && Eq{}(s.node->key, probe)) return i;
    }
  }

  void PlaceSlot(Slot slot) {
    size_t i = slot.hash & mask_;
    while (slots_[i].node != nullptr) i = (i + 1) & mask_;
    slots_[i] = slot;
  }

  void LinkFront(Links* l) {
    l->prev = &head_;
    l->next = head_.next;
    head_.next->prev = l;
    head_.next = l;
  }
  static void Unlink(Links* l) {
    l->prev->next = l->next;
    l->next->prev = l->prev;
  }
  void MoveToFront(Links* l) {
    if constexpr (kOrder == EntryOrder::kInsertion) return;
    if (head_.next == l) return;
    Unlink(l);
    LinkFront(l);
  }

  void EraseNode(Node* node) {
    size_t i = node->hash & mask_;
    while (slots_[i].node != node) i = (i + 1) & mask_;
    EraseAt(i);
  }

  // Frees slot `hole`'s entry; backward-shift deletion moves later entries
  // of the probe run into the hole unless their home slot lies cyclically
  // in (hole, i].
  void EraseAt(size_t hole) {
    Node* node = slots_[hole].node;
    Unlink(node);
    delete node;
    --size_;
    for (size_t i = (hole + 1) & mask_; slots_[i].node != nullptr; i = (i + 1) & mask_) {
      const size_t home = slots_[i].hash & mask_;
      const bool stays = (i > hole) ? (home > hole && home <= i) : (home > hole || home <= i);
      if (stays) continue;
      slots_[hole] = slots_[i];
      hole = i;
    }
    slots_[hole] = Slot{};
  }

  void ShrinkIfSparse() {
    if (slots_.size() > kMinSlots && size_ * 8 < slots_.size()) Rebuild(CapacityFor(size_));
  }

  // Moves every occupied slot into a new array of `capacity` slots (a power
  // of two, or 0 when the table is empty).
  void Rebuild(size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    mask_ = capacity == 0 ? 0 : capacity - 1;
    for (const Slot& s : old)
      if (s.node != nullptr) PlaceSlot(s);
  }

  size_t max_size_;
  Links head_;               // sentinel: head_.next is the most recently used entry
  std::vector<Slot> slots_;  // power-of-two size, or empty
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace nethical
