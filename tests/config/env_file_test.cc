#include "engine/config/env_file.h"

#include <gtest/gtest.h>

#include <random>

namespace nethical {
namespace {

using std::string_literals::operator""s;

// Parses `content` and returns its entries; fails the test on a parse error.
std::vector<EnvFileEntry> ParseOk(std::string_view content) {
  StatusOr<std::vector<EnvFileEntry>> entries = ParseEnvFile(content, "f.env");
  EXPECT_TRUE(entries.ok()) << entries.status().message();
  return entries.ok() ? *entries : std::vector<EnvFileEntry>{};
}

// The value of the only entry of `content`.
std::string OnlyValue(std::string_view content) {
  std::vector<EnvFileEntry> entries = ParseOk(content);
  EXPECT_EQ(entries.size(), 1u) << content;
  return entries.empty() ? "" : entries[0].value;
}

std::string ErrorOf(std::string_view content) {
  StatusOr<std::vector<EnvFileEntry>> entries = ParseEnvFile(content, "f.env");
  EXPECT_FALSE(entries.ok()) << content;
  return entries.status().message();
}

TEST(ParseEnvFile, ReadsKeyValueLinesInOrder) {
  std::vector<EnvFileEntry> e = ParseOk("A=1\nB=two\n");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].key, "A");
  EXPECT_EQ(e[0].value, "1");
  EXPECT_EQ(e[1].key, "B");
  EXPECT_EQ(e[1].value, "two");
}

TEST(ParseEnvFile, SkipsBlankLinesAndFullLineComments) {
  std::vector<EnvFileEntry> e = ParseOk("# header\n\n   \n  # indented comment\nA=1\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].key, "A");
}

TEST(ParseEnvFile, LineNumbersCountCommentsAndBlankLines) {
  std::vector<EnvFileEntry> e = ParseOk("# c\n\nA=1\n\nB=2");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].line, 3);
  EXPECT_EQ(e[1].line, 5);
}

TEST(ParseEnvFile, AcceptsLastLineWithoutNewline) { EXPECT_EQ(OnlyValue("A=1"), "1"); }

TEST(ParseEnvFile, StripsExportPrefix) {
  std::vector<EnvFileEntry> e = ParseOk("export A=1\nexport\tB=2\n");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].key, "A");
  EXPECT_EQ(e[1].key, "B");
}

TEST(ParseEnvFile, KeyStartingWithExportIsNotAPrefix) {
  std::vector<EnvFileEntry> e = ParseOk("exported=1\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].key, "exported");
}

TEST(ParseEnvFile, TrimsWhitespaceAroundKeyAndUnquotedValue) {
  std::vector<EnvFileEntry> e = ParseOk("  A =  spaced value  \n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].key, "A");
  EXPECT_EQ(e[0].value, "spaced value");
}

TEST(ParseEnvFile, StripsTrailingCommentAfterUnquotedValue) {
  EXPECT_EQ(OnlyValue("A=100.0  # per second"), "100.0");
}

TEST(ParseEnvFile, TrailingCommentAfterEmptyValueLeavesItEmpty) { EXPECT_EQ(OnlyValue("A= # nothing"), ""); }

TEST(ParseEnvFile, KeepsHashNotPrecededByWhitespace) {
  EXPECT_EQ(OnlyValue("A=http://host/path#frag"), "http://host/path#frag");
  EXPECT_EQ(OnlyValue("A=#abc"), "#abc");
}

TEST(ParseEnvFile, EmptyValueIsAllowed) { EXPECT_EQ(OnlyValue("A="), ""); }

TEST(ParseEnvFile, ValueMayContainEquals) { EXPECT_EQ(OnlyValue("A=b=c"), "b=c"); }

TEST(ParseEnvFile, DoubleQuotesKeepSpacesAndHash) { EXPECT_EQ(OnlyValue("A=\"  x # y  \""), "  x # y  "); }

TEST(ParseEnvFile, DoubleQuotesUnescapeQuoteAndBackslash) {
  EXPECT_EQ(OnlyValue(R"(A="say \"hi\" \\ \n")"), R"(say "hi" \ \n)");
}

TEST(ParseEnvFile, SingleQuotesAreLiteral) { EXPECT_EQ(OnlyValue(R"(A='a \" # b')"), R"(a \" # b)"); }

TEST(ParseEnvFile, AllowsCommentAfterClosingQuote) { EXPECT_EQ(OnlyValue("A='x y'   # note"), "x y"); }

TEST(ParseEnvFile, AcceptsCrlfLineEndings) {
  std::vector<EnvFileEntry> e = ParseOk("A=1\r\nB='q'\r\n");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].value, "1");
  EXPECT_EQ(e[1].value, "q");
}

TEST(ParseEnvFile, SkipsUtf8ByteOrderMarkAtStart) {
  std::vector<EnvFileEntry> e = ParseOk(
      "\xEF\xBB\xBF"
      "A=1\n");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].key, "A");
}

TEST(ParseEnvFile, RejectsLineWithoutEqualsNamingFileAndLine) {
  EXPECT_EQ(ErrorOf("A=1\n\nNETHICAL_EPSILON 1.0\n"),
            "f.env:3: expected KEY=VALUE, got 'NETHICAL_EPSILON 1.0'");
}

TEST(ParseEnvFile, RejectsInvalidKeyName) {
  EXPECT_EQ(ErrorOf("1A=x"),
            "f.env:1: '1A' is not a valid key name (letters, digits and '_', not starting with a digit)");
  EXPECT_EQ(ErrorOf("=x"),
            "f.env:1: '' is not a valid key name (letters, digits and '_', not starting with a digit)");
}

TEST(ParseEnvFile, RejectsUnterminatedQuotes) {
  EXPECT_EQ(ErrorOf("A=\"open"), "f.env:1: A: unterminated double quote");
  EXPECT_EQ(ErrorOf("A='open"), "f.env:1: A: unterminated single quote");
}

TEST(ParseEnvFile, RejectsTextAfterClosingQuote) {
  EXPECT_EQ(ErrorOf("A=\"x\"y"), "f.env:1: A: unexpected text after the closing quote");
}

// Property (randomized, fixed seed): any text without a line break, written
// double-quoted with \" and \\ escaped, reads back unchanged.
TEST(ParseEnvFile, DoubleQuotedValuesRoundTrip) {
  std::mt19937 rng(7);
  const std::string alphabet = "ab Z09#='\"\\\t$;-_";
  for (int i = 0; i < 2000; ++i) {
    std::string value;
    size_t length = std::uniform_int_distribution<size_t>(0, 24)(rng);
    for (size_t j = 0; j < length; ++j) {
      value += alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
    }
    std::string quoted = "\"";
    for (char c : value) {
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    quoted += '"';
    EXPECT_EQ(OnlyValue("A=" + quoted + "  # c\n"), value) << quoted;
  }
}

// Property (randomized, fixed seed): arbitrary bytes give entries or a
// one-line error naming the file, never a crash.
TEST(ParseEnvFile, ArbitraryBytesGiveEntriesOrAOneLineError) {
  std::mt19937 rng(11);
  const std::string alphabet = "A_=#'\" \t\r\n\\xe\0\xff"s;  // includes a NUL byte
  for (int i = 0; i < 2000; ++i) {
    std::string content;
    size_t length = std::uniform_int_distribution<size_t>(0, 40)(rng);
    for (size_t j = 0; j < length; ++j) {
      content += alphabet[std::uniform_int_distribution<size_t>(0, alphabet.size() - 1)(rng)];
    }
    StatusOr<std::vector<EnvFileEntry>> entries = ParseEnvFile(content, "f.env");
    if (entries.ok()) {
      for (const EnvFileEntry& e : *entries) {
        EXPECT_FALSE(e.key.empty());
        EXPECT_EQ(e.value.find('\n'), std::string::npos);
      }
    } else {
      EXPECT_EQ(entries.status().message().rfind("f.env:", 0), 0u) << entries.status().message();
      EXPECT_EQ(entries.status().message().find('\n'), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace nethical
