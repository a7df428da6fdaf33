// AnomalyDetector::Record for 100,000 actions of 1,000 agents in 8 cohorts,
// a FakeClock advancing 5 ms per action, its reading passed to Record as
// the engine passes its own. Action types follow a fixed
// per-agent pattern with occasional deviations, risk scores a fixed ramp
// that shifts half way (so the drift windows compare different
// distributions), and agent 0 acts in bursts (frequency alerts); cooldowns
// and the idle sweep run on the fake time.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/anomaly/anomaly_detector.h"
#include "engine/config/engine_config.h"
#include "engine/model/action.h"
#include "tests/regression/workload.h"
#include "tests/testing/fake_clock.h"

namespace nethical::regression {

uint64_t RunWorkload() {
  constexpr uint32_t kRecords = 100000;
  constexpr uint32_t kAgents = 1000;
  constexpr uint32_t kCohorts = 8;
  AnomalyConfig config;
  config.enabled = true;
  FakeClock clock;
  auto detector =
      anomaly::AnomalyDetector::Create(config, clock, {.max_agents = 100000, .idle_seconds = 120});
  if (!detector.ok()) return 0;

  std::vector<std::string> agents, cohorts;
  for (uint32_t a = 0; a < kAgents; ++a) agents.push_back("agent-" + std::to_string(100000 + a) + "-prod");
  for (uint32_t c = 0; c < kCohorts; ++c) cohorts.push_back("cohort-" + std::to_string(c));

  uint64_t alerts = 0;
  uint64_t checksum = 0;
  for (uint32_t i = 0; i < kRecords; ++i) {
    const uint32_t agent = i % 8 == 0 ? 0 : (i * 2654435761u >> 10) % kAgents;
    const uint32_t step = i / kAgents;
    // Mostly a per-agent cycle of three types; every 13th step deviates.
    const uint32_t type = step % 13 == 0 ? (agent + step) % kActionTypeCount : (agent + step) % 3;
    const double ramp = static_cast<double>(i % 100) / 100.0;
    const double risk = i < kRecords / 2 ? ramp * 0.4 : 0.3 + ramp * 0.7;
    const auto alert = (*detector)->Record(agents[agent], cohorts[agent % kCohorts],
                                           static_cast<ActionType>(type), risk, clock.NowNanos());
    if (alert.has_value()) {
      ++alerts;
      checksum = checksum * 1099511628211ULL ^
                 (i + AnomalyTypeName(alert->type).size() * 131 + alert->description.size());
    }
    clock.Advance(std::chrono::milliseconds(5));
  }
  return checksum ^ (alerts << 40) ^ (*detector)->LiveAgents();
}

}  // namespace nethical::regression
