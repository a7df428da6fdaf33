// An agent's last kBehaviorWindow action types and how concentrated they are
// (§7.4 "behavioral", over a bounded window instead of the original's
// all-time counts, so old habits age out and memory stays fixed):
//   concentration = share of the most frequent type
//   entropy       = -sum p ln p over the k types present, normalised by ln k
//                   (0 when k = 1)
//   anomalous     when at least kBehaviorMinActions are in the window and
//                 concentration > 0.8 or normalised entropy < 0.2;
//                 score = max(concentration, 1 - normalised entropy)
// 73 bytes; not thread-safe (lives inside a locked per-agent state).
#pragma once

#include <array>
#include <cstdint>

#include "engine/model/action.h"

namespace nethical::anomaly {

inline constexpr int kBehaviorWindow = 64;
inline constexpr int kBehaviorMinActions = 10;

struct BehaviorStats {
  int total = 0;
  double concentration = 0.0;
  double normalized_entropy = 0.0;
  bool anomalous = false;
  double score = 0.0;
};

class BehaviorWindow {
 public:
  void Add(ActionType type);
  BehaviorStats Stats() const;
  int size() const { return size_; }

 private:
  std::array<uint8_t, kBehaviorWindow> types_{};
  std::array<uint8_t, kActionTypeCount> counts_{};
  uint8_t head_ = 0;  // next slot to write
  uint8_t size_ = 0;
};

}  // namespace nethical::anomaly
