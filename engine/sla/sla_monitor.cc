#include "engine/sla/sla_monitor.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <string>
#include <vector>

#include "engine/base/latency_histogram.h"
#include "engine/base/thread_stripe.h"

namespace nethical::sla {
namespace {

constexpr double kNanosPerMs = 1e6;

SlaStatus StatusOf(double value, double target, double warning_fraction) {
  if (value > target) return SlaStatus::kBreach;
  if (value >= warning_fraction * target) return SlaStatus::kWarning;
  return SlaStatus::kOk;
}

}  // namespace

std::string_view SlaStatusName(SlaStatus s) {
  switch (s) {
    case SlaStatus::kOk:
      return "OK";
    case SlaStatus::kWarning:
      return "WARNING";
    case SlaStatus::kBreach:
      return "BREACH";
  }
  return "OK";
}

struct SlaMonitor::Slice {
  int64_t epoch = -1;  // now / slice_nanos_ of the samples held
  LatencyHistogram histogram;
};

SlaMonitor::SlaMonitor(const Config& config)
    : config_(config), slice_nanos_(config.window_seconds * 1'000'000'000 / kSlices) {}

SlaMonitor::~SlaMonitor() = default;

SlaMonitor::Shard& SlaMonitor::ShardOfThisThread() { return shards_[ThreadStripe() % kShards]; }

SlaMonitor::Slice* SlaMonitor::SliceForLocked(Shard& shard, int64_t now_nanos) {
  const int64_t epoch = now_nanos / slice_nanos_;
  std::unique_ptr<Slice>& slot = shard.slices[epoch % kSlices];
  if (slot == nullptr || slot->epoch != epoch) {
    if (slot != nullptr && slot->epoch > epoch) return nullptr;  // older than the window (a racing thread's)
    slot = std::make_unique<Slice>();  // first use, or the ring comes round: clear the oldest slice
    slot->epoch = epoch;
  }
  return slot.get();
}

void SlaMonitor::Record(int64_t latency_nanos, int64_t now_nanos) {
  {
    Shard& shard = ShardOfThisThread();
    std::lock_guard<std::mutex> lock(shard.mu);
    if (Slice* slice = SliceForLocked(shard, now_nanos)) slice->histogram.Record(latency_nanos);
  }
  if (now_nanos < next_check_nanos_.load(std::memory_order_relaxed)) return;
  // One recorder checks; one that finds the check taken leaves it to a
  // later Record (the check is due until someone does it).
  std::unique_lock<std::mutex> lock(check_mu_, std::try_to_lock);
  if (!lock.owns_lock() || now_nanos < next_check_nanos_.load(std::memory_order_relaxed)) return;
  next_check_nanos_.store(now_nanos + kCheckIntervalSeconds * 1'000'000'000, std::memory_order_relaxed);
  const SlaReport r = Evaluate(now_nanos, checks_, breaches_, consecutive_breaches_);
  ++checks_;
  if (r.status == SlaStatus::kBreach) {
    ++breaches_;
    ++consecutive_breaches_;
  } else {
    consecutive_breaches_ = 0;
  }
}

SlaReport SlaMonitor::Report(int64_t now_nanos) const {
  std::lock_guard<std::mutex> lock(check_mu_);
  return Evaluate(now_nanos, checks_, breaches_, consecutive_breaches_);
}

SlaReport SlaMonitor::Evaluate(int64_t now_nanos, uint64_t checks, uint64_t breaches,
                               uint64_t consecutive) const {
  SlaReport r;
  r.checks = checks;
  r.breaches = breaches;
  r.consecutive_breaches = consecutive;
  r.sustained_breach = consecutive >= static_cast<uint64_t>(config_.breach_alert_count);

  // The live slices of every shard, merged into one count per bucket (up to
  // the highest bucket any of them reached), one shard lock at a time.
  const int64_t epoch = now_nanos / slice_nanos_;
  std::vector<uint64_t> counts(LatencyHistogram::kBucketCount, 0);
  int top = -1;  // the highest bucket with a sample
  uint64_t sum = 0;
  int64_t min = INT64_MAX, max = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard.mu);
    for (const auto& s : shard.slices) {
      if (s == nullptr || s->epoch <= epoch - kSlices || s->epoch > epoch || s->histogram.count() == 0)
        continue;
      r.count += s->histogram.count();
      sum += s->histogram.sum();
      min = std::min(min, s->histogram.min());
      max = std::max(max, s->histogram.max());
      const int last = LatencyHistogram::BucketIndex(s->histogram.max());
      for (int b = 0; b <= last; ++b) counts[b] += s->histogram.CountAt(b);
      top = std::max(top, last);
    }
  }
  if (r.count == 0) return r;
  const auto rank = [&](double q) {
    return std::max<uint64_t>(1, static_cast<uint64_t>(std::ceil(q * static_cast<double>(r.count))));
  };
  const uint64_t rank95 = rank(0.95), rank99 = rank(0.99);
  const auto value_at = [&](int bucket) {
    const int64_t mid = LatencyHistogram::BucketLow(bucket) + (LatencyHistogram::BucketWidth(bucket) - 1) / 2;
    return std::clamp(mid, min, std::max(min, max));
  };
  uint64_t seen = 0;
  r.p95_nanos = r.p99_nanos = max;
  bool have95 = false;
  for (int b = 0; b <= top; ++b) {
    seen += counts[b];
    if (!have95 && seen >= rank95) {
      r.p95_nanos = value_at(b);
      have95 = true;
    }
    if (seen >= rank99) {
      r.p99_nanos = value_at(b);
      break;
    }
  }
  r.mean_nanos = static_cast<double>(sum) / static_cast<double>(r.count);
  r.p95 = StatusOf(r.p95_nanos, config_.p95_target_ms * kNanosPerMs, config_.warning_fraction);
  r.p99 = StatusOf(r.p99_nanos, config_.p99_target_ms * kNanosPerMs, config_.warning_fraction);
  r.mean = StatusOf(r.mean_nanos, config_.mean_target_ms * kNanosPerMs, config_.warning_fraction);
  r.status = std::max({r.p95, r.p99, r.mean});
  return r;
}

}  // namespace nethical::sla
