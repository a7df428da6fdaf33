#include "engine/base/adaptive_bypass.h"

#include <gtest/gtest.h>

namespace nethical {
namespace {

constexpr AdaptiveBypass::Policy kPolicy{256, 3, 16};

// Runs one window of uses with `useful` useful ones.
void Window(AdaptiveBypass* b, uint32_t useful) {
  for (uint32_t i = 0; i < kPolicy.window; ++i) b->Record(i < useful);
}

TEST(AdaptiveBypass, UsesTheShortcutForEveryItemAtFirst) {
  AdaptiveBypass b(kPolicy);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(b.ShouldUse());
}

TEST(AdaptiveBypass, KeepsUsingItWhileAWindowHasEnoughUsefulUses) {
  AdaptiveBypass b(kPolicy);
  Window(&b, kPolicy.min_useful);
  EXPECT_FALSE(b.bypassing());
  EXPECT_TRUE(b.ShouldUse());
}

TEST(AdaptiveBypass, AfterAWindowOfUselessUsesTriesItOnOneItemInProbeEvery) {
  AdaptiveBypass b(kPolicy);
  Window(&b, kPolicy.min_useful - 1);
  ASSERT_TRUE(b.bypassing());
  int used = 0;
  for (uint32_t i = 0; i < 16 * kPolicy.probe_every; ++i) used += b.ShouldUse() ? 1 : 0;
  EXPECT_EQ(used, 16);
}

TEST(AdaptiveBypass, ReturnsToTheShortcutWhenAWindowOfProbesIsUseful) {
  AdaptiveBypass b(kPolicy);
  Window(&b, 0);
  ASSERT_TRUE(b.bypassing());
  Window(&b, kPolicy.window);  // every probe useful
  EXPECT_FALSE(b.bypassing());
  EXPECT_TRUE(b.ShouldUse());
  EXPECT_TRUE(b.ShouldUse());
}

TEST(AdaptiveBypass, AThresholdOfHalfTheWindowNeedsHalfUseful) {
  AdaptiveBypass b(AdaptiveBypass::Policy{256, 128, 16});
  Window(&b, 128);
  EXPECT_FALSE(b.bypassing());
  Window(&b, 127);
  EXPECT_TRUE(b.bypassing());
}

}  // namespace
}  // namespace nethical
