#include "tests/regression/instruction_count.h"

#include "gtest/gtest.h"

namespace nethical::regression {
namespace {

// The header of a real callgrind 3.19 output file, body elided.
constexpr char kCallgrindOut[] =
    "# callgrind format\n"
    "version: 1\n"
    "creator: callgrind-3.19.0\n"
    "pid: 4242\n"
    "cmd:  tests/regression/sha256_workload\n"
    "part: 1\n"
    "\n"
    "desc: I1 cache: \n"
    "positions: line\n"
    "events: Ir\n"
    "summary: 115106259\n"
    "\n"
    "fl=(1) ???\n"
    "fn=(1) 0x0000000000001000\n"
    "0 3\n"
    "\n"
    "totals: 115106259\n";

TEST(ParseCallgrindInstructions, ReadsTheIrTotal) {
  auto count = ParseCallgrindInstructions(kCallgrindOut, "callgrind.out");
  ASSERT_TRUE(count.ok()) << count.status().message();
  EXPECT_EQ(*count, 115106259u);
}

TEST(ParseCallgrindInstructions, FindsIrAmongSeveralEvents) {
  auto count = ParseCallgrindInstructions("events: Dr Ir Dw\nsummary: 10 20 30\n", "x");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 20u);
}

TEST(ParseCallgrindInstructions, PrefersTotalsOverSummary) {
  auto count = ParseCallgrindInstructions("events: Ir\nsummary: 99\ntotals: 42\n", "x");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 42u);
}

TEST(ParseCallgrindInstructions, RejectsOutputWithoutIrEvent) {
  auto count = ParseCallgrindInstructions("events: Dr\ntotals: 5\n", "out.1");
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.status().message(), "out.1: no \"events:\" line listing Ir");
}

TEST(ParseCallgrindInstructions, RejectsOutputWithoutTotals) {
  auto count = ParseCallgrindInstructions("events: Ir\n", "out.1");
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.status().message(), "out.1: no totals:/summary: line with an Ir value");
}

TEST(ParseCallgrindInstructions, RejectsATotalThatIsNotACount) {
  auto count = ParseCallgrindInstructions("events: Ir\ntotals: 12x\n", "out.1");
  ASSERT_FALSE(count.ok());
  EXPECT_NE(count.status().message().find("\"12x\" is not a count"), std::string::npos);
}

}  // namespace
}  // namespace nethical::regression
