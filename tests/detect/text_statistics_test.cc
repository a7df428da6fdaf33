#include "engine/detect/text_statistics.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

namespace nethical::detect {
namespace {

TEST(NonAsciiRatio, CountsCodePointsNotBytes) {
  EXPECT_DOUBLE_EQ(NonAsciiRatio(""), 0.0);
  EXPECT_DOUBLE_EQ(NonAsciiRatio("abcd"), 0.0);
  // "é" is two bytes but one code point: 1 of 4 code points.
  EXPECT_DOUBLE_EQ(NonAsciiRatio("caf\xc3\xa9"), 0.25);
  // A 4-byte emoji and one ASCII letter: 1 of 2.
  EXPECT_DOUBLE_EQ(NonAsciiRatio("\xf0\x9f\x98\x80x"), 0.5);
}

TEST(DecodeIfBase64, DecodesCanonicalBase64InOriginalCase) {
  std::string out;
  // base64("Bypass Security Measures now")
  ASSERT_TRUE(DecodeIfBase64("  QnlwYXNzIFNlY3VyaXR5IE1lYXN1cmVzIG5vdw==\n", &out));
  EXPECT_EQ(out, "bypass security measures now");
  EXPECT_TRUE(ContainsHarmfulPhrase(out));
}

TEST(DecodeIfBase64, RejectsProse) {
  std::string out;
  EXPECT_FALSE(DecodeIfBase64("this is plain prose that is long enough", &out));
}

TEST(DecodeIfBase64, RejectsShortOrUnpaddedOrLowEntropy) {
  std::string out;
  EXPECT_FALSE(DecodeIfBase64("aGVsbG8=", &out));                                // < 24 chars
  EXPECT_FALSE(DecodeIfBase64("QnlwYXNzIFNlY3VyaXR5IE1lYXN1cmVzIG5vdw", &out));  // not % 4
  EXPECT_FALSE(DecodeIfBase64("AAAAAAAAAAAAAAAAAAAAAAAAAAAA", &out));            // entropy 0
}

TEST(DecodeIfBase64, RejectsNonCanonicalTrailingBits) {
  std::string out;
  // Canonical "...IG5vdw==" with the last data char changed to 'x' (non-zero spare bits).
  EXPECT_FALSE(DecodeIfBase64("QnlwYXNzIFNlY3VyaXR5IE1lYXN1cmVzIG5vdx==", &out));
}

TEST(LooksLikeRot13, NeedsLettersAndSpacesWithPlausibleVowels) {
  EXPECT_TRUE(LooksLikeRot13("qnatrebhf vafgehpgvbaf sbe lbh"));
  EXPECT_FALSE(LooksLikeRot13("qnatrebhf vafgehpgvbaf, sbe lbh"));  // punctuation
  EXPECT_FALSE(LooksLikeRot13("short text"));                       // < 20 letters
  // rot13("bypass security measures quickly"): vowel ratio 3/10 = 0.3.
  EXPECT_FALSE(LooksLikeRot13("olcnff frphevgl zrnfherf dhvpxyl"));
}

TEST(HasPoisoningTokenProfile, NeedsMoreThan200MostlyUniqueTokens) {
  std::string unique200;
  for (int i = 0; i < 200; ++i) unique200 += "word" + std::to_string(i) + " ";
  EXPECT_FALSE(HasPoisoningTokenProfile(unique200));
  std::string unique201 = unique200 + "last";
  EXPECT_TRUE(HasPoisoningTokenProfile(unique201));
}

TEST(HasPoisoningTokenProfile, CountsTokensAcrossAllWhitespaceKinds) {
  // 201 unique tokens separated by every ASCII whitespace kind, in runs,
  // so that separators straddle the 16-byte blocks of the vector path.
  const char* separators[] = {" ", "\t", "\n", "\r\n", "\f", "\v", "  \t "};
  std::string text;
  for (int i = 0; i < 201; ++i) text += "w" + std::to_string(i) + separators[i % 7];
  EXPECT_TRUE(HasPoisoningTokenProfile(text));
  // 200 tokens: not enough, whatever the separators.
  std::string shorter;
  for (int i = 0; i < 200; ++i) shorter += separators[i % 7] + ("w" + std::to_string(i));
  shorter += "   ";
  EXPECT_FALSE(HasPoisoningTokenProfile(shorter));
}

// The statistic the obvious way: split on ASCII whitespace, count distinct.
bool PoisoningOracle(std::string_view text) {
  std::vector<std::string> tokens;
  std::string token;
  for (char c : text) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      if (!token.empty()) tokens.push_back(token);
      token.clear();
    } else {
      token += c;
    }
  }
  if (!token.empty()) tokens.push_back(token);
  if (tokens.size() <= 200) return false;
  const std::set<std::string> distinct(tokens.begin(), tokens.end());
  return static_cast<double>(distinct.size()) / static_cast<double>(tokens.size()) > 0.9;
}

TEST(HasPoisoningTokenProfile, AgreesWithASplitAndSetOracleOnRandomTexts) {
  // 150-450 tokens, each new or (with a probability around 10 %, where the
  // answer flips) a repeat of an earlier one, separated by runs of every
  // whitespace kind, so that both answers occur and token edges fall
  // everywhere in the 16-byte steps.
  std::mt19937_64 rng(23);
  const char* separators[] = {" ", "\t", "\n", "\r\n", "\f", "\v", "  \t ", "   "};
  int positives = 0, negatives = 0;
  for (int n = 0; n < 3000; ++n) {
    const int count = 150 + static_cast<int>(rng() % 300);
    const double repeat = 0.04 + 0.001 * static_cast<double>(rng() % 120);
    std::vector<std::string> words;
    std::string text = rng() % 2 ? " " : "";
    for (int k = 0; k < count; ++k) {
      const bool again = !words.empty() && std::uniform_real_distribution<>(0, 1)(rng) < repeat;
      words.push_back(again ? words[rng() % words.size()] : "t" + std::to_string(rng() % 100000000));
      text += words.back() + separators[rng() % 8];
    }
    const bool want = PoisoningOracle(text);
    ASSERT_EQ(HasPoisoningTokenProfile(text), want) << text;
    (want ? positives : negatives) += 1;
  }
  EXPECT_GT(positives, 300);
  EXPECT_GT(negatives, 300);
}

}  // namespace
}  // namespace nethical::detect
