#include "loadgen/text_generator.h"

#include <string>

#include "gtest/gtest.h"
#include "loadgen/workload_texts.h"

namespace nethical::loadgen {
namespace {

TEST(BenignTextTest, HasExactlyTheAskedSize) {
  for (size_t bytes : {1u, 64u, 256u, 4096u}) EXPECT_EQ(BenignText(bytes, 7).size(), bytes);
}

TEST(BenignTextTest, SameSeedSameTextOtherSeedOtherText) {
  EXPECT_EQ(BenignText(512, 3), BenignText(512, 3));
  EXPECT_NE(BenignText(512, 3), BenignText(512, 4));
}

TEST(BenignTextTest, IsMadeOfTheBenignSentences) {
  const std::string text = BenignText(300, 11);
  const std::string first = text.substr(0, text.find('.') + 1);
  bool known = false;
  for (std::string_view s : kBenignSentences) known |= s == first;
  EXPECT_TRUE(known) << first;
}

TEST(BenignTextWithTest, PutsTheInsertWholeBetweenSentencesNearTheMiddle) {
  const std::string_view insert = kTriggerSnippets[1].text;
  const std::string text = BenignTextWith(256, 5, insert);
  ASSERT_EQ(text.size(), 256u);
  const size_t at = text.find(insert);
  ASSERT_NE(at, std::string::npos) << text;
  EXPECT_EQ(text.substr(at - 2, 2), ". ") << text;  // a sentence ends before it
  EXPECT_LE(at, (256 - insert.size()) / 2 + 1);
  EXPECT_GT(at + insert.size(), 256 / 4);
}

TEST(BenignTextWithTest, IsTheInsertAloneWhenTheInsertDoesNotFit) {
  const std::string_view insert = kTriggerSnippets[9].text;  // 88 bytes
  ASSERT_GT(insert.size(), 64u);
  EXPECT_EQ(BenignTextWith(64, 1, insert), insert);
}

TEST(BenignTextWithTest, WithNoInsertIsBenignText) {
  EXPECT_EQ(BenignTextWith(200, 9, ""), BenignText(200, 9));
}

}  // namespace
}  // namespace nethical::loadgen
