#include "engine/quota/sliding_window.h"

#include <gtest/gtest.h>

namespace nethical::quota {
namespace {

TEST(SlidingWindowLog, CountsTimesAtOrAfterTheBound) {
  SlidingWindowLog log;
  for (int64_t t : {10, 20, 20, 30, 40}) log.Append(t);
  EXPECT_EQ(log.CountAtOrAfter(0), 5u);
  EXPECT_EQ(log.CountAtOrAfter(20), 4u);
  EXPECT_EQ(log.CountAtOrAfter(21), 2u);
  EXPECT_EQ(log.CountAtOrAfter(41), 0u);
}

TEST(SlidingWindowLog, KeepsOnlyTheNewest1000Times) {
  SlidingWindowLog log;
  for (int64_t t = 0; t < 2500; ++t) log.Append(t);
  EXPECT_EQ(log.size(), SlidingWindowLog::kCapacity);
  EXPECT_EQ(log.CountAtOrAfter(0), 1000u);
  EXPECT_EQ(log.CountAtOrAfter(1500), 1000u);
  EXPECT_EQ(log.CountAtOrAfter(1501), 999u);
  EXPECT_EQ(log.newest(), 2499);
}

TEST(SlidingWindowLog, CountsCorrectlyAtEveryFillLevel) {
  // Crosses each growth step and the wrap-around of the full ring.
  SlidingWindowLog log;
  for (int64_t n = 1; n <= 1300; ++n) {
    log.Append(n * 10);
    const int64_t kept = std::min<int64_t>(n, 1000);
    ASSERT_EQ(log.CountAtOrAfter(0), static_cast<size_t>(kept)) << n;
    // Times (n-4)*10 .. n*10 are the newest five.
    if (n >= 5) {
      ASSERT_EQ(log.CountAtOrAfter((n - 4) * 10), 5u) << n;
    }
  }
}

TEST(SlidingWindowLog, StartsEmpty) {
  SlidingWindowLog log;
  EXPECT_TRUE(log.empty());
  EXPECT_EQ(log.CountAtOrAfter(0), 0u);
}

}  // namespace
}  // namespace nethical::quota
