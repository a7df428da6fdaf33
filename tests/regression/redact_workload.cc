// Redactor::Scan + Redact under the standard policy, full mode: 20,000
// texts of 200 bytes cycled from 64 distinct ones, every other text carrying
// one PII value (email, phone, card, SSN, IPv4) and the rest clean. The
// redactor is created inside the workload, so pattern compilation is counted
// too (3.7 % of the total).
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "engine/config/engine_config.h"
#include "engine/redact/redactor.h"
#include "tests/regression/workload.h"
#include "tests/regression/workload_texts.h"

namespace nethical::regression {

uint64_t RunWorkload() {
  constexpr int kScans = 20000;
  constexpr int kDistinct = 64;
  PrivacyConfig config;
  config.mode = PrivacyMode::kStandard;
  config.redaction_policy = RedactionPolicy::kStandard;
  config.redaction_mode = RedactionMode::kFull;
  auto redactor = redact::Redactor::Create(config);
  if (!redactor.ok()) return 0;

  std::vector<std::string> texts;
  for (uint32_t t = 0; t < kDistinct; ++t) {
    texts.push_back(t % 2 == 0 ? CleanText(200, t)
                               : TextWith(200, t, kPiiSnippets[t / 2 % std::size(kPiiSnippets)]));
  }
  uint64_t findings = 0;
  uint64_t checksum = 0;
  for (int i = 0; i < kScans; ++i) {
    const std::string& text = texts[i % kDistinct];
    const PiiOutcome scan = (*redactor)->Scan(text);
    const std::string redacted = (*redactor)->Redact(text, scan);
    findings += scan.findings.size();
    checksum = checksum * 1099511628211ULL ^ (redacted.size() + static_cast<uint64_t>(scan.risk * 1e6));
  }
  return checksum ^ (findings << 32);
}

}  // namespace nethical::regression
