#include "loadgen/schedule.h"

#include <algorithm>
#include <cmath>

namespace nethical::loadgen {
namespace {

constexpr int64_t kMaxStaggerNs = 1'000'000'000;  // the original's 1 s cap

int64_t SecondsToNanos(double s) { return std::llround(s * 1e9); }

}  // namespace

uint64_t EvenSendCount(const RateProfile& profile) {
  const double total = profile.TotalSends();
  return static_cast<uint64_t>(std::ceil(total - 1e-9 * std::max(1.0, total)));
}

EvenSchedule::EvenSchedule(const RateProfile& profile, uint32_t agents)
    : profile_(profile), agents_(agents), total_(EvenSendCount(profile)) {}

PlannedSend EvenSchedule::At(uint64_t k) const {
  PlannedSend s;
  s.index = k;
  s.agent = static_cast<uint32_t>(k % agents_);
  s.agent_seq = k / agents_;
  s.intended_ns = SecondsToNanos(profile_.TimeOfSend(static_cast<double>(k)));
  return s;
}

SequencedSchedule::SequencedSchedule(const RateProfile& profile, uint32_t agents,
                                     const ArrivalOptions& options)
    : profile_(profile), agents_(agents), options_(options) {
  if (options_.poisson) {
    u_end_ = profile.TotalSends();
    planned_ = static_cast<uint64_t>(std::llround(u_end_));
  } else {
    planned_ = EvenSendCount(profile);
    u_end_ = static_cast<double>(planned_);
  }
  cursors_.resize(agents_);
  for (uint32_t i = 0; i < agents_; ++i) {
    AgentCursor& c = cursors_[i];
    c.rng = Mix64(options_.seed ^ Mix64(i));
    c.seq = 0;
    // Start one step before the first send so Advance() lands on it.
    c.u = options_.poisson ? 0.0 : static_cast<double>(i) - agents_;
    Advance(i);
  }
}

int64_t SequencedSchedule::IntendedNanos(uint32_t agent, double u) const {
  const int64_t offset = std::min(options_.stagger_ns * agent, kMaxStaggerNs);
  return SecondsToNanos(profile_.TimeOfSend(u)) + offset;
}

void SequencedSchedule::Advance(uint32_t agent) {
  AgentCursor& c = cursors_[agent];
  if (options_.poisson) {
    c.rng = Mix64(c.rng);
    c.u += -std::log1p(-UnitInterval(c.rng)) * agents_;
  } else {
    c.u += agents_;
  }
  if (c.u < u_end_) heap_.push({IntendedNanos(agent, c.u), agent});
}

bool SequencedSchedule::Next(PlannedSend* out) {
  if (heap_.empty()) return false;
  const HeapEntry top = heap_.top();
  heap_.pop();
  AgentCursor& c = cursors_[top.agent];
  out->index = next_index_++;
  out->agent = top.agent;
  out->agent_seq = c.seq++;
  out->intended_ns = top.intended_ns;
  Advance(top.agent);
  return true;
}

}  // namespace nethical::loadgen
