#include "engine/redact/pii_type.h"

#include <array>

namespace nethical::redact {
namespace {

struct TypeInfo {
  RedactionPolicy first_policy;  // the narrowest policy that scans the type
  double risk_weight;
};

// Indexed by PiiType.
constexpr std::array<TypeInfo, kPiiTypeCount> kTypes = {{
    {RedactionPolicy::kStandard, 0.5},    // EMAIL
    {RedactionPolicy::kStandard, 0.5},    // PHONE
    {RedactionPolicy::kMinimal, 1.0},     // SSN
    {RedactionPolicy::kMinimal, 1.0},     // CREDIT_CARD
    {RedactionPolicy::kStandard, 0.3},    // IP_ADDRESS
    {RedactionPolicy::kMinimal, 1.0},     // PASSPORT
    {RedactionPolicy::kStandard, 0.8},    // DRIVER_LICENSE
    {RedactionPolicy::kAggressive, 0.7},  // DATE_OF_BIRTH
    // Credentials are redacted under every policy.
    {RedactionPolicy::kMinimal, 0.5},     // API_KEY
    {RedactionPolicy::kMinimal, 0.5},     // BEARER_TOKEN
    {RedactionPolicy::kMinimal, 0.5},     // PRIVATE_KEY
    {RedactionPolicy::kAggressive, 0.5},  // NAME
    {RedactionPolicy::kAggressive, 0.5},  // ADDRESS
    {RedactionPolicy::kMinimal, 1.0},     // AWS_SECRET_KEY
}};

const TypeInfo& Info(PiiType type) { return kTypes[static_cast<int>(type)]; }

}  // namespace

bool PolicyCovers(RedactionPolicy policy, PiiType type) {
  // The enum is ordered minimal < standard < aggressive and each policy is a
  // superset of the previous one.
  return static_cast<int>(Info(type).first_policy) <= static_cast<int>(policy);
}

double RiskWeight(PiiType type) { return Info(type).risk_weight; }

}  // namespace nethical::redact
