// The sends of the regression workloads that drive the engine with
// generate_load's mixed workload: agent i * 2654435761 >> 10 (mod agents)
// for the i-th send, each agent's own sequence numbers, 2 ms apart. Pass
// each to MixedWorkload::Fill (loadgen/workload.h).
#pragma once

#include <cstdint>
#include <vector>

#include "loadgen/schedule.h"

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

}  // namespace nethical::regression
