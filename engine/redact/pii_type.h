// The kinds of personal data and secrets the redactor knows, which policy
// scans each kind, and each kind's weight in the original's PII risk formula
// (docs/original.md §4).
#pragma once

#include <optional>
#include <string_view>

#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"

namespace nethical::redact {

// PiiType, kPiiTypeCount, PiiTypeName and PiiTypeFromName live with the
// verdict that carries them (engine/model/verdict.h).
using ::nethical::kPiiTypeCount;
using ::nethical::PiiType;
using ::nethical::PiiTypeFromName;
using ::nethical::PiiTypeName;

// True when `policy` scans for `type`: minimal = {SSN, CREDIT_CARD,
// PASSPORT} and the credentials (API_KEY, BEARER_TOKEN, PRIVATE_KEY,
// AWS_SECRET_KEY); standard adds EMAIL, PHONE, IP_ADDRESS, DRIVER_LICENSE;
// aggressive adds DATE_OF_BIRTH, NAME and ADDRESS.
bool PolicyCovers(RedactionPolicy policy, PiiType type);

// The original's risk weights (SSN 1.0, CREDIT_CARD 1.0, EMAIL 0.5, PHONE
// 0.5, IP 0.3, DOB 0.7, PASSPORT 1.0, DRIVER_LICENSE 0.8); kinds the original
// does not know get its default weight 0.5, except AWS_SECRET_KEY (1.0).
double RiskWeight(PiiType type);

}  // namespace nethical::redact
