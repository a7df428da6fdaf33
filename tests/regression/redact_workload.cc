// Redactor::Scan + Redact under the standard policy, full mode: 10,240
// texts cycled from generate_load's default mixed corpus
// (loadgen/text_generator.h: 256 texts of 32 B .. 4 KiB, 862 B on average,
// 10 % with a PII value, 5 % tripping a detector). The redactor is created
// inside the workload, so pattern compilation is counted too.
#include <cstdint>
#include <string>
#include <vector>

#include "engine/config/engine_config.h"
#include "engine/redact/redactor.h"
#include "loadgen/workload.h"
#include "tests/regression/workload.h"

namespace nethical::regression {

uint64_t RunWorkload() {
  constexpr int kScans = 10240;
  PrivacyConfig config;
  config.mode = PrivacyMode::kStandard;
  config.redaction_policy = RedactionPolicy::kStandard;
  config.redaction_mode = RedactionMode::kFull;
  auto redactor = redact::Redactor::Create(config);
  if (!redactor.ok()) return 0;

  const loadgen::MixedWorkload workload{loadgen::WorkloadOptions{}};
  const std::vector<std::string>& texts = workload.corpus();
  uint64_t findings = 0;
  uint64_t checksum = 0;
  for (int i = 0; i < kScans; ++i) {
    const std::string& text = texts[i % texts.size()];
    const PiiOutcome scan = (*redactor)->Scan(text);
    const std::string redacted = (*redactor)->Redact(text, scan);
    findings += scan.findings.size();
    checksum = checksum * 1099511628211ULL ^ (redacted.size() + static_cast<uint64_t>(scan.risk * 1e6));
  }
  return checksum ^ (findings << 32);
}

}  // namespace nethical::regression
