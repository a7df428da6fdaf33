// SendSource: hands the planned sends of a run to worker threads, each send
// exactly once, in intended-time order, in batches of consecutive sends.
// Thread-safe.
//
// EvenSendSource is lock-free (one relaxed fetch_add per batch, then the
// pure EvenSchedule); SequencedSendSource serialises a SequencedSchedule
// behind a mutex (Poisson arrivals and staggered agents need sequential
// state). Batches exist because at millions of sends per second one shared
// counter bounced between cores per send costs more than the send itself;
// the runner sizes them so that a batch spans only microseconds.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

#include "loadgen/rate_profile.h"
#include "loadgen/schedule.h"

namespace nethical::loadgen {

class SendSource {
 public:
  virtual ~SendSource() = default;
  // Claims up to `max` (>= 1) consecutive sends into out[0, n) and returns
  // n; 0 when the run has none left.
  virtual size_t Claim(PlannedSend* out, size_t max) = 0;
  // Sends planned for the whole run (the expectation for Poisson arrivals),
  // extra sends included.
  virtual uint64_t planned() const = 0;
  // The extra sends (ArrivalOptions::extra) among planned(): not part of the
  // profile, so not of the scheduled span or the target rate.
  virtual uint64_t extra() const { return 0; }
};

class EvenSendSource final : public SendSource {
 public:
  EvenSendSource(const RateProfile& profile, uint32_t agents) : schedule_(profile, agents) {}
  size_t Claim(PlannedSend* out, size_t max) override {
    const uint64_t k = next_.fetch_add(max, std::memory_order_relaxed);
    if (k >= schedule_.total()) return 0;
    const size_t n = static_cast<size_t>(std::min<uint64_t>(max, schedule_.total() - k));
    for (size_t i = 0; i < n; ++i) out[i] = schedule_.At(k + i);
    return n;
  }
  uint64_t planned() const override { return schedule_.total(); }

 private:
  EvenSchedule schedule_;
  alignas(64) std::atomic<uint64_t> next_{0};
};

class SequencedSendSource final : public SendSource {
 public:
  SequencedSendSource(const RateProfile& profile, uint32_t agents, const ArrivalOptions& options)
      : schedule_(profile, agents, options) {}
  size_t Claim(PlannedSend* out, size_t max) override {
    std::lock_guard<std::mutex> lock(mu_);
    size_t n = 0;
    while (n < max && schedule_.Next(&out[n])) ++n;
    return n;
  }
  uint64_t planned() const override { return schedule_.planned(); }
  uint64_t extra() const override { return schedule_.extra(); }

 private:
  std::mutex mu_;
  SequencedSchedule schedule_;
};

// The lock-free source when it suffices (even spacing, no stagger, no extra
// sends), else the sequenced one. `profile` must outlive the source.
std::unique_ptr<SendSource> MakeSendSource(const RateProfile& profile, uint32_t agents,
                                           const ArrivalOptions& options);

}  // namespace nethical::loadgen
