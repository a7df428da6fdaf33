// PrepareWorkload() for the workloads that create the detectors or the
// PII scan: compiles the process-wide Hyperscan databases (the rule
// catalog's, each policy's PII prefilter and each policy's engine prescan)
// before counting starts.
#include <cstdio>
#include <cstdlib>

#include "engine/config/engine_config.h"
#include "engine/detect/text_scanner.h"
#include "engine/redact/pii_prefilter.h"
#include "engine/text_prescan.h"
#include "tests/regression/workload.h"

namespace nethical::regression {

void PrepareWorkload() {
  bool ok = detect::TextScanner::Create().ok();
  for (RedactionPolicy policy : kAllRedactionPolicies)
    ok = redact::PiiPrefilter::Create(policy).ok() && TextPrescan::Create(policy).ok() && ok;
  if (!ok) {
    std::fprintf(stderr, "warm-up failed: the shared Hyperscan databases do not compile\n");
    std::exit(1);
  }
}

}  // namespace nethical::regression
