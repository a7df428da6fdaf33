// Engine::Evaluate end to end: 10,000 actions of 256 bytes from 1,000 agents
// in 8 cohorts through input screen -> quota (token buckets) -> PII
// (standard policy) -> detectors -> judge -> risk -> shadow (heuristic, log
// off) + blend (on the shadow score) -> anomaly. Audit is off: its writer
// thread would make the count depend on scheduling. With the shadow log and
// audit off the engine never touches storage_dir, so no I/O is counted.
// A FakeClock advances 2 ms per action; texts are cycled from 64 distinct
// ones: clean, with PII, or with a violating phrase. Engine::Create (pattern
// compilation, mostly) is 13 % of the count.
#include <chrono>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "engine/config/engine_config.h"
#include "engine/engine.h"
#include "engine/model/action.h"
#include "engine/model/verdict.h"
#include "tests/regression/workload.h"
#include "tests/regression/workload_texts.h"
#include "tests/testing/fake_clock.h"

namespace nethical::regression {

uint64_t RunWorkload() {
  constexpr uint32_t kActions = 10000;
  constexpr uint32_t kDistinctTexts = 64;
  constexpr uint32_t kAgents = 1000;
  EngineConfig config;
  config.storage_dir = "/nonexistent/nethical_regression_pipeline";  // never opened (see above)
  config.region_id = "eu-west";
  config.detect.judgment_cache = false;
  config.quota.enabled = true;
  // The tenant (the region) sees all 500 req/s: rates above that keep the
  // quota stage on its admitting path, as in production.
  config.quota.requests_per_second = 1000;
  config.quota.burst_size = 2000;
  config.privacy.mode = PrivacyMode::kStandard;
  config.shadow.enabled = true;
  config.shadow.log_enabled = false;
  config.blend.enabled = true;
  config.blend.source = BlendSource::kShadowScore;
  config.anomaly.enabled = true;
  config.audit.enabled = false;
  FakeClock clock;
  auto engine = Engine::Create(config, clock);
  if (!engine.ok()) return 0;

  std::vector<std::string> texts;
  for (uint32_t t = 0; t < kDistinctTexts; ++t) {
    if (t % 8 == 3) {
      texts.push_back(TextWith(256, t, kPiiSnippets[t / 8 % std::size(kPiiSnippets)]));
    } else if (t % 8 == 6) {
      texts.push_back(TextWith(256, t, kViolatingPhrases[t / 8 % std::size(kViolatingPhrases)]));
    } else {
      texts.push_back(CleanText(256, t));
    }
  }
  Action action;
  uint64_t decisions[8] = {};
  uint64_t checksum = 0;
  for (uint32_t i = 0; i < kActions; ++i) {
    const uint32_t agent = (i * 2654435761u >> 10) % kAgents;
    action.agent_id = "agent-" + std::to_string(100000 + agent);
    action.action_id = "act-" + std::to_string(i);
    action.cohort = "cohort-" + std::to_string(agent % 8);
    action.type = static_cast<ActionType>(i % 3);
    action.text = texts[i % kDistinctTexts];
    const Verdict v = (*engine)->Evaluate(action);
    ++decisions[static_cast<int>(v.decision) % 8];
    checksum = checksum * 1099511628211ULL ^
               (static_cast<uint64_t>(v.risk_score * 1e6) + v.violations.size() +
                (v.pii.has_value() ? v.pii->findings.size() << 8 : 0) + (v.anomaly.has_value() ? 1 << 16 : 0));
    clock.Advance(std::chrono::milliseconds(2));
  }
  if (!(*engine)->Shutdown().ok()) return 0;
  for (uint64_t d : decisions) checksum = checksum * 31 + d;
  return checksum;
}

}  // namespace nethical::regression
