// The sends of the regression workloads that drive the engine with
// generate_load's mixed workload: agent i * 2654435761 >> 10 (mod agents)
// for the i-th send, each agent's own sequence numbers, 2 ms apart. Pass
// each to MixedWorkload::Fill (loadgen/workload.h), or let
// EvaluateMixedWorkload below run the whole loop.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "engine/engine.h"
#include "loadgen/schedule.h"
#include "loadgen/workload.h"
#include "tests/testing/fake_clock.h"

namespace nethical::regression {

class MixedSends {
 public:
  explicit MixedSends(uint32_t agents) : agent_seq_(agents) {}

  loadgen::PlannedSend Next() {
    loadgen::PlannedSend send;
    send.index = index_;
    send.agent = static_cast<uint32_t>((index_ * 2654435761u >> 10) % agent_seq_.size());
    send.agent_seq = agent_seq_[send.agent]++;
    send.intended_ns = static_cast<int64_t>(index_) * 2'000'000;
    ++index_;
    return send;
  }

 private:
  uint32_t index_ = 0;
  std::vector<uint64_t> agent_seq_;
};

// Evaluates `actions` sends of generate_load's default mixed workload from
// `agents` agents with `engine`, the clock 2 ms on after each; `adjust(i,
// action)` may change the i-th action before it goes in, `term(verdict)` is
// the verdict's part of the checksum. Shuts the engine down; returns the
// checksum (over the terms and the decision counts), 0 if the shutdown failed.
template <typename Adjust, typename Term>
uint64_t EvaluateMixedWorkload(Engine& engine, FakeClock& clock, uint32_t agents, uint32_t actions,
                               Adjust adjust, Term term) {
  const loadgen::MixedWorkload workload{loadgen::WorkloadOptions{}};
  MixedSends sends(agents);
  Action action;
  uint64_t decisions[8] = {};
  uint64_t checksum = 0;
  for (uint32_t i = 0; i < actions; ++i) {
    workload.Fill(sends.Next(), &action);
    adjust(i, action);
    const Verdict v = engine.Evaluate(action);
    ++decisions[static_cast<int>(v.decision) % 8];
    checksum = checksum * 1099511628211ULL ^ term(v);
    clock.Advance(std::chrono::milliseconds(2));
  }
  if (!engine.Shutdown().ok()) return 0;
  for (uint64_t d : decisions) checksum = checksum * 31 + d;
  return checksum;
}

}  // namespace nethical::regression
