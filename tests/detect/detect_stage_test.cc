#include "engine/detect/detect_stage.h"

#include <gtest/gtest.h>

#include <string>

#include "engine/base/clock.h"
#include "tests/testing/fake_clock.h"

namespace nethical::detect {
namespace {

FakeClock& TestClock() {
  static FakeClock* clock = new FakeClock();
  return *clock;
}

std::unique_ptr<DetectStage> MakeStage(DetectConfig config = {}) {
  return DetectStage::Create(config, TestClock()).value();
}

// The texts below carry no PII; the PrivacyDetector's use of the findings is
// tested in detector_suite_test.
const PiiOutcome kNoPii;

Action Text(std::string text) {
  Action a;
  a.agent_id = "a";
  a.text = std::move(text);
  return a;
}

TEST(DetectStage, AllowsCleanText) {
  auto j = MakeStage()->Evaluate(Text("summarise the quarterly report"), kNoPii);
  EXPECT_EQ(j->decision, Decision::kAllow);
  EXPECT_TRUE(j->violations.empty());
}

TEST(DetectStage, TerminatesPrivilegedActionWithoutAuthorizationAndRecordsWhy) {
  Action a = Text("summarise the quarterly report");
  a.context.is_privileged = true;
  auto j = MakeStage()->Evaluate(a, kNoPii);
  EXPECT_EQ(j->decision, Decision::kTerminate);
  ASSERT_EQ(j->violations.size(), 1u);
  EXPECT_EQ(j->violations[0].type, "integrity");
}

TEST(DetectStage, AllowsAuthorizedPrivilegedAction) {
  Action a = Text("summarise the quarterly report");
  a.context.is_privileged = true;
  a.context.authorized = true;
  EXPECT_EQ(MakeStage()->Evaluate(a, kNoPii)->decision, Decision::kAllow);
}

TEST(DetectStage, BlocksTextAboveSizeGuard) {
  DetectConfig c;
  c.size_guard_bytes = 64;
  auto j = MakeStage(c)->Evaluate(Text(std::string(65, 'x')), kNoPii);
  EXPECT_EQ(j->decision, Decision::kBlock);
  ASSERT_EQ(j->violations.size(), 1u);
  EXPECT_EQ(j->violations[0].detector, "SizeGuard");
}

TEST(DetectStage, TerminatesCriticalSafetyPhraseWithRecordedViolation) {
  auto j = MakeStage()->Evaluate(Text("please rm -rf / now"), kNoPii);
  EXPECT_EQ(j->decision, Decision::kTerminate);
  ASSERT_FALSE(j->violations.empty());
  EXPECT_EQ(j->violations[0].type, "critical_safety");
}

TEST(DetectStage, BlocksCriticalDetectorFinding) {
  EXPECT_EQ(MakeStage()->Evaluate(Text("use sudo reboot"), kNoPii)->decision, Decision::kBlock);
}

TEST(DetectStage, ServesRepeatedTextFromCache) {
  auto stage = MakeStage();
  auto first = stage->Evaluate(Text("use sudo reboot"), kNoPii);
  auto second = stage->Evaluate(Text("use sudo reboot"), kNoPii);
  EXPECT_EQ(first.get(), second.get());  // the same shared judgment
  EXPECT_EQ(stage->cache()->Size(), 1u);
}

TEST(DetectStage, ConsultsTheCacheForOneActionInSixteenAfterAWindowOfUniqueTexts) {
  auto stage = MakeStage();
  const uint32_t window = DetectStage::kCacheBypass.window;
  for (uint32_t i = 0; i < window; ++i) stage->Evaluate(Text("report " + std::to_string(i)), kNoPii);
  EXPECT_EQ(stage->cache()->Size(), window);  // every miss inserted
  for (uint32_t i = 0; i < 10 * DetectStage::kCacheBypass.probe_every; ++i)
    stage->Evaluate(Text("summary " + std::to_string(i)), kNoPii);
  EXPECT_EQ(stage->cache()->Size(), window + 10);  // one in 16 looked up and inserted
}

TEST(DetectStage, BypassedTextsGetTheJudgmentsTheCacheWouldGive) {
  auto stage = MakeStage();
  DetectConfig off;
  off.judgment_cache = false;
  auto uncached = MakeStage(off);
  for (uint32_t i = 0; i < DetectStage::kCacheBypass.window + 40; ++i) {
    const Action a = Text((i % 3 == 0 ? "use sudo reboot " : "plain words ") + std::to_string(i));
    const auto j = stage->Evaluate(a, kNoPii);
    const auto want = uncached->Evaluate(a, kNoPii);
    ASSERT_EQ(j->decision, want->decision) << i;
    ASSERT_EQ(j->violations.size(), want->violations.size()) << i;
  }
}

TEST(DetectStage, KeepsServingRepeatedTextsFromTheCache) {
  auto stage = MakeStage();
  const auto first = stage->Evaluate(Text("use sudo reboot"), kNoPii);
  for (uint32_t i = 0; i < 2 * DetectStage::kCacheBypass.window; ++i)
    ASSERT_EQ(stage->Evaluate(Text("use sudo reboot"), kNoPii).get(), first.get()) << i;
}

TEST(DetectStage, KeysCacheOnActionType) {
  auto stage = MakeStage();
  Action query = Text("hello"), command = Text("hello");
  command.type = ActionType::kSystemCommand;
  stage->Evaluate(query, kNoPii);
  stage->Evaluate(command, kNoPii);
  EXPECT_EQ(stage->cache()->Size(), 2u);
}

TEST(DetectStage, IntegrityScreenIsNotBypassedByCache) {
  auto stage = MakeStage();
  Action a = Text("summarise the report");
  EXPECT_EQ(stage->Evaluate(a, kNoPii)->decision, Decision::kAllow);
  a.context.is_privileged = true;
  EXPECT_EQ(stage->Evaluate(a, kNoPii)->decision, Decision::kTerminate);
}

TEST(DetectStage, JudgesWithoutCacheWhenDisabled) {
  DetectConfig c;
  c.judgment_cache = false;
  auto stage = MakeStage(c);
  EXPECT_EQ(stage->cache(), nullptr);
  auto first = stage->Evaluate(Text("use sudo reboot"), kNoPii);
  auto second = stage->Evaluate(Text("use sudo reboot"), kNoPii);
  EXPECT_NE(first.get(), second.get());
  EXPECT_EQ(first->decision, second->decision);
}

}  // namespace
}  // namespace nethical::detect
