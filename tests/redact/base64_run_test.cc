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

TEST(Base64RunTest, AgreesWithTheOracleOnRunsAcrossManyBlocks) {
  // Texts of up to 400 bytes with runs up to 200 long at every alignment,
  // and run lengths asked for above 64.
  std::mt19937_64 rng(17);
  for (int n = 0; n < 20000; ++n) {
    std::string text(rng() % 400, '.');
    const size_t run_start = text.empty() ? 0 : rng() % text.size();
    const size_t run_length = rng() % 200;
    for (size_t k = run_start; k < text.size() && k < run_start + run_length; ++k)
      text[k] = "Zz9+/"[rng() % 5];
    if (rng() % 4 == 0 && !text.empty()) text[rng() % text.size()] = ' ';  // a break inside, sometimes
    const size_t want = 1 + rng() % 150;
    ASSERT_EQ(HasBase64Run(text, want), LongestRun(text) >= want) << "n " << want << " text " << text;
  }
}

TEST(Base64RunTest, BytesNextToTheAlphabetAreOutsideIt) {
  // The neighbours of each range, which a range test done wrong takes in.
  for (char c : std::string("@[`{/:*,.-_=\x7f") + "\x80\xC1\xDA\xFA") {
    const std::string text(45, c);
    EXPECT_EQ(HasBase64Run(text, 40), c == '/') << static_cast<int>(static_cast<unsigned char>(c));
  }
}

}  // namespace
}  // namespace nethical::redact
