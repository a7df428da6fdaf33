// AdaptiveBypass: whether an optional shortcut is worth taking for the next
// item, from what it has been worth lately. A shortcut costs something on
// every use and pays only when it is "useful" (a cache lookup that hits, a
// prefilter that lets a text skip the full scan). After a window of
// `window` uses with fewer than `min_useful` useful ones, it is tried on
// one item in `probe_every` only; a window of such probes with enough
// useful ones turns it back on for every item.
//
//   thread_local AdaptiveBypass bypass(AdaptiveBypass::Policy{256, 3, 16});
//   if (bypass.ShouldUse()) bypass.Record(/*useful=*/cache.Lookup(key) != nullptr);
//
// Skipping a shortcut must never change an answer, only what it costs.
// Users: the judgment cache (detect_stage.cc) and the PII prefilter
// (pattern_set.cc). Not thread-safe: one instance per thread.
#pragma once

#include <cstdint>

namespace nethical {

class AdaptiveBypass {
 public:
  struct Policy {
    uint32_t window;       // uses per verdict
    uint32_t min_useful;   // useful uses a window needs to keep the shortcut on
    uint32_t probe_every;  // while bypassed, the shortcut is tried on one item in this many
  };

  explicit constexpr AdaptiveBypass(Policy policy) : policy_(policy) {}

  // True when this item should take the shortcut (then call Record).
  bool ShouldUse() {
    if (!bypassing_) return true;
    return ++skipped_ % policy_.probe_every == 0;
  }

  // What a use ShouldUse() allowed was worth.
  void Record(bool useful) {
    useful_ += useful ? 1 : 0;
    if (++uses_ < policy_.window) return;
    bypassing_ = useful_ < policy_.min_useful;
    uses_ = 0;
    useful_ = 0;
  }

  bool bypassing() const { return bypassing_; }
  const Policy& policy() const { return policy_; }

 private:
  Policy policy_;
  bool bypassing_ = false;
  uint32_t uses_ = 0;
  uint32_t useful_ = 0;
  uint32_t skipped_ = 0;
};

}  // namespace nethical
