// Schedules: when each send of a run is intended to happen, relative to the
// run's start, and which agent makes it. Open loop: these times never depend
// on how fast the engine answers.
//
// A send's intended time is Λ^-1(u) for its "operational time" u (RateProfile):
//   - even spacing: the k-th send has u = k and goes to agent k % agents, so
//     each agent sends at rate/agents with phase i/rate, and the first
//     (total % agents) agents get one send more (the original's split, §1.3);
//   - Poisson: each agent's u advances by agents * Exp(1) (seeded per agent),
//     so the merged stream is a Poisson process at the profile's rate;
//   - stagger: agent i's times move later by min(i * stagger, 1 s) (original);
//   - extra sends (--inject-anomalies bursts, anomaly_plan.h): evenly spaced
//     sends of one agent on top of its own, merged in time order; the
//     agent's action numbers count them in that order.
//
// EvenSchedule is a pure function of k (used lock-free by many threads).
// SequencedSchedule merges per-agent streams in time order (Poisson,
// stagger); it is not thread-safe, see send_source.h.
#pragma once

#include <cstdint>
#include <queue>
#include <vector>

#include "loadgen/rate_profile.h"

namespace nethical::loadgen {

struct PlannedSend {
  uint64_t index = 0;       // position in the run, 0-based, in dispatch order
  uint32_t agent = 0;       // 0 .. agents-1
  uint64_t agent_seq = 0;   // this agent's action number, 0-based
  int64_t intended_ns = 0;  // offset from the run's start
};

// The number of sends an even schedule makes: ceil(Λ(duration)), tolerant
// of floating-point dust (50/s for 60 s is 3000, not 3001).
uint64_t EvenSendCount(const RateProfile& profile);

class EvenSchedule {
 public:
  // REQUIRES: agents >= 1.
  EvenSchedule(const RateProfile& profile, uint32_t agents);
  uint64_t total() const { return total_; }
  // REQUIRES: k < total().
  PlannedSend At(uint64_t k) const;

 private:
  const RateProfile& profile_;
  uint32_t agents_;
  uint64_t total_;
};

// The scheduled span of `planned` sends: from time zero (the first intended
// send) to one interval after the last intended send, i.e. the time the
// next send would be due: Λ^-1(planned), extended past the profile's end at
// its final rate when planned > Λ(duration) (ceil), plus the largest agent
// stagger offset. For N evenly spaced sends at rate R it is N/R exactly, so
// N sends over it are exactly R per second (N = 1, 2, 10 as for 10^6).
double ScheduledSpanSeconds(const RateProfile& profile, uint64_t planned, uint32_t agents,
                            int64_t stagger_ns);

// Agent `agent`'s start offset: min(agent * stagger_ns, 1 s), saturating
// (no overflow for any stagger_ns >= 0 and agent).
int64_t StaggerOffsetNs(int64_t stagger_ns, uint32_t agent);

// `count` sends of `agent` at first_ns, first_ns + period_ns, ... (offsets
// from time zero, no stagger), in addition to the agent's own.
struct ExtraSends {
  uint32_t agent = 0;
  int64_t first_ns = 0;
  int64_t period_ns = 1;  // >= 1
  uint64_t count = 0;
};

struct ArrivalOptions {
  bool poisson = false;
  uint64_t seed = 0;
  int64_t stagger_ns = 0;         // per-agent start offset step; capped at 1 s per agent
  std::vector<ExtraSends> extra;  // agents >= the schedule's count are ignored
};

class SequencedSchedule {
 public:
  // REQUIRES: agents >= 1. Memory: O(agents).
  SequencedSchedule(const RateProfile& profile, uint32_t agents, const ArrivalOptions& options);
  // The next send in intended-time order; false when the run has no more.
  bool Next(PlannedSend* out);
  // Sends planned: exact for even spacing, the expectation for Poisson;
  // includes the extra sends.
  uint64_t planned() const { return planned_; }
  // The extra sends among them.
  uint64_t extra() const { return extra_; }

 private:
  struct AgentCursor {
    double u;      // operational time of this agent's next send
    uint64_t seq;  // its action number
    uint64_t rng;  // splitmix64 state (Poisson only)
  };
  // stream < agents: that agent's own sends; else options_.extra[stream - agents].
  struct HeapEntry {
    int64_t intended_ns;
    uint32_t stream;
    bool operator>(const HeapEntry& o) const {
      return intended_ns != o.intended_ns ? intended_ns > o.intended_ns : stream > o.stream;
    }
  };

  void Advance(uint32_t agent);  // moves agent's cursor on, pushes it if still in the run
  void AdvanceExtra(size_t i);   // pushes extra stream i's next send, if any
  int64_t IntendedNanos(uint32_t agent, double u) const;

  const RateProfile& profile_;
  uint32_t agents_;
  ArrivalOptions options_;
  double u_end_;  // sends with u >= u_end_ are beyond the run
  uint64_t planned_;
  uint64_t extra_ = 0;
  uint64_t next_index_ = 0;
  std::vector<AgentCursor> cursors_;
  std::vector<uint64_t> extra_next_;  // per extra stream: sends pushed so far
  std::priority_queue<HeapEntry, std::vector<HeapEntry>, std::greater<HeapEntry>> heap_;
};

// splitmix64: the counter-based mixer every seeded choice in loadgen uses.
inline uint64_t Mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
// A uniform double in [0, 1) from 53 bits of x.
inline double UnitInterval(uint64_t x) { return static_cast<double>(x >> 11) * 0x1.0p-53; }

}  // namespace nethical::loadgen
