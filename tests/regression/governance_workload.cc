// Engine::Evaluate with every stage of docs/stages.md on, on generate_load's
// default workload: the pipeline workload's engine (quota, PII standard,
// detectors without the judgment cache, risk, shadow + blend, anomaly; audit
// off) plus quarantine (enforced; 1 % of the agents quarantined at the start,
// so the fast path answers some actions), the ethical taxonomy, the SLA
// monitor, the correlation engine and EU_GDPR residency (every 10th action
// from another region, reported, not enforced). 8,192 actions from 1,000
// agents, a FakeClock advancing 2 ms per action. The difference from the
// pipeline workload is what the five stages cost together.
//
// NETHICAL_* variables in the environment override these settings (through
// ConfigBuilder), so each stage's own cost is measured by switching it off:
//   NETHICAL_ENABLE_CORRELATION=false valgrind --tool=callgrind
//     --collect-atstart=no bazel-bin/tests/regression/governance_workload
// (the gate itself runs with a clean environment).
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "engine/config/config_builder.h"
#include "engine/engine.h"
#include "loadgen/workload.h"
#include "tests/regression/mixed_sends.h"
#include "tests/regression/workload.h"
#include "tests/testing/fake_clock.h"

extern char** environ;

namespace nethical::regression {
namespace {

// Says why on stderr; 0 makes the gate fail (workload.h).
uint64_t Failed(const Status& s) {
  std::fprintf(stderr, "governance workload: %s\n", s.message().c_str());
  return 0;
}

}  // namespace

uint64_t RunWorkload() {
  constexpr uint32_t kActions = 8192;
  constexpr uint32_t kAgents = 1000;
  ConfigBuilder b;
  const std::pair<const char*, const char*> settings[] = {
      {"NETHICAL_STORAGE_DIR", "/nonexistent/nethical_regression_governance"},  // never opened
      {"NETHICAL_REGION_ID", "eu-west-1"},
      {"NETHICAL_JUDGMENT_CACHE", "false"},
      {"NETHICAL_ENABLE_QUOTA", "true"},
      {"NETHICAL_REQUESTS_PER_SECOND", "1000"},
      {"NETHICAL_QUOTA_BURST_SIZE", "2000"},
      {"NETHICAL_PRIVACY_MODE", "standard"},
      {"NETHICAL_SHADOW_MODEL", "heuristic"},
      {"NETHICAL_SHADOW_LOG", "false"},
      {"NETHICAL_ENABLE_ML_BLENDING", "true"},
      {"NETHICAL_BLEND_SOURCE", "shadow"},
      {"NETHICAL_BLEND_LOG", "false"},  // no file: storage_dir is never opened
      {"NETHICAL_ENABLE_ANOMALY_DETECTION", "true"},
      {"NETHICAL_ANOMALY_LOG", "false"},
      {"NETHICAL_ENABLE_MERKLE", "false"},
      {"NETHICAL_ENABLE_QUARANTINE", "true"},
      {"NETHICAL_QUARANTINE_ENFORCE", "true"},
      {"NETHICAL_ENABLE_ETHICAL_TAXONOMY", "true"},
      {"NETHICAL_ENABLE_SLA_MONITORING", "true"},
      {"NETHICAL_ENABLE_CORRELATION", "true"},
      {"NETHICAL_DATA_RESIDENCY_POLICY", "EU_GDPR"},
  };
  for (const auto& [key, value] : settings)
    if (!b.SetDefault(key, value, "governance workload").ok()) return 0;
  if (!b.LoadEnvironment(environ).ok()) return 0;
  StatusOr<EngineConfig> config = b.Build();
  if (!config.ok()) return Failed(config.status());
  FakeClock clock;
  auto engine = Engine::Create(*config, clock);
  if (!engine.ok()) return Failed(engine.status());
  if (auto* q = (*engine)->quarantine_manager()) {
    std::string agent;
    for (uint32_t a = 0; a < kAgents; a += 100) {
      loadgen::FormatAgentId(a, &agent);
      if (!q->Quarantine(quarantine::QuarantineScope::kAgent, agent, "regression").ok()) return 0;
    }
  }

  return EvaluateMixedWorkload(
      **engine, clock, kAgents, kActions,
      [](uint32_t i, Action& action) {
        if (i % 10 == 0) action.region_id = "us-east-1";
      },
      [](const Verdict& v) {
        return static_cast<uint64_t>(v.risk_score * 1e6) + v.violations.size() +
               (v.correlations.size() << 4) + (v.ethical_tags && v.ethical_tags->primary ? 1 << 8 : 0) +
               (v.data_residency && !v.data_residency->compliant ? 1 << 12 : 0);
      });
}

}  // namespace nethical::regression
