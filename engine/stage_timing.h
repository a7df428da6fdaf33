// Per-stage time attribution: on one action in N the engine reads the clock
// between its stages and adds each stage's time to that stage's histogram,
// so a report can say where the service time goes (docs/observability.md).
//
//   StageTimings timings(16);                 // 1 in 16 actions
//   StageClock t(&timings, clock);            // at the start of an action
//   ... input screen ...  t.Lap(Stage::kInputScreen);
//   ... PII scan ...      t.Lap(Stage::kPii);
//   // ~StageClock: the action's total (first reading to last lap)
//   StageTimingStats s = timings.Snapshot();  // any thread, any time
//
// Cost: an unsampled action pays one thread-local counter increment and a
// branch per stage; a sampled one a clock reading per stage and two relaxed
// atomic adds per stage (the histograms are shared by every thread: with
// 1 in N sampling the contention is N times rarer than the actions).
// bench/pipeline_bench measures it (BM_PipelineStageTiming).
//
// Histograms: log-linear, 16 sub-buckets per power of two from 1 ns to
// 2^40 ns (18 minutes), quantiles as bucket midpoints (relative error
// <= 1/32, 3 %).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

#include "engine/base/clock.h"

namespace nethical {

enum class Stage : int {
  kInputScreen,  // StartVerdict + CheckAction
  kQuota,
  kPii,
  kDetectJudge,
  kRisk,
  kShadowBlend,
  kAnomaly,
  kAudit,
  kResidency,
  kQuarantine,
  kTaxonomy,
  kCorrelation,
  kSla,
};
inline constexpr int kStageCount = 13;
static_assert(static_cast<int>(Stage::kSla) + 1 == kStageCount);
std::string_view StageName(Stage s);  // "input_screen", "quota", "pii", ...

inline constexpr int kStageBuckets = 41 * 16;

// One stage's samples, a plain copy.
struct StageHistogramData {
  uint64_t count = 0;
  uint64_t sum_ns = 0;
  std::array<uint64_t, kStageBuckets> counts{};
  // The nearest-rank q-quantile as a bucket midpoint; 0 when empty.
  int64_t Quantile(double q) const;
  // Samples certainly at or below `ns` (whole buckets).
  uint64_t CountAtOrBelow(int64_t ns) const;
  static int BucketIndex(int64_t ns);
  static int64_t BucketLow(int index);
  static int64_t BucketWidth(int index);
};

struct StageTimingStats {
  uint32_t one_in = 0;                                 // the sampling rate
  StageHistogramData total;                            // sampled actions, first reading to last lap
  std::array<StageHistogramData, kStageCount> stages;  // by Stage; count 0: did not run
};

class StageTimings {
 public:
  // REQUIRES: one_in >= 1.
  explicit StageTimings(uint32_t one_in) : one_in_(one_in) {}
  StageTimings(const StageTimings&) = delete;
  StageTimings& operator=(const StageTimings&) = delete;

  uint32_t one_in() const { return one_in_; }
  // Whether the calling thread's next action is sampled (1 in one_in).
  bool SampleNext() {
    thread_local uint32_t seen = 0;
    if (++seen < one_in_) return false;
    seen = 0;
    return true;
  }
  void Add(Stage s, int64_t ns) { AddTo(stages_[static_cast<int>(s)], ns); }
  void AddTotal(int64_t ns) { AddTo(total_, ns); }
  StageTimingStats Snapshot() const;

 private:
  struct Histogram {
    std::atomic<uint64_t> count{0}, sum_ns{0};
    std::array<std::atomic<uint64_t>, kStageBuckets> counts{};
  };
  static void AddTo(Histogram& h, int64_t ns);
  static void CopyTo(const Histogram& h, StageHistogramData* out);

  const uint32_t one_in_;
  Histogram total_;
  std::array<Histogram, kStageCount> stages_;
};

// Times one action's stages when `timings` is set and samples it.
class StageClock {
 public:
  StageClock(StageTimings* timings, const Clock& clock)
      : timings_(timings != nullptr && timings->SampleNext() ? timings : nullptr), clock_(clock) {
    if (timings_ != nullptr) start_ns_ = last_ns_ = clock_.NowNanos();
  }
  ~StageClock() {
    if (timings_ != nullptr) timings_->AddTotal(last_ns_ - start_ns_);
  }
  StageClock(const StageClock&) = delete;
  StageClock& operator=(const StageClock&) = delete;

  // The time since the previous lap (or the start) belongs to `stage`.
  void Lap(Stage stage) {
    if (timings_ == nullptr) return;
    const int64_t now = clock_.NowNanos();
    timings_->Add(stage, now - last_ns_);
    last_ns_ = now;
  }

 private:
  StageTimings* const timings_;  // null: this action is not sampled
  const Clock& clock_;
  int64_t start_ns_ = 0, last_ns_ = 0;
};

}  // namespace nethical
