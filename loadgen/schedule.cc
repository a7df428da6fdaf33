#include "loadgen/schedule.h"

#include <algorithm>
#include <cmath>

namespace nethical::loadgen {
namespace {

constexpr int64_t kMaxStaggerNs = 1'000'000'000;  // the original's 1 s cap

int64_t SecondsToNanos(double s) { return std::llround(s * 1e9); }

}  // namespace

int64_t StaggerOffsetNs(int64_t stagger_ns, uint32_t agent) {
  if (stagger_ns <= 0 || agent == 0) return 0;
  if (stagger_ns >= kMaxStaggerNs / agent) return kMaxStaggerNs;
  return std::min(stagger_ns * agent, kMaxStaggerNs);
}

double ScheduledSpanSeconds(const RateProfile& profile, uint64_t planned, uint32_t agents,
                            int64_t stagger_ns) {
  const double n = static_cast<double>(planned);
  const double total = profile.TotalSends();
  double span = 0;
  if (n <= total) {
    span = profile.TimeOfSend(n);
  } else {
    const double final_rate = profile.segments().empty() ? 0 : profile.segments().back().rate_end;
    span = profile.duration_s() + (final_rate > 0 ? (n - total) / final_rate : 0);
  }
  const uint64_t senders = std::min<uint64_t>(agents, planned);
  if (senders > 1) span += StaggerOffsetNs(stagger_ns, static_cast<uint32_t>(senders - 1)) / 1e9;
  return span;
}

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
  extra_next_.assign(options_.extra.size(), 0);
  for (size_t i = 0; i < options_.extra.size(); ++i) {
    if (options_.extra[i].agent >= agents_) continue;
    extra_ += options_.extra[i].count;
    AdvanceExtra(i);
  }
  planned_ += extra_;
}

void SequencedSchedule::AdvanceExtra(size_t i) {
  const ExtraSends& e = options_.extra[i];
  const uint64_t j = extra_next_[i];
  if (j >= e.count) return;
  extra_next_[i] = j + 1;
  const int64_t period = std::max<int64_t>(1, e.period_ns);
  heap_.push({e.first_ns + static_cast<int64_t>(j) * period, static_cast<uint32_t>(agents_ + i)});
}

int64_t SequencedSchedule::IntendedNanos(uint32_t agent, double u) const {
  const int64_t offset = StaggerOffsetNs(options_.stagger_ns, agent);
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
  const bool own = top.stream < agents_;
  const uint32_t agent = own ? top.stream : options_.extra[top.stream - agents_].agent;
  AgentCursor& c = cursors_[agent];
  out->index = next_index_++;
  out->agent = agent;
  out->agent_seq = c.seq++;
  out->intended_ns = top.intended_ns;
  if (own)
    Advance(agent);
  else
    AdvanceExtra(top.stream - agents_);
  return true;
}

}  // namespace nethical::loadgen
