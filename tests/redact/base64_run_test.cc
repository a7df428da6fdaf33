#include "engine/redact/base64_run.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace nethical::redact {
namespace {

// The longest run, the obvious way: the oracle.
size_t LongestRun(std::string_view text) {
  size_t best = 0, run = 0;
  for (char c : text) {
    const bool in =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '+';
    run = in ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

TEST(Base64RunTest, FindsAnAwsSecretKeyShape) {
  EXPECT_TRUE(HasBase64Run("secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY.", 40));
}

TEST(Base64RunTest, ProseHasNoLongRun) {
  EXPECT_FALSE(HasBase64Run("the quick brown fox jumps over the lazy dog, twice", 40));
}

TEST(Base64RunTest, RunExactlyAtTheEdgesCounts) {
  const std::string run(40, 'a');
  EXPECT_TRUE(HasBase64Run(run, 40));
  EXPECT_TRUE(HasBase64Run(" " + run, 40));
  EXPECT_TRUE(HasBase64Run(run + " ", 40));
  EXPECT_FALSE(HasBase64Run(std::string(39, 'a'), 40));
  EXPECT_FALSE(HasBase64Run("", 1));
}

TEST(Base64RunTest, AgreesWithTheOracleOnRandomTexts) {
  std::mt19937_64 rng(3);
  const std::string alphabet = "aZ09/+ -=._\xC3";
  for (int n = 0; n < 20000; ++n) {
    std::string text(rng() % 120, ' ');
    // Runs of the alphabet broken rarely or often.
    const unsigned breaks = 1 + static_cast<unsigned>(rng() % 40);
    for (char& c : text) c = rng() % breaks == 0 ? alphabet[6 + rng() % 6] : alphabet[rng() % 6];
    const size_t want = 1 + rng() % 50;
    ASSERT_EQ(HasBase64Run(text, want), LongestRun(text) >= want) << "n " << want << " text " << text;
  }
}

}  // namespace
}  // namespace nethical::redact
