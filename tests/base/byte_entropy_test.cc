#include "engine/base/byte_entropy.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>

namespace nethical {
namespace {

// The textbook formula, -sum p log2 p, as the two callers computed it
// before they shared ByteEntropy.
double ReferenceEntropy(std::string_view s) {
  std::array<uint64_t, 256> counts{};
  for (unsigned char c : s) ++counts[c];
  double h = 0;
  const double n = static_cast<double>(s.size());
  for (uint64_t k : counts)
    if (k != 0) h -= (k / n) * std::log2(k / n);
  return h;
}

TEST(ByteEntropyTest, EmptyIsZero) { EXPECT_EQ(ByteEntropy(""), 0.0); }

TEST(ByteEntropyTest, OneRepeatedByteIsExactlyZero) {
  EXPECT_EQ(ByteEntropy("a"), 0.0);
  EXPECT_EQ(ByteEntropy("aaa"), 0.0);
  EXPECT_EQ(ByteEntropy(std::string(100'003, 'z')), 0.0);  // a count beyond the table
}

TEST(ByteEntropyTest, TwoEquallyFrequentBytesAreOneBit) { EXPECT_DOUBLE_EQ(ByteEntropy("abab"), 1.0); }

TEST(ByteEntropyTest, AllByteValuesOnceAreEightBits) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  EXPECT_DOUBLE_EQ(ByteEntropy(all), 8.0);
}

TEST(ByteEntropyTest, HelloWorldIsAboutTwoPointEightFiveBits) {
  EXPECT_NEAR(ByteEntropy("hello world"), 2.845, 0.001);
}

// Random strings of every length class (the unrolled loop's tail, counts
// below and above the c log2 c table, skewed and uniform byte
// distributions) agree with the textbook formula to rounding.
TEST(ByteEntropyTest, AgreesWithTheTextbookFormulaOnRandomStrings) {
  std::mt19937_64 rng(20261206);
  for (int trial = 0; trial < 400; ++trial) {
    const size_t n = trial < 100 ? rng() % 16 : trial < 300 ? rng() % 5000 : 4000 + rng() % 40000;
    const unsigned alphabet = 1 + static_cast<unsigned>(rng() % 256);
    const bool skewed = trial % 2 == 0;
    std::string s(n, '\0');
    for (char& c : s) {
      const unsigned r = static_cast<unsigned>(rng() % alphabet);
      c = static_cast<char>(skewed ? (r * r) / alphabet : r);  // skewed: small values more often
    }
    const double want = ReferenceEntropy(s);
    const double got = ByteEntropy(s);
    ASSERT_NEAR(got, want, 1e-12) << "length " << n << ", alphabet " << alphabet << ", skewed " << skewed;
    ASSERT_GE(got, 0.0);
    ASSERT_LE(got, 8.0);
  }
}

}  // namespace
}  // namespace nethical
