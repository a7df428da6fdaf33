#include "loadgen/action_truth.h"

namespace nethical::loadgen {
namespace {

constexpr std::array<std::string_view, kCategoryCount> kCategoryNames = {"none",
                                                                         "ethical",
                                                                         "bias",
                                                                         "safety",
                                                                         "security",
                                                                         "manipulation",
                                                                         "dark_pattern",
                                                                         "cognitive_warfare",
                                                                         "system_limits",
                                                                         "privacy",
                                                                         "prompt_injection",
                                                                         "adversarial",
                                                                         "hallucination",
                                                                         "misinformation",
                                                                         "toxic_content",
                                                                         "model_extraction",
                                                                         "data_poisoning",
                                                                         "unauthorized_access",
                                                                         "critical_safety",
                                                                         "deception",
                                                                         "other"};
static_assert(!kCategoryNames.back().empty(), "a name for every ViolationCategory");

}  // namespace

std::string_view PiiTypeName(PiiType t) {
  static constexpr std::string_view kNames[] = {"EMAIL",       "PHONE",      "SSN",
                                                "CREDIT_CARD", "IP_ADDRESS", "DATE_OF_BIRTH"};
  static_assert(std::size(kNames) == kPiiTypeCount, "a name for every PiiType");
  return kNames[static_cast<int>(t)];
}

std::string_view CategoryName(ViolationCategory c) { return kCategoryNames[static_cast<int>(c)]; }

ViolationCategory CategoryOfViolationType(std::string_view type) {
  // string_view equality compares sizes first: most candidates cost one compare.
  for (int i = 1; i < kCategoryCount - 1; ++i)
    if (kCategoryNames[i] == type) return static_cast<ViolationCategory>(i);
  return ViolationCategory::kOther;
}

std::string_view AnomalyKindName(AnomalyKind k) {
  static constexpr std::string_view kNames[] = {"none", "burst", "sequence_switch", "cohort_drift",
                                                "coordinated_payload"};
  static_assert(std::size(kNames) == static_cast<size_t>(AnomalyKind::kCoordinatedPayload) + 1,
                "a name for every AnomalyKind");
  return kNames[static_cast<int>(k)];
}

}  // namespace nethical::loadgen
