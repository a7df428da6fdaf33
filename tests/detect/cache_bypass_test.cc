#include "engine/detect/cache_bypass.h"

#include <gtest/gtest.h>

namespace nethical::detect {
namespace {

// Runs one window of lookups with `hits` hits, as DetectStage would.
void Window(CacheBypass* b, uint32_t hits) {
  for (uint32_t i = 0; i < CacheBypass::kWindow; ++i) b->Record(i < hits);
}

TEST(CacheBypass, UsesTheCacheForEveryActionAtFirst) {
  CacheBypass b;
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(b.ShouldUse());
}

TEST(CacheBypass, KeepsUsingTheCacheWhileAWindowHasEnoughHits) {
  CacheBypass b;
  Window(&b, CacheBypass::kMinHits);
  EXPECT_FALSE(b.bypassing());
  EXPECT_TRUE(b.ShouldUse());
}

TEST(CacheBypass, AfterAWindowOfMissesUsesTheCacheForOneActionInSixteen) {
  CacheBypass b;
  Window(&b, CacheBypass::kMinHits - 1);
  ASSERT_TRUE(b.bypassing());
  int used = 0;
  for (uint32_t i = 0; i < 16 * CacheBypass::kProbeEvery; ++i) used += b.ShouldUse() ? 1 : 0;
  EXPECT_EQ(used, 16);
}

TEST(CacheBypass, ReturnsToTheCacheWhenAWindowOfProbesHits) {
  CacheBypass b;
  Window(&b, 0);
  ASSERT_TRUE(b.bypassing());
  Window(&b, CacheBypass::kWindow);  // every probe hit
  EXPECT_FALSE(b.bypassing());
  EXPECT_TRUE(b.ShouldUse());
  EXPECT_TRUE(b.ShouldUse());
}

}  // namespace
}  // namespace nethical::detect
