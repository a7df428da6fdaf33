#include "tests/loadgen/replay_engine.h"

#include <gtest/gtest.h>

#include "engine/anomaly/anomaly_detector.h"
#include "engine/anomaly/cohort_drift.h"
#include "engine/anomaly/trigram_model.h"
#include "loadgen/anomaly_plan.h"
#include "loadgen/engine_settings.h"
#include "loadgen/load_options.h"

namespace nethical::loadgen {

std::unique_ptr<ReplayEngine> MakeReplayEngine(const std::vector<std::string>& args) {
  auto r = std::make_unique<ReplayEngine>();
  StatusOr<LoadOptions> options = ParseLoadOptions(args);
  EXPECT_TRUE(options.ok()) << options.status().message();
  if (!options.ok()) return r;
  const char* env[] = {nullptr};
  StatusOr<EngineSettings> settings = BuildEngineSettings(*options, env);
  EXPECT_TRUE(settings.ok()) << settings.status().message();
  if (!settings.ok()) return r;
  r->config = settings->config;
  r->start_ns = r->clock.NowNanos();
  StatusOr<std::unique_ptr<Engine>> engine = Engine::Create(r->config, r->clock);
  EXPECT_TRUE(engine.ok()) << engine.status().message();
  if (engine.ok()) r->engine = std::move(*engine);
  return r;
}

double ReplayWarmupSeconds(const ReplayEngine& r, double rps, uint32_t agents) {
  const AnomalyConfig& a = r.config.anomaly;
  return AnomalyWarmupSeconds(a.warmup_actions, a.drift_warmup_actions,
                              anomaly::DriftTypeBlockActions(static_cast<uint32_t>(a.drift_baseline_size)),
                              anomaly::kMinSupport, anomaly::FrequencySupportSeconds(a), rps, agents);
}

}  // namespace nethical::loadgen
