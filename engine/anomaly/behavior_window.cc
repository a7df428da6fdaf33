#include "engine/anomaly/behavior_window.h"

#include <algorithm>
#include <cmath>

namespace nethical::anomaly {
namespace {

// ln(n) and n ln(n) for n in 0..kBehaviorWindow: with them the entropy
// H = ln T - (sum c ln c) / T costs no logarithm per action.
struct LogTables {
  std::array<double, kBehaviorWindow + 1> ln{};
  std::array<double, kBehaviorWindow + 1> n_ln_n{};
  LogTables() {
    for (int n = 1; n <= kBehaviorWindow; ++n) {
      ln[n] = std::log(static_cast<double>(n));
      n_ln_n[n] = n * ln[n];
    }
  }
};

const LogTables& Tables() {
  static const LogTables tables;
  return tables;
}

constexpr double kConcentrationThreshold = 0.8;
constexpr double kEntropyThreshold = 0.2;

}  // namespace

void BehaviorWindow::Add(ActionType type) {
  if (size_ == kBehaviorWindow) {
    --counts_[types_[head_]];
  } else {
    ++size_;
  }
  types_[head_] = static_cast<uint8_t>(type);
  ++counts_[static_cast<int>(type)];
  head_ = static_cast<uint8_t>((head_ + 1) % kBehaviorWindow);
}

BehaviorStats BehaviorWindow::Stats() const {
  const LogTables& t = Tables();
  BehaviorStats s;
  s.total = size_;
  if (size_ == 0) return s;
  int max_count = 0;
  int kinds = 0;
  double sum_c_ln_c = 0.0;
  for (const uint8_t c : counts_) {
    if (c == 0) continue;
    ++kinds;
    max_count = std::max<int>(max_count, c);
    sum_c_ln_c += t.n_ln_n[c];
  }
  s.concentration = static_cast<double>(max_count) / size_;
  const double entropy = t.ln[size_] - sum_c_ln_c / size_;
  s.normalized_entropy = kinds > 1 ? std::max(0.0, entropy) / t.ln[kinds] : 0.0;
  s.anomalous = size_ >= kBehaviorMinActions &&
                (s.concentration > kConcentrationThreshold || s.normalized_entropy < kEntropyThreshold);
  s.score = std::max(s.concentration, 1.0 - s.normalized_entropy);
  return s;
}

}  // namespace nethical::anomaly
