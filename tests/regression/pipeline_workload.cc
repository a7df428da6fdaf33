// Engine::Evaluate end to end on generate_load's default workload: 8,192
// actions of MixedWorkload::Fill (loadgen/workload.h: texts of 32 B .. 4 KiB,
// 862 B on average, 10 % with PII, 5 % tripping a detector, each ending in
// its own trace token) from 1,000 agents, through input screen -> quota
// (token buckets) -> PII (standard policy) -> detectors (judgment cache on,
// as generate_load runs them; the trace tokens make every text new, so the
// cache's bypass is part of the count) -> judge -> risk -> shadow
// (heuristic, log off) + blend (on the shadow score) -> anomaly. Audit is
// off: its writer thread would make the count depend on scheduling. With the
// shadow, blended and anomaly logs and audit off the engine never touches storage_dir, so no I/O is
// counted. A FakeClock advances 2 ms per action. Engine::Create (pattern
// compilation, mostly) is counted too.
#include <chrono>
#include <cstdint>
#include <memory>

#include "engine/config/engine_config.h"
#include "engine/engine.h"
#include "engine/model/action.h"
#include "engine/model/verdict.h"
#include "loadgen/workload.h"
#include "tests/regression/mixed_sends.h"
#include "tests/regression/workload.h"
#include "tests/testing/fake_clock.h"

namespace nethical::regression {

uint64_t RunWorkload() {
  constexpr uint32_t kActions = 8192;
  constexpr uint32_t kAgents = 1000;
  EngineConfig config;
  config.storage_dir = "/nonexistent/nethical_regression_pipeline";  // never opened (see above)
  config.region_id = "eu-west";
  config.detect.judgment_cache = true;
  config.quota.enabled = true;
  // The tenant (the region) sees all 500 req/s: rates above that keep the
  // quota stage on its admitting path, as in production.
  config.quota.requests_per_second = 1000;
  config.quota.burst_size = 2000;
  config.privacy.mode = PrivacyMode::kStandard;
  config.shadow.enabled = true;
  config.shadow.log_enabled = false;
  config.blend.enabled = true;
  config.blend.log_enabled = false;
  config.blend.source = BlendSource::kShadowScore;
  config.anomaly.enabled = true;
  config.anomaly.log_enabled = false;
  config.audit.enabled = false;
  FakeClock clock;
  auto engine = Engine::Create(config, clock);
  if (!engine.ok()) return 0;

  return EvaluateMixedWorkload(
      **engine, clock, kAgents, kActions, [](uint32_t, Action&) {},
      [](const Verdict& v) {
        return static_cast<uint64_t>(v.risk_score * 1e6) + v.violations.size() +
               (v.pii.has_value() ? v.pii->findings.size() << 8 : 0) + (v.anomaly.has_value() ? 1 << 16 : 0);
      });
}

}  // namespace nethical::regression
