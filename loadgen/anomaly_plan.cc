#include "loadgen/anomaly_plan.h"

#include <algorithm>
#include <climits>
#include <cmath>

namespace nethical::loadgen {
namespace {

int64_t Nanos(double s) { return std::llround(s * 1e9); }

// An agent not in `chosen`, drawn from the hash chain *h; appended to chosen.
// REQUIRES: chosen->size() < agents.
uint32_t PickNewAgent(uint32_t agents, uint64_t* h, std::vector<uint32_t>* chosen) {
  uint32_t agent = 0;
  do {
    *h = Mix64(*h);
    agent = static_cast<uint32_t>(*h % agents);
  } while (std::find(chosen->begin(), chosen->end(), agent) != chosen->end());
  chosen->push_back(agent);
  return agent;
}

}  // namespace

AnomalyPlan PlanAnomalies(uint64_t seed, double duration_s, uint32_t agents, double warmup_s) {
  AnomalyPlan plan;
  uint64_t h = Mix64(seed ^ 0xa11071a1ULL);
  const double w = warmup_s;
  const double d = duration_s - w;  // the span after the warm-up
  constexpr AnomalyKind kAgentKinds[] = {AnomalyKind::kBurst, AnomalyKind::kSequenceSwitch,
                                         AnomalyKind::kBurst, AnomalyKind::kSequenceSwitch};
  std::vector<uint32_t> chosen;
  for (AnomalyKind kind : kAgentKinds) {
    if (chosen.size() == agents) break;
    const uint32_t agent = PickNewAgent(agents, &h, &chosen);
    h = Mix64(h);
    const double onset = w + d * (0.1 + 0.3 * UnitInterval(h));
    const double length = kind == AnomalyKind::kBurst ? std::min(10.0, d / 5) : std::min(20.0, d / 4);
    plan.push_back({kind, agent, Nanos(onset), Nanos(onset + length)});
  }
  if (agents >= chosen.size() + 2) {
    InjectedAnomaly c{.kind = AnomalyKind::kCoordinatedPayload};
    c.group_size = static_cast<uint8_t>(std::min<size_t>(kMaxCoordinatedAgents, agents - chosen.size()));
    for (int i = 0; i < c.group_size; ++i) c.group[i] = PickNewAgent(agents, &h, &chosen);
    c.agent = c.group[0];
    h = Mix64(h);
    const double onset = w + d * (0.45 + 0.05 * UnitInterval(h));
    c.onset_ns = Nanos(onset);
    c.end_ns = Nanos(onset + std::min(10.0, d / 10));
    plan.push_back(c);
  }
  h = Mix64(h);
  plan.push_back({AnomalyKind::kCohortDrift, 0, Nanos(w + d * (0.75 + 0.05 * UnitInterval(h))), INT64_MAX});
  return plan;
}

double AnomalyWarmupSeconds(int64_t warmup_actions, int64_t drift_warmup_actions, int64_t drift_block_actions,
                            uint64_t sequence_support, double frequency_support_s, double rps,
                            uint32_t agents) {
  const double per_agent = rps / agents;
  const double agent_s = static_cast<double>(warmup_actions) / per_agent;
  const double sequence_s = static_cast<double>(sequence_support) / rps;
  const double drift_s = static_cast<double>(drift_warmup_actions + drift_block_actions) / rps;
  return 1.1 * std::max({agent_s, frequency_support_s, sequence_s, drift_s});
}

std::vector<ExtraSends> InjectedSends(const AnomalyPlan& plan, const RateProfile& profile, uint32_t agents) {
  double peak = 0;
  for (const RateProfile::Segment& s : profile.segments()) peak = std::max({peak, s.rate_start, s.rate_end});
  std::vector<ExtraSends> out;
  for (const InjectedAnomaly& a : plan) {
    if (a.kind == AnomalyKind::kCoordinatedPayload) {
      for (int i = 0; i < a.group_size; ++i)
        out.push_back({.agent = a.group[i],
                       .first_ns = a.onset_ns + (i + 1) * (a.end_ns - a.onset_ns) / (a.group_size + 1),
                       .period_ns = 1,
                       .count = 1});
      continue;
    }
    if (a.kind != AnomalyKind::kBurst) continue;
    double rate = profile.RateAt(a.onset_ns / 1e9);
    if (!(rate > 0)) rate = peak;
    const double extra_rate = 9.0 * rate / agents;  // sends/s on top of the agent's own
    if (!(extra_rate > 0)) continue;
    const int64_t period = std::max<int64_t>(1, Nanos(1.0 / extra_rate));
    ExtraSends e;
    e.agent = a.agent;
    e.period_ns = period;
    e.first_ns = a.onset_ns + period / 2;
    e.count = e.first_ns < a.end_ns ? static_cast<uint64_t>((a.end_ns - 1 - e.first_ns) / period) + 1 : 0;
    out.push_back(e);
  }
  return out;
}

}  // namespace nethical::loadgen
