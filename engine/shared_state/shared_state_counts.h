// What the shared state (Redis) did for an engine, for reports: the
// generate_load summary's engine_stats.shared_state block.
#pragma once

#include <cstdint>

namespace nethical {

struct SharedStateCounts {
  uint64_t checks = 0;              // quota checks (risk updates) Redis answered
  uint64_t errors = 0;              // checks Redis could not answer (down, timeout, error reply)
  uint64_t fail_open_admits = 0;    // of those, admitted (risk: computed locally) by the open policy
  uint64_t fail_closed_blocks = 0;  // of those, blocked (risk: reported highest) by the closed policy
  uint64_t connects = 0;            // connections made (the first ones and every reconnection)
  uint64_t script_loads = 0;        // SCRIPT LOADs (once per connection's server; again after a restart)
  uint64_t local_checks = 0;        // quota checks served from leased tokens (NETHICAL_SHARED_STATE_LEASE)
  uint64_t round_trips = 0;  // exchanges with the server: connection setups (AUTH, SELECT) and requests
  uint64_t replayed = 0;     // risk: other engines' updates applied from the agent's shared log
};

}  // namespace nethical
