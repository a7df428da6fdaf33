#include "engine/input_check.h"

#include <gtest/gtest.h>

#include <string>

namespace nethical {
namespace {

TEST(FindInvalidUtf8, AcceptsValidText) {
  EXPECT_EQ(FindInvalidUtf8(""), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("plain ascii text that is longer than eight"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"), std::string_view::npos);
}

TEST(FindInvalidUtf8, ReportsOffsetOfFirstBadSequence) {
  EXPECT_EQ(FindInvalidUtf8("abcdefghij\xff"), 10u);
  EXPECT_EQ(FindInvalidUtf8("ab\xc3"), 2u);            // truncated
  EXPECT_EQ(FindInvalidUtf8("\xc0\xaf"), 0u);          // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("\xe0\x80\xaf"), 0u);      // overlong
  EXPECT_EQ(FindInvalidUtf8("x\xed\xa0\x80"), 1u);     // surrogate U+D800
  EXPECT_EQ(FindInvalidUtf8("\xf4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("\x80"), 0u);              // lone continuation
}

TEST(FindInvalidUtf8, ReportsTheOffsetInsideAndAfterLongAsciiRuns) {
  const std::string ascii(70, 'a');
  EXPECT_EQ(FindInvalidUtf8(ascii), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8(ascii + "\xff" + ascii), 70u);
  for (size_t at : {0u, 15u, 16u, 31u, 32u, 33u, 63u}) {
    std::string text = ascii;
    text[at] = '\x80';  // a lone continuation byte
    EXPECT_EQ(FindInvalidUtf8(text), at) << at;
  }
  EXPECT_EQ(FindInvalidUtf8(ascii + "caf\xc3\xa9" + ascii), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8(std::string(31, 'a') + "\xc3"), 31u);  // truncated at the end
}

Action Make(std::string agent, std::string text) {
  Action a;
  a.agent_id = std::move(agent);
  a.text = std::move(text);
  return a;
}

TEST(CheckAction, AcceptsGoodAction) { EXPECT_EQ(CheckAction(Make("a", "hi"), 10), ""); }

TEST(CheckAction, NamesEachProblem) {
  EXPECT_EQ(CheckAction(Make("", "hi"), 10), "agent_id is empty");
  EXPECT_EQ(CheckAction(Make("a", "12345678901"), 10),
            "text is 11 bytes, above the limit of 10 (NETHICAL_MAX_PAYLOAD_BYTES)");
  EXPECT_EQ(CheckAction(Make("a", std::string("x\0y", 3)), 10), "text contains a NUL byte (offset 1)");
  EXPECT_EQ(CheckAction(Make("a", "x\xff"), 10), "text is not valid UTF-8 (byte 1)");
  EXPECT_EQ(CheckAction(Make("a\xff", "x"), 10), "agent_id is not valid UTF-8 (byte 1)");
}

}  // namespace
}  // namespace nethical
