#include "engine/sla/sla_monitor.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <string>

#include "engine/base/latency_histogram.h"

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
  int64_t epoch = -1;  // now / slice_nanos_ of the samples held; -1 = never used
  LatencyHistogram histogram;
};

SlaMonitor::SlaMonitor(const Config& config)
    : config_(config), slice_nanos_(config.window_seconds * 1'000'000'000 / kSlices) {
  for (auto& s : slices_) s = std::make_unique<Slice>();
}

SlaMonitor::~SlaMonitor() = default;

SlaMonitor::Slice* SlaMonitor::SliceForLocked(int64_t now_nanos) {
  const int64_t epoch = now_nanos / slice_nanos_;
  std::unique_ptr<Slice>& slot = slices_[epoch % kSlices];
  if (slot->epoch != epoch) {
    if (slot->epoch > epoch) return nullptr;  // older than the window (a racing thread's)
    slot = std::make_unique<Slice>();         // the ring comes round: clear the oldest slice
    slot->epoch = epoch;
  }
  return slot.get();
}

void SlaMonitor::Record(int64_t latency_nanos, int64_t now_nanos) {
  std::lock_guard<std::mutex> lock(mu_);
  if (Slice* slice = SliceForLocked(now_nanos)) slice->histogram.Record(latency_nanos);
  if (now_nanos < next_check_nanos_) return;
  next_check_nanos_ = now_nanos + kCheckIntervalSeconds * 1'000'000'000;
  const SlaReport r = EvaluateLocked(now_nanos);
  ++checks_;
  if (r.status == SlaStatus::kBreach) {
    ++breaches_;
    ++consecutive_breaches_;
  } else {
    consecutive_breaches_ = 0;
  }
}

SlaReport SlaMonitor::Report(int64_t now_nanos) const {
  std::lock_guard<std::mutex> lock(mu_);
  return EvaluateLocked(now_nanos);
}

SlaReport SlaMonitor::EvaluateLocked(int64_t now_nanos) const {
  SlaReport r;
  r.checks = checks_;
  r.breaches = breaches_;
  r.consecutive_breaches = consecutive_breaches_;
  r.sustained_breach = consecutive_breaches_ >= static_cast<uint64_t>(config_.breach_alert_count);

  // The live slices, read in place (no merged copy): one pass over the
  // buckets finds both ranks.
  const int64_t epoch = now_nanos / slice_nanos_;
  std::array<const LatencyHistogram*, kSlices> live{};
  int n = 0;
  uint64_t sum = 0;
  int64_t min = INT64_MAX, max = 0;
  for (const auto& s : slices_) {
    if (s->epoch < 0 || s->epoch <= epoch - kSlices || s->epoch > epoch || s->histogram.count() == 0)
      continue;
    live[n++] = &s->histogram;
    r.count += s->histogram.count();
    sum += s->histogram.sum();
    min = std::min(min, s->histogram.min());
    max = std::max(max, s->histogram.max());
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
  for (int b = 0; b < LatencyHistogram::kBucketCount; ++b) {
    for (int i = 0; i < n; ++i) seen += live[i]->CountAt(b);
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
