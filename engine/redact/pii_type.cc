#include "engine/redact/pii_type.h"

#include <array>

namespace nethical::redact {
namespace {

struct TypeInfo {
  std::string_view name;
  RedactionPolicy first_policy;  // the narrowest policy that scans the type
  double risk_weight;
};

// Indexed by PiiType.
constexpr std::array<TypeInfo, kPiiTypeCount> kTypes = {{
    {"EMAIL", RedactionPolicy::kStandard, 0.5},
    {"PHONE", RedactionPolicy::kStandard, 0.5},
    {"SSN", RedactionPolicy::kMinimal, 1.0},
    {"CREDIT_CARD", RedactionPolicy::kMinimal, 1.0},
    {"IP_ADDRESS", RedactionPolicy::kStandard, 0.3},
    {"PASSPORT", RedactionPolicy::kMinimal, 1.0},
    {"DRIVER_LICENSE", RedactionPolicy::kStandard, 0.8},
    {"DATE_OF_BIRTH", RedactionPolicy::kAggressive, 0.7},
    // Credentials are redacted under every policy.
    {"API_KEY", RedactionPolicy::kMinimal, 0.5},
    {"BEARER_TOKEN", RedactionPolicy::kMinimal, 0.5},
    {"PRIVATE_KEY", RedactionPolicy::kMinimal, 0.5},
    {"NAME", RedactionPolicy::kAggressive, 0.5},
    {"ADDRESS", RedactionPolicy::kAggressive, 0.5},
    {"AWS_SECRET_KEY", RedactionPolicy::kMinimal, 1.0},
}};

const TypeInfo& Info(PiiType type) { return kTypes[static_cast<int>(type)]; }

}  // namespace

std::string_view PiiTypeName(PiiType type) { return Info(type).name; }

std::optional<PiiType> PiiTypeFromName(std::string_view name) {
  for (int i = 0; i < kPiiTypeCount; ++i) {
    if (kTypes[i].name == name) return static_cast<PiiType>(i);
  }
  return std::nullopt;
}

bool PolicyCovers(RedactionPolicy policy, PiiType type) {
  // The enum is ordered minimal < standard < aggressive and each policy is a
  // superset of the previous one.
  return static_cast<int>(Info(type).first_policy) <= static_cast<int>(policy);
}

double RiskWeight(PiiType type) { return Info(type).risk_weight; }

}  // namespace nethical::redact
