#include "engine/detect/text_statistics.h"

#include <gtest/gtest.h>

#include <string>

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

}  // namespace
}  // namespace nethical::detect
