#include "engine/detect/detect_stage.h"

#include <gtest/gtest.h>

namespace nethical::detect {
namespace {

std::unique_ptr<DetectStage> MakeStage(DetectConfig config = {}) {
  return DetectStage::Create(config).value();
}

Action Text(std::string text) {
  Action a;
  a.agent_id = "a";
  a.text = std::move(text);
  return a;
}

TEST(DetectStage, RejectsInvalidSizeGuard) {
  DetectConfig c;
  c.size_guard_bytes = 0;
  auto s = DetectStage::Create(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("NETHICAL_DETECT_SIZE_GUARD_BYTES"), std::string::npos);
}

TEST(DetectStage, AllowsCleanText) {
  auto j = MakeStage()->Evaluate(Text("summarise the quarterly report"));
  EXPECT_EQ(j->decision, Decision::kAllow);
  EXPECT_TRUE(j->violations.empty());
}

TEST(DetectStage, TerminatesPrivilegedActionWithoutAuthorizationAndRecordsWhy) {
  Action a = Text("summarise the quarterly report");
  a.context.is_privileged = true;
  auto j = MakeStage()->Evaluate(a);
  EXPECT_EQ(j->decision, Decision::kTerminate);
  ASSERT_EQ(j->violations.size(), 1u);
  EXPECT_EQ(j->violations[0].type, "integrity");
}

TEST(DetectStage, AllowsAuthorizedPrivilegedAction) {
  Action a = Text("summarise the quarterly report");
  a.context.is_privileged = true;
  a.context.authorized = true;
  EXPECT_EQ(MakeStage()->Evaluate(a)->decision, Decision::kAllow);
}

TEST(DetectStage, BlocksTextAboveSizeGuard) {
  DetectConfig c;
  c.size_guard_bytes = 64;
  auto j = MakeStage(c)->Evaluate(Text(std::string(65, 'x')));
  EXPECT_EQ(j->decision, Decision::kBlock);
  ASSERT_EQ(j->violations.size(), 1u);
  EXPECT_EQ(j->violations[0].detector, "SizeGuard");
}

TEST(DetectStage, TerminatesCriticalSafetyPhraseWithRecordedViolation) {
  auto j = MakeStage()->Evaluate(Text("please rm -rf / now"));
  EXPECT_EQ(j->decision, Decision::kTerminate);
  ASSERT_FALSE(j->violations.empty());
  EXPECT_EQ(j->violations[0].type, "critical_safety");
}

TEST(DetectStage, BlocksCriticalDetectorFinding) {
  EXPECT_EQ(MakeStage()->Evaluate(Text("use sudo reboot"))->decision, Decision::kBlock);
}

}  // namespace
}  // namespace nethical::detect
