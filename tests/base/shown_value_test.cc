#include "engine/base/shown_value.h"

#include <gtest/gtest.h>

#include <string>

namespace nethical {
namespace {

TEST(ShownValue, KeepsPrintableAscii) { EXPECT_EQ(ShownValue("0.5 rps"), "0.5 rps"); }

TEST(ShownValue, EscapesTerminalEscapeSequences) {
  EXPECT_EQ(ShownValue("\x1b[2J\x1b]0;pwned\x07"), "\\x1b[2J\\x1b]0;pwned\\x07");
}

TEST(ShownValue, EscapesNewlinesTabsAndBackslashes) {
  EXPECT_EQ(ShownValue("a\nb\tc\\d\re"), "a\\nb\\tc\\\\d\\re");
}

TEST(ShownValue, EscapesNulAndDelete) { EXPECT_EQ(ShownValue(std::string("a\0b\x7f", 4)), "a\\x00b\\x7f"); }

TEST(ShownValue, KeepsValidUtf8) { EXPECT_EQ(ShownValue("caf\xc3\xa9"), "caf\xc3\xa9"); }

TEST(ShownValue, EscapesInvalidUtf8Bytes) {
  EXPECT_EQ(ShownValue("\xff\xc3("), "\\xff\\xc3(");
  EXPECT_EQ(ShownValue("\xc0\xaf"), "\\xc0\\xaf");  // overlong '/'
}

TEST(ShownValue, EscapesC1ControlsAndBidiOverrides) {
  EXPECT_EQ(ShownValue("\xc2\x9b"
                       "2J"),
            "\\xc2\\x9b2J");                                     // U+009B, the 8-bit CSI
  EXPECT_EQ(ShownValue("a\xe2\x80\xaeZ"), "a\\xe2\\x80\\xaeZ");  // U+202E
}

TEST(ShownValue, TruncatesLongValuesAndSaysHowLong) {
  const std::string big(50'000'000, 'x');
  const std::string shown = ShownValue(big);
  EXPECT_EQ(shown, std::string(kShownValueMaxBytes, 'x') + "...(50000000 bytes)");
}

TEST(ShownValue, ValueAtTheLimitIsNotMarkedCut) {
  EXPECT_EQ(ShownValue(std::string(10, 'y'), 10), std::string(10, 'y'));
}

TEST(ShownValue, MultiByteSequenceCutByTheLimitIsEscaped) {
  EXPECT_EQ(ShownValue("ab\xc3\xa9", 3), "ab\\xc3...(4 bytes)");
}

TEST(ShownValue, OutputIsBoundedForAnyInput) {
  std::string all;
  for (int i = 0; i < 4096; ++i) all.push_back(static_cast<char>(i * 37));
  // Every shown byte costs at most 4 output bytes, plus the length note.
  EXPECT_LE(ShownValue(all).size(), kShownValueMaxBytes * 4 + 32);
}

}  // namespace
}  // namespace nethical
