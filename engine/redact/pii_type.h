// The kinds of personal data and secrets the redactor knows, which policy
// scans each kind, and each kind's weight in the original's PII risk formula
// (docs/original.md §4). Names are the strings that appear in findings,
// redaction markers ([REDACTED_EMAIL]) and tokens ([EMAIL_<hex>]).
#pragma once

#include <optional>
#include <string_view>

#include "engine/config/engine_config.h"

namespace nethical::redact {

enum class PiiType {
  kEmail,
  kPhone,
  kSsn,
  kCreditCard,
  kIpAddress,
  kPassport,
  kDriverLicense,
  kDateOfBirth,
  kApiKey,       // sk-..., AKIA..., ghp_..., xox?-..., AIza...
  kBearerToken,  // "Bearer <token>" values and JWTs
  kPrivateKey,   // PEM private-key blocks
  kName,         // a name after "my name is" and similar phrases
  kAddress,      // a street address
  kAwsSecretKey,  // a 40-character AWS secret access key next to its key id or a "secret" word
};

inline constexpr int kPiiTypeCount = 14;

// "EMAIL", "PHONE", "SSN", "CREDIT_CARD", "IP_ADDRESS", "PASSPORT",
// "DRIVER_LICENSE", "DATE_OF_BIRTH", "API_KEY", "BEARER_TOKEN",
// "PRIVATE_KEY", "NAME", "ADDRESS", "AWS_SECRET_KEY".
std::string_view PiiTypeName(PiiType type);

// The inverse of PiiTypeName; nullopt for an unknown name.
std::optional<PiiType> PiiTypeFromName(std::string_view name);

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
