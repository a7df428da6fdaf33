// QuotaEnforcer::Check, token-bucket mode: 200,000 checks of a fixed stream
// over 1,000 agents in 64 cohorts and 32 tenants (about 16 and 31 req/s
// each, within the 50 req/s rate), a FakeClock advancing 1 ms per request.
// Two "hot" agents send an eighth of the traffic, 62.5 req/s each, so the
// stream exercises ALLOW, THROTTLE and BLOCK; the idle-eviction sweep runs
// as the fake time passes idle_eviction_seconds.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/config/engine_config.h"
#include "engine/quota/quota_enforcer.h"
#include "tests/regression/workload.h"
#include "tests/testing/fake_clock.h"

namespace nethical::regression {

uint64_t RunWorkload() {
  constexpr int kChecks = 200000;
  constexpr int kAgents = 1000;
  constexpr int kHotAgents = 2;
  constexpr int kCohorts = 64;
  constexpr int kTenants = 32;
  QuotaConfig config;
  config.enabled = true;
  config.mode = QuotaMode::kTokenBucket;
  config.requests_per_second = 50;
  config.burst_size = 100;
  config.idle_eviction_seconds = 60;
  FakeClock clock;
  quota::QuotaEnforcer enforcer(config, clock);

  std::vector<std::string> agents, cohorts, tenants;
  for (int a = 0; a < kAgents; ++a) agents.push_back("agent-" + std::to_string(10000 + a));
  for (int c = 0; c < kCohorts; ++c) cohorts.push_back("cohort-" + std::to_string(c));
  for (int t = 0; t < kTenants; ++t) tenants.push_back("region-" + std::to_string(t));

  uint64_t counts[3] = {0, 0, 0};
  uint64_t checksum = 0;
  for (uint32_t i = 0; i < kChecks; ++i) {
    // Every 8th request from a hot agent, the rest spread by a fixed
    // multiplicative hash over the other agents.
    const uint32_t agent =
        i % 8 == 0 ? i / 8 % kHotAgents : kHotAgents + (i * 2654435761u >> 8) % (kAgents - kHotAgents);
    const QuotaOutcome o = enforcer.Check(agents[agent], cohorts[agent % kCohorts], tenants[i % kTenants]);
    ++counts[static_cast<int>(o.decision)];
    checksum = checksum * 1099511628211ULL ^ (static_cast<uint64_t>(o.backpressure * 1e6) + o.reason.size());
    clock.Advance(std::chrono::milliseconds(1));
  }
  return checksum ^ (counts[0] << 40) ^ (counts[1] << 20) ^ counts[2] ^ enforcer.LiveEntities();
}

}  // namespace nethical::regression
