#include "engine/cli/flag_values.h"

#include <cstdint>

#include "gtest/gtest.h"

namespace nethical::cli {
namespace {

TEST(ParseIntegerTest, TakesAWholeDecimalInRange) {
  uint64_t v = 0;
  EXPECT_TRUE(ParseInteger("42", 1, 100, &v));
  EXPECT_EQ(v, 42u);
  EXPECT_TRUE(ParseInteger("18446744073709551615", 0, UINT64_MAX, &v));
  EXPECT_EQ(v, UINT64_MAX);
}

TEST(ParseIntegerTest, RefusesAndLeavesTheOutputAlone) {
  uint64_t v = 7;
  for (const char* bad : {"", "0", "101", "4x", " 4", "+4", "-1", "18446744073709551616"})
    EXPECT_FALSE(ParseInteger(bad, 1, 100, &v)) << bad;
  EXPECT_EQ(v, 7u);
}

TEST(ParseIntegerTest, ASignedTypeTakesNegativeBounds) {
  int64_t v = 0;
  EXPECT_TRUE(ParseInteger("-20", -1000, 1000, &v));
  EXPECT_EQ(v, -20);
  EXPECT_FALSE(ParseInteger("-1001", -1000, 1000, &v));
}

TEST(ParseNumberTest, HonoursAnExclusiveOrInclusiveLowerBound) {
  double v = -1;
  EXPECT_FALSE(ParseNumber("0", 0, false, 1, &v));
  EXPECT_TRUE(ParseNumber("0", 0, true, 1, &v));
  EXPECT_EQ(v, 0);
  EXPECT_TRUE(ParseNumber("1e-3", 0, false, 1, &v));
  EXPECT_EQ(v, 1e-3);
}

TEST(ParseNumberTest, RefusesNonFiniteAndTrailingText) {
  double v = 5;
  for (const char* bad : {"", "nan", "inf", "1.5x", "2", "0x1"})
    EXPECT_FALSE(ParseNumber(bad, 0, true, 1, &v)) << bad;
  EXPECT_EQ(v, 5);
}

}  // namespace
}  // namespace nethical::cli
