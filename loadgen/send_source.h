// SendSource: hands the planned sends of a run to worker threads, each send
// exactly once, in intended-time order. Thread-safe.
//
// EvenSendSource is lock-free (one relaxed fetch_add per send, then the pure
// EvenSchedule); SequencedSendSource serialises a SequencedSchedule behind a
// mutex (Poisson arrivals and staggered agents need sequential state).
#pragma once

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
  // Claims the next send; false when the run has none left.
  virtual bool Next(PlannedSend* out) = 0;
  // Sends planned for the whole run (the expectation for Poisson arrivals).
  virtual uint64_t planned() const = 0;
};

class EvenSendSource final : public SendSource {
 public:
  EvenSendSource(const RateProfile& profile, uint32_t agents) : schedule_(profile, agents) {}
  bool Next(PlannedSend* out) override {
    const uint64_t k = next_.fetch_add(1, std::memory_order_relaxed);
    if (k >= schedule_.total()) return false;
    *out = schedule_.At(k);
    return true;
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
  bool Next(PlannedSend* out) override {
    std::lock_guard<std::mutex> lock(mu_);
    return schedule_.Next(out);
  }
  uint64_t planned() const override { return schedule_.planned(); }

 private:
  std::mutex mu_;
  SequencedSchedule schedule_;
};

// The lock-free source when it suffices (even spacing, no stagger), else the
// sequenced one. `profile` must outlive the source.
std::unique_ptr<SendSource> MakeSendSource(const RateProfile& profile, uint32_t agents,
                                           const ArrivalOptions& options);

}  // namespace nethical::loadgen
