#include "engine/quota/token_bucket.h"

#include <gtest/gtest.h>

namespace nethical::quota {
namespace {

constexpr double kSecond = 1e9;

TEST(TokenBucket, NewBucketAdmitsExactlyBurstAtOneInstant) {
  const TokenBucket bucket(/*rate=*/10, /*burst=*/20);
  double full_at = 0;
  int admitted = 0;
  for (int i = 0; i < 25; ++i) {
    const TokenBucket::Take take = bucket.TryTake(full_at, 5 * kSecond);
    if (!take.admitted) continue;
    full_at = take.full_at;
    ++admitted;
  }
  EXPECT_EQ(admitted, 20);
}

TEST(TokenBucket, AdmitsBurstWithIrrationalInterval) {
  // 1e9 / 3 ns per token is not a double; twenty intervals added one by one
  // must still fit a capacity of 20 intervals.
  const TokenBucket bucket(/*rate=*/3, /*burst=*/20);
  double full_at = 0;
  int admitted = 0;
  for (int i = 0; i < 25; ++i) {
    const TokenBucket::Take take = bucket.TryTake(full_at, 86400 * kSecond + 0.5);
    if (!take.admitted) continue;
    full_at = take.full_at;
    ++admitted;
  }
  EXPECT_EQ(admitted, 20);
}

TEST(TokenBucket, RefusedTakeLeavesStateUnchanged) {
  const TokenBucket bucket(10, 1);
  const TokenBucket::Take first = bucket.TryTake(0, kSecond);
  ASSERT_TRUE(first.admitted);
  const TokenBucket::Take second = bucket.TryTake(first.full_at, kSecond);
  EXPECT_FALSE(second.admitted);
  EXPECT_EQ(second.full_at, first.full_at);
  EXPECT_EQ(second.utilisation, 1.0);
}

TEST(TokenBucket, RefillsOneTokenPerInterval) {
  const TokenBucket bucket(10, 1);  // one token per 100 ms
  const TokenBucket::Take first = bucket.TryTake(0, kSecond);
  ASSERT_TRUE(first.admitted);
  EXPECT_FALSE(bucket.TryTake(first.full_at, kSecond + 99e6).admitted);
  EXPECT_TRUE(bucket.TryTake(first.full_at, kSecond + 100e6).admitted);
}

TEST(TokenBucket, UtilisationIsShareOfCapacityInUseAfterTheTake) {
  const TokenBucket bucket(10, 4);
  double full_at = 0;
  const double expected[] = {0.25, 0.5, 0.75, 1.0};
  for (double want : expected) {
    const TokenBucket::Take take = bucket.TryTake(full_at, kSecond);
    ASSERT_TRUE(take.admitted);
    EXPECT_DOUBLE_EQ(take.utilisation, want);
    full_at = take.full_at;
  }
}

TEST(TokenBucket, IsFullSinceItsFullAtTime) {
  EXPECT_TRUE(TokenBucket::FullSince(/*full_at=*/100, /*now=*/400, /*for=*/300));
  EXPECT_FALSE(TokenBucket::FullSince(100, 399, 300));
}

TEST(ConcurrentTokenBucket, TakesLikeTheSingleThreadedBucket) {
  const TokenBucket bucket(10, 3);
  ConcurrentTokenBucket shared(bucket);
  double full_at = 0;
  for (int i = 0; i < 10; ++i) {
    const double now = kSecond + i * 20e6;
    const TokenBucket::Take want = bucket.TryTake(full_at, now);
    const TokenBucket::Take got = shared.TryTake(now);
    ASSERT_EQ(got.admitted, want.admitted) << "take " << i;
    EXPECT_EQ(got.utilisation, want.utilisation);
    if (want.admitted) full_at = want.full_at;
  }
}

TEST(ConcurrentTokenBucket, PeekTakesNothing) {
  ConcurrentTokenBucket shared(TokenBucket(10, 1));
  EXPECT_TRUE(shared.Peek(kSecond).admitted);
  EXPECT_TRUE(shared.Peek(kSecond).admitted);
  EXPECT_TRUE(shared.TryTake(kSecond).admitted);
  EXPECT_FALSE(shared.Peek(kSecond).admitted);
}

}  // namespace
}  // namespace nethical::quota
