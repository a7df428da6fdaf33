// ActionTruth: what the generator put into one synthetic action, kept beside
// the Action (never in it: the engine must not see the answer). The quality
// block (quality.h) measures the engine's verdicts against it.
//
//   Action action;
//   ActionTruth truth;
//   workload.Fill(send, &action, &truth);
//   truth.category          // kPromptInjection: the text was written to trip it
//   truth.pii_spans[0]      // {kEmail, 14, 36}: byte offsets into action.text
//   truth.anomaly           // kBurst: this agent is inside an injected burst
//
// A plain value of a few dozen bytes: filling it allocates nothing.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace nethical::loadgen {

// The PII types the synthetic texts carry (the original's pii.py, §4).
enum class PiiType : uint8_t { kEmail, kPhone, kSsn, kCreditCard, kIpAddress, kDateOfBirth };
inline constexpr int kPiiTypeCount = 6;
static_assert(static_cast<int>(PiiType::kDateOfBirth) + 1 == kPiiTypeCount);
inline constexpr uint8_t kAllPiiTypes = (1u << kPiiTypeCount) - 1;
// "EMAIL", "PHONE", "SSN", "CREDIT_CARD", "IP_ADDRESS", "DATE_OF_BIRTH".
std::string_view PiiTypeName(PiiType t);

// The engine's violation types (Violation::type), one category each, in the
// order of engine/detect/detector_suite.cc; kOther takes a type this list
// does not know (a detector added later). kNone: no category.
enum class ViolationCategory : uint8_t {
  kNone,
  kEthical,
  kBias,
  kSafety,
  kSecurity,
  kManipulation,
  kDarkPattern,
  kCognitiveWarfare,
  kSystemLimits,
  kPrivacy,
  kPromptInjection,
  kAdversarial,
  kHallucination,
  kMisinformation,
  kToxicContent,
  kModelExtraction,
  kDataPoisoning,
  kUnauthorizedAccess,
  kCriticalSafety,
  kDeception,
  kOther,
};
inline constexpr int kCategoryCount = 21;  // including kNone
static_assert(static_cast<int>(ViolationCategory::kOther) + 1 == kCategoryCount);
// The engine's type string ("prompt_injection", ...), "none", "other".
std::string_view CategoryName(ViolationCategory c);
// The category of a Violation::type; kOther for an unknown type.
ViolationCategory CategoryOfViolationType(std::string_view type);
inline constexpr uint32_t CategoryBit(ViolationCategory c) { return 1u << static_cast<int>(c); }

// Injected anomalies (anomaly_plan.h).
enum class AnomalyKind : uint8_t { kNone, kBurst, kSequenceSwitch, kCohortDrift, kCoordinatedPayload };
// "none", "burst", "sequence_switch", "cohort_drift", "coordinated_payload".
std::string_view AnomalyKindName(AnomalyKind k);

// One PII value in the text: [start, end) byte offsets of the value itself
// (the address, the number), not of the sentence around it.
struct PiiSpan {
  PiiType type = PiiType::kEmail;
  uint32_t start = 0;
  uint32_t end = 0;
};

// At most one value from the corpus text and one from --include-pii-test.
inline constexpr int kMaxPiiSpans = 2;

struct ActionTruth {
  // False for replayed actions (--workload-file): nothing is known, and the
  // quality block leaves the action out.
  bool known = false;
  // The detector category the text was written to trip; kPrivacy for a text
  // carrying PII; kNone for a clean text.
  ViolationCategory category = ViolationCategory::kNone;
  ViolationCategory also = ViolationCategory::kNone;  // a second category the text trips
  uint8_t pii_types = 0;                              // bit (1 << PiiType) per value in pii_spans
  uint8_t pii_span_count = 0;
  std::array<PiiSpan, kMaxPiiSpans> pii_spans{};
  // The injected anomaly active for this action's agent (or its cohort) at
  // the send's intended time, if any: its kind, its index in the run's plan
  // and its onset (ns from the run's time zero).
  AnomalyKind anomaly = AnomalyKind::kNone;
  uint8_t anomaly_index = 0;
  int64_t anomaly_onset_ns = 0;

  // The categories a verdict should report: `category`, plus privacy when
  // the text carries PII (a trigger text with the --include-pii-test suffix
  // expects both). 0 for a clean action.
  // `pii_scope`: the PII types the engine's redaction policy scans (bit per
  // PiiType); a value of another type is no privacy violation to expect.
  uint32_t ExpectedCategories(uint8_t pii_scope = kAllPiiTypes) const {
    // A PII text's category is privacy; whether privacy is expected depends
    // on whether the policy scans one of its values.
    const bool pii_category = category == ViolationCategory::kPrivacy && pii_span_count > 0;
    uint32_t m = category == ViolationCategory::kNone || pii_category ? 0 : CategoryBit(category);
    if (also != ViolationCategory::kNone) m |= CategoryBit(also);
    if ((pii_types & pii_scope) != 0) m |= CategoryBit(ViolationCategory::kPrivacy);
    return m;
  }
  void AddPii(PiiType type, uint32_t start, uint32_t end) {
    if (pii_span_count == kMaxPiiSpans) return;
    pii_spans[pii_span_count++] = PiiSpan{type, start, end};
    pii_types |= static_cast<uint8_t>(1u << static_cast<int>(type));
  }
};

}  // namespace nethical::loadgen
