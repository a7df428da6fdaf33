#include <sstream>
#include <string>
#include <vector>

#include "engine/cli/line_reader.h"
#include "gtest/gtest.h"
#include "tests/testing/failing_streams.h"

namespace nethical::cli {
namespace {

TEST(FilterLinesTest, WritesWhatTheHandlerReturnsForEachLineAndNothingForNullopt) {
  std::istringstream in("a\nskip\nc");
  std::ostringstream out;
  const std::string error =
      FilterLines(in, out, 100, [](const InputLine& line) -> std::optional<std::string> {
        if (line.text == "skip") return std::nullopt;
        return std::to_string(line.number) + ":" + std::string(line.text);
      });
  EXPECT_EQ(error, "");
  EXPECT_EQ(out.str(), "1:a\n3:c\n");
}

TEST(FilterLinesTest, ALineTooLongIsHandedOverEmptyAndFlagged) {
  std::istringstream in("short\n0123456789\nok\n");
  std::ostringstream out;
  std::vector<std::string> seen;
  const std::string error = FilterLines(in, out, 5, [&](const InputLine& line) -> std::optional<std::string> {
    seen.push_back(std::to_string(line.number) + (line.too_long ? " long" : " ") + std::string(line.text));
    return std::nullopt;
  });
  EXPECT_EQ(error, "");
  EXPECT_EQ(seen, (std::vector<std::string>{"1 short", "2 long", "3 ok"}));
}

TEST(FilterLinesTest, AReadErrorEndsTheRunAndIsReturned) {
  testutil::FailingReadBuf in_buf("first\n");
  std::istream in(&in_buf);
  std::ostringstream out;
  const std::string error =
      FilterLines(in, out, 100, [](const InputLine& line) { return std::optional<std::string>(line.text); });
  EXPECT_EQ(out.str(), "first\n");
  EXPECT_EQ(error.rfind("cannot read the input: ", 0), 0u) << error;
}

TEST(FilterLinesTest, AWriteErrorEndsTheRunAndIsReturned) {
  std::istringstream in("a\nb\n");
  testutil::FailingWriteBuf out_buf;
  std::ostream out(&out_buf);
  int handled = 0;
  const std::string error = FilterLines(in, out, 100, [&](const InputLine& line) {
    ++handled;
    return std::optional<std::string>(line.text);
  });
  EXPECT_EQ(handled, 1);
  EXPECT_EQ(error.rfind("cannot write the output: ", 0), 0u) << error;
}

// Counts flushes (sync) of the stream it backs.
class SyncCountingBuf : public std::stringbuf {
 public:
  int syncs = 0;

 protected:
  int sync() override {
    ++syncs;
    return std::stringbuf::sync();
  }
};

TEST(FilterLinesTest, TheStreamTiedToTheInputIsFlushedAfterEachLine) {
  std::istringstream in("a\nb\n");
  SyncCountingBuf tied_buf;
  std::ostream tied(&tied_buf);
  in.tie(&tied);
  std::ostringstream out;
  std::vector<int> syncs_seen;
  const std::string error = FilterLines(in, out, 100, [&](const InputLine& line) {
    syncs_seen.push_back(tied_buf.syncs);
    return std::optional<std::string>(line.text);
  });
  EXPECT_EQ(error, "");
  EXPECT_EQ(syncs_seen, (std::vector<int>{0, 1}));
  EXPECT_EQ(tied_buf.syncs, 2);
}

}  // namespace
}  // namespace nethical::cli
