// The text of a quota BLOCK's reason, one function per cause. Each names
// the entity kind and id, so an operator can tell which budget was spent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/quota/entity_key.h"

namespace nethical::quota {

// "agent agent_0001 exceeded quota: 10.0 req/s burst exhausted"
std::string BucketExhaustedReason(EntityKind kind, std::string_view id, double rate_per_second);

// "global exceeded quota: 1000.0 req/s burst exhausted"
std::string GlobalBucketExhaustedReason(double rate_per_second);

// The original's text (compat mode), e.g. "cohort c1 exceeded quota: 95.0%
// utilization" (Python's f"{util:.1%}").
std::string WindowExceededReason(EntityKind kind, std::string_view id, double utilisation);

}  // namespace nethical::quota
