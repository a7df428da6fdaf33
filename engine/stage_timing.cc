#include "engine/stage_timing.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace nethical {
namespace {

constexpr int kSubBits = 4;  // 16 sub-buckets per power of two
constexpr int kSub = 1 << kSubBits;
constexpr int64_t kMaxNs = int64_t{1} << 40;

}  // namespace

std::string_view StageName(Stage s) {
  static constexpr std::string_view kNames[] = {
      "input_screen", "quota",     "pii",        "detect_judge", "risk",        "shadow_blend", "anomaly",
      "audit",        "residency", "quarantine", "taxonomy",     "correlation", "sla"};
  static_assert(std::size(kNames) == kStageCount, "a name for every Stage");
  return kNames[static_cast<int>(s)];
}

// Values below 16 ns have their own bucket; above, [2^e, 2^(e+1)) is cut in 16.
int StageHistogramData::BucketIndex(int64_t ns) {
  if (ns < kSub) return static_cast<int>(std::max<int64_t>(ns, 0));
  if (ns >= kMaxNs) ns = kMaxNs - 1;
  const int shift = std::bit_width(static_cast<uint64_t>(ns)) - 1 - kSubBits;  // >= 0
  return kSub + shift * kSub + static_cast<int>((ns >> shift) - kSub);
}

int64_t StageHistogramData::BucketLow(int index) {
  if (index < kSub) return index;
  const int shift = (index - kSub) / kSub;
  return static_cast<int64_t>((index - kSub) % kSub + kSub) << shift;
}

int64_t StageHistogramData::BucketWidth(int index) {
  return index < kSub ? 1 : int64_t{1} << ((index - kSub) / kSub);
}

int64_t StageHistogramData::Quantile(double q) const {
  uint64_t total = 0;
  for (uint64_t c : counts) total += c;
  if (total == 0) return 0;
  const uint64_t rank =
      std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(std::clamp(q, 0.0, 1.0) * total)));
  uint64_t seen = 0;
  for (int i = 0; i < kStageBuckets; ++i) {
    seen += counts[i];
    if (seen >= rank) return BucketLow(i) + (BucketWidth(i) - 1) / 2;
  }
  return BucketLow(kStageBuckets - 1);
}

uint64_t StageHistogramData::CountAtOrBelow(int64_t ns) const {
  uint64_t n = 0;
  for (int i = 0; i < kStageBuckets && BucketLow(i) + BucketWidth(i) - 1 <= ns; ++i) n += counts[i];
  return n;
}

void StageTimings::AddTo(Histogram& h, int64_t ns) {
  if (ns < 0) ns = 0;
  h.counts[StageHistogramData::BucketIndex(ns)].fetch_add(1, std::memory_order_relaxed);
  h.count.fetch_add(1, std::memory_order_relaxed);
  h.sum_ns.fetch_add(static_cast<uint64_t>(ns), std::memory_order_relaxed);
}

void StageTimings::AddActions(std::span<const ActionStageTimes> actions) const {
  for (const ActionStageTimes& a : actions) {
    for (int i = 0; i < kStageCount; ++i)
      if (a.ran & (uint32_t{1} << i)) AddTo(stages_[i], a.ns[i]);
    AddTo(total_, a.total_ns);
  }
}

void StageTimings::CopyTo(const Histogram& h, StageHistogramData* out) {
  out->count = h.count.load(std::memory_order_relaxed);
  out->sum_ns = h.sum_ns.load(std::memory_order_relaxed);
  for (int i = 0; i < kStageBuckets; ++i) out->counts[i] = h.counts[i].load(std::memory_order_relaxed);
}

StageTimingStats StageTimings::Snapshot() const {
  StageTimingStats s;
  batches_.Flush([this](std::span<const ActionStageTimes> as) { AddActions(as); });
  s.one_in = one_in_;
  CopyTo(total_, &s.total);
  for (int i = 0; i < kStageCount; ++i) CopyTo(stages_[i], &s.stages[i]);
  return s;
}

}  // namespace nethical
