// RiskStore: where the engine keeps every agent's risk state and updates it
// with one action (RiskModel). Two kinds: RiskTracker (in this process) and
// RedisRisk (in Redis, shared by every engine using the server:
// NETHICAL_SHARED_RISK; docs/scale-out.md).
//
//   std::unique_ptr<RiskStore> store = ...;
//   RiskResult r = store->Update("agent-7", input, clock.NowNanos());
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/risk/risk_model.h"
#include "engine/shared_state/shared_state_counts.h"

namespace nethical::risk {

class RiskStore {
 public:
  virtual ~RiskStore() = default;
  // Applies one action of `agent_id` at the engine's monotonic `now_ns`.
  virtual RiskResult Update(std::string_view agent_id, const RiskInput& input, int64_t now_ns) = 0;
  // What the shared state did (RedisRisk); empty in process.
  virtual std::optional<SharedStateCounts> SharedState() const { return std::nullopt; }
};

}  // namespace nethical::risk
