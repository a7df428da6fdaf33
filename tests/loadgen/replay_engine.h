// The engine generate_load builds for a command line, for replaying its
// workload in one thread with a fake clock (default_run_anomaly_test,
// injected_coordinated_test).
//
//   std::unique_ptr<ReplayEngine> r = MakeReplayEngine({"--agents", "100", "--anomaly"});
//   r->clock.SetNanos(r->start_ns + send.intended_ns);
//   Verdict v = r->engine->Evaluate(action);
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/engine.h"
#include "tests/testing/fake_clock.h"

namespace nethical::loadgen {

struct ReplayEngine {
  FakeClock clock;
  int64_t start_ns = 0;
  EngineConfig config;
  std::unique_ptr<Engine> engine;
};

// `args`: generate_load flags (an empty environment). A bad flag or config
// fails the current test and leaves `engine` null.
std::unique_ptr<ReplayEngine> MakeReplayEngine(const std::vector<std::string>& args);

// AnomalyWarmupSeconds for the replay engine's anomaly config.
double ReplayWarmupSeconds(const ReplayEngine& r, double rps, uint32_t agents);

}  // namespace nethical::loadgen
