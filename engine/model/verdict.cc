#include "engine/model/verdict.h"

#include <iterator>

namespace nethical {

std::string_view DecisionName(Decision d) {
  switch (d) {
    case Decision::kAllow:
      return "ALLOW";
    case Decision::kAllowWithModification:
      return "ALLOW_WITH_MODIFICATION";
    case Decision::kWarn:
      return "WARN";
    case Decision::kBlock:
      return "BLOCK";
    case Decision::kQuarantine:
      return "QUARANTINE";
    case Decision::kEscalate:
      return "ESCALATE";
    case Decision::kTerminate:
      return "TERMINATE";
  }
  return "ALLOW";
}

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kLow:
      return "low";
    case Severity::kMedium:
      return "medium";
    case Severity::kHigh:
      return "high";
    case Severity::kCritical:
      return "critical";
    case Severity::kEmergency:
      return "emergency";
  }
  return "low";
}

std::string_view RiskTierName(RiskTier t) {
  switch (t) {
    case RiskTier::kLow:
      return "low";
    case RiskTier::kNormal:
      return "normal";
    case RiskTier::kHigh:
      return "high";
    case RiskTier::kElevated:
      return "elevated";
  }
  return "low";
}

std::string_view AlertSeverityName(AlertSeverity s) {
  switch (s) {
    case AlertSeverity::kInfo:
      return "low";
    case AlertSeverity::kWarning:
      return "high";
    case AlertSeverity::kCritical:
      return "critical";
  }
  return "low";
}

namespace {
// Indexed by PiiType.
constexpr std::string_view kPiiTypeNames[] = {
    "EMAIL",         "PHONE",   "SSN",          "CREDIT_CARD", "IP_ADDRESS", "PASSPORT", "DRIVER_LICENSE",
    "DATE_OF_BIRTH", "API_KEY", "BEARER_TOKEN", "PRIVATE_KEY", "NAME",       "ADDRESS",  "AWS_SECRET_KEY"};
static_assert(std::size(kPiiTypeNames) == kPiiTypeCount);
}  // namespace

std::string_view PiiTypeName(PiiType type) { return kPiiTypeNames[static_cast<int>(type)]; }

std::optional<PiiType> PiiTypeFromName(std::string_view name) {
  for (int i = 0; i < kPiiTypeCount; ++i) {
    if (kPiiTypeNames[i] == name) return static_cast<PiiType>(i);
  }
  return std::nullopt;
}

std::string_view BlendZoneName(BlendZone z) {
  switch (z) {
    case BlendZone::kClearAllow:
      return "clear_allow";
    case BlendZone::kGray:
      return "gray";
    case BlendZone::kClearDeny:
      return "clear_deny";
  }
  return "clear_allow";
}

std::string_view AnomalyTypeName(AnomalyType t) {
  switch (t) {
    case AnomalyType::kFrequency:
      return "frequency";
    case AnomalyType::kSequence:
      return "sequence";
    case AnomalyType::kBehavioral:
      return "behavioral";
    case AnomalyType::kDrift:
      return "drift";
  }
  return "frequency";
}

std::string_view QuotaDecisionName(QuotaDecision d) {
  switch (d) {
    case QuotaDecision::kAllow:
      return "ALLOW";
    case QuotaDecision::kThrottle:
      return "THROTTLE";
    case QuotaDecision::kBlock:
      return "BLOCK";
  }
  return "ALLOW";
}

}  // namespace nethical
