// The detect step with the judgment cache off, as the engine runs it for an
// uncached action: DetectStage::Evaluate (stage-0 screens, the 14 rule
// detectors, the judge) over 10,240 actions cycled from generate_load's
// default mixed corpus (loadgen/text_generator.h: 256 texts of 32 B .. 4 KiB,
// 862 B on average, 10 % with PII, 5 % tripping a detector), so the count
// follows what a load run costs. The stage is created inside the workload:
// compiling the rule set is counted too.
// The PrivacyDetector reports the PII stage's findings (issue 12): each
// distinct text is scanned once by a standard-policy Redactor, created here
// too; the per-action PII scan is counted by the redact and pipeline
// workloads.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/config/engine_config.h"
#include "engine/detect/detect_stage.h"
#include "engine/model/action.h"
#include "engine/redact/redactor.h"
#include "loadgen/workload.h"
#include "tests/regression/workload.h"
#include "tests/testing/fake_clock.h"

namespace nethical::regression {

uint64_t RunWorkload() {
  constexpr int kActions = 10240;
  DetectConfig config;
  config.judgment_cache = false;
  FakeClock clock;
  auto stage = detect::DetectStage::Create(config, clock);
  if (!stage.ok()) return 0;

  const loadgen::MixedWorkload workload{loadgen::WorkloadOptions{}};
  const std::vector<std::string>& texts = workload.corpus();
  std::vector<Action> actions(texts.size());
  for (size_t t = 0; t < texts.size(); ++t) {
    actions[t].agent_id = "agent-" + std::to_string(t % 16);
    actions[t].text = texts[t];
  }
  auto redactor = redact::Redactor::Create(PrivacyConfig{});
  if (!redactor.ok()) return 0;
  std::vector<PiiOutcome> pii;
  for (const Action& a : actions) pii.push_back((*redactor)->Scan(a.text));
  uint64_t violations = 0;
  uint64_t checksum = 0;
  for (int i = 0; i < kActions; ++i) {
    const std::shared_ptr<const detect::Judgment> j =
        (*stage)->Evaluate(actions[i % actions.size()], pii[i % actions.size()]);
    violations += j->violations.size();
    checksum = checksum * 1099511628211ULL ^
               (static_cast<uint64_t>(j->decision) << 32 | static_cast<uint64_t>(j->confidence * 1e6));
  }
  return checksum ^ (violations << 40);
}

}  // namespace nethical::regression
