#include "engine/detect/judge.h"

#include <gtest/gtest.h>

namespace nethical::detect {
namespace {

Violation V(Severity s, double confidence) { return Violation{"t", s, confidence, "D", "d"}; }

struct JudgeCase {
  const char* name;
  std::vector<Violation> violations;
  bool stage0;
  Decision decision;
  double confidence;
};

TEST(Judge, MapsMaxSeverityToDecisionAsTheOriginal) {
  const JudgeCase cases[] = {
      {"none", {}, false, Decision::kAllow, 1.0},
      {"low", {V(Severity::kLow, 0.4)}, false, Decision::kAllow, 0.5},
      {"medium",
       {V(Severity::kMedium, 0.5), V(Severity::kLow, 0.4)},
       false,
       Decision::kAllowWithModification,
       0.65},
      {"high, confident", {V(Severity::kHigh, 0.95)}, false, Decision::kQuarantine, 0.85},
      {"high, mean confidence 0.8 is not above 0.8",
       {V(Severity::kHigh, 0.95), V(Severity::kMedium, 0.65)},
       false,
       Decision::kWarn,
       0.7},
      {"critical", {V(Severity::kCritical, 0.85), V(Severity::kHigh, 0.9)}, false, Decision::kBlock, 0.9},
      {"emergency",
       {V(Severity::kEmergency, 1.0), V(Severity::kLow, 0.1)},
       false,
       Decision::kTerminate,
       0.95},
      {"stage-0 reject with a high finding", {V(Severity::kHigh, 1.0)}, true, Decision::kTerminate, 1.0},
  };
  for (const JudgeCase& c : cases) {
    TextFindings f;
    f.violations = c.violations;
    f.stage0_reject = c.stage0;
    Judgment j = Judge(f);
    EXPECT_EQ(j.decision, c.decision) << c.name;
    EXPECT_DOUBLE_EQ(j.confidence, c.confidence) << c.name;
    EXPECT_EQ(j.violations.size(), c.violations.size()) << c.name;
    EXPECT_EQ(j.reason.empty(), c.violations.empty()) << c.name;
  }
}

TEST(Judge, ExplainsDecisionWithSeverityAndTypes) {
  TextFindings f;
  f.violations = {Violation{"safety", Severity::kCritical, 0.95, "S", "d"},
                  Violation{"privacy", Severity::kHigh, 0.95, "P", "d"}};
  EXPECT_EQ(Judge(f).reason, "BLOCK: max severity critical over 2 violation(s): safety, privacy");
}

}  // namespace
}  // namespace nethical::detect
