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
// branch per stage; a sampled one a clock reading per stage and, at its
// end, three relaxed atomic adds per stage that ran. The histograms are
// shared by every thread, so once a second thread samples, each thread
// hands its sampled actions over in batches (engine/base/thread_batches.h):
// with one action at a time both cores wrote the same histogram lines on
// every sampled action, ~2.4 % of a core-stack generate_load run's CPU.
// Snapshot() first hands over what the batches hold, so it misses no
// action that has ended. bench/pipeline_bench measures it
// (BM_PipelineStageTiming).
//
// Histograms: log-linear, 16 sub-buckets per power of two from 1 ns to
// 2^40 ns (18 minutes), quantiles as bucket midpoints (relative error
// <= 1/32, 3 %).
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <span>
#include <string_view>

#include "engine/base/clock.h"
#include "engine/base/thread_batches.h"

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

// One sampled action's time per stage (the stages that ran, in `ran`) and
// in all.
struct ActionStageTimes {
  std::array<int64_t, kStageCount> ns{};
  uint32_t ran = 0;  // bit i: Stage i ran
  int64_t total_ns = 0;
  // `stage` ran for `stage_ns` more.
  void Add(Stage stage, int64_t stage_ns) {
    ns[static_cast<int>(stage)] += stage_ns;
    ran |= uint32_t{1} << static_cast<int>(stage);
  }
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
  // A sampled action's stages and total, batched per thread once a second
  // thread adds (see the top of this file).
  void AddAction(const ActionStageTimes& a) {
    batches_.Add(a, [this](std::span<const ActionStageTimes> as) { AddActions(as); });
  }
  StageTimingStats Snapshot() const;

 private:
  struct Histogram {
    std::atomic<uint64_t> count{0}, sum_ns{0};
    std::array<std::atomic<uint64_t>, kStageBuckets> counts{};
  };
  static void AddTo(Histogram& h, int64_t ns);
  static void CopyTo(const Histogram& h, StageHistogramData* out);
  void AddActions(std::span<const ActionStageTimes> actions) const;

  const uint32_t one_in_;
  // Mutable: Snapshot() (const) first adds what the batches hold; the
  // histograms are atomics and the batches lock their lanes.
  mutable Histogram total_;
  mutable std::array<Histogram, kStageCount> stages_;
  mutable ThreadBatches<ActionStageTimes, 16> batches_;
};

// Times one action's stages when `timings` is set and samples it.
class StageClock {
 public:
  StageClock(StageTimings* timings, const Clock& clock)
      : timings_(timings != nullptr && timings->SampleNext() ? timings : nullptr), clock_(clock) {
    if (timings_ != nullptr) start_ns_ = last_ns_ = clock_.NowNanos();
  }
  ~StageClock() {
    if (timings_ == nullptr) return;
    times_.total_ns = last_ns_ - start_ns_;
    timings_->AddAction(times_);
  }
  StageClock(const StageClock&) = delete;
  StageClock& operator=(const StageClock&) = delete;

  // The time since the previous lap (or the start) belongs to `stage`
  // (added up if a stage laps twice).
  void Lap(Stage stage) {
    if (timings_ == nullptr) return;
    const int64_t now = clock_.NowNanos();
    times_.Add(stage, now - last_ns_);
    last_ns_ = now;
  }

 private:
  StageTimings* const timings_;  // null: this action is not sampled
  const Clock& clock_;
  int64_t start_ns_ = 0, last_ns_ = 0;
  ActionStageTimes times_;  // this action's laps, handed over at the end
};

}  // namespace nethical
