#include "engine/quota/quota_reasons.h"

#include <gtest/gtest.h>

namespace nethical::quota {
namespace {

TEST(QuotaReasons, BucketReasonNamesKindIdAndRate) {
  EXPECT_EQ(BucketExhaustedReason(EntityKind::kAgent, "agent_0001", 20),
            "agent agent_0001 exceeded quota: 20.0 req/s burst exhausted");
  EXPECT_EQ(BucketExhaustedReason(EntityKind::kTenant, "eu-west-1", 2.5),
            "tenant eu-west-1 exceeded quota: 2.5 req/s burst exhausted");
}

TEST(QuotaReasons, SlowRatesKeepTwoSignificantDigits) {
  EXPECT_EQ(BucketExhaustedReason(EntityKind::kCohort, "c", 0.01),
            "cohort c exceeded quota: 0.01 req/s burst exhausted");
}

TEST(QuotaReasons, GlobalReasonHasNoId) {
  EXPECT_EQ(GlobalBucketExhaustedReason(1000), "global exceeded quota: 1000.0 req/s burst exhausted");
}

TEST(QuotaReasons, WindowReasonIsPythonsPercentFormat) {
  EXPECT_EQ(WindowExceededReason(EntityKind::kCohort, "load-test", 0.95),
            "cohort load-test exceeded quota: 95.0% utilization");
  EXPECT_EQ(WindowExceededReason(EntityKind::kAgent, "a", 29.0 / 30),
            "agent a exceeded quota: 96.7% utilization");
}

}  // namespace
}  // namespace nethical::quota
