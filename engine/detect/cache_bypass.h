// CacheBypass: whether the judgment cache is worth consulting for the next
// action, from what it has been worth lately. A lookup costs a SHA-256 of
// the text (the key) and, on a miss, an insert that evicts; a stream of
// texts that never repeat (generate_load's mixed workload ends every text
// in its own trace token) pays that on every action for nothing. After a
// window of kWindow lookups with fewer than kMinHits hits, the cache is
// consulted for one action in kProbeEvery only; a window of such probes
// with kMinHits hits or more turns it back on for every action.
//
// Skipping the cache never changes a judgment (a cached judgment equals a
// fresh one, detect_stage.h), only what it costs. One instance per thread
// (DetectStage keeps it thread-local): no shared counters.
#pragma once

#include <cstdint>

namespace nethical::detect {

class CacheBypass {
 public:
  static constexpr uint32_t kWindow = 256;
  static constexpr uint32_t kMinHits = 3;  // ~1 % of a window
  static constexpr uint32_t kProbeEvery = 16;

  // True when this action should look the cache up (and insert on a miss).
  bool ShouldUse() {
    if (!bypassing_) return true;
    return ++skipped_ % kProbeEvery == 0;
  }

  // The outcome of a lookup ShouldUse() allowed.
  void Record(bool hit) {
    hits_ += hit ? 1 : 0;
    if (++lookups_ < kWindow) return;
    bypassing_ = hits_ < kMinHits;
    lookups_ = 0;
    hits_ = 0;
  }

  bool bypassing() const { return bypassing_; }

 private:
  bool bypassing_ = false;
  uint32_t lookups_ = 0;
  uint32_t hits_ = 0;
  uint32_t skipped_ = 0;
};

}  // namespace nethical::detect
