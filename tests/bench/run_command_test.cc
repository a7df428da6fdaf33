#include "bench/compare/run_command.h"

#include "gtest/gtest.h"

namespace nethical::bench {
namespace {

TEST(RunCommand, CapturesStandardOutputAndPassesArgumentsUnsplit) {
  std::string out;
  auto rc = RunCommand({"printf", "%s|", "two words", "$HOME"}, &out);
  ASSERT_TRUE(rc.ok()) << rc.status().message();
  EXPECT_EQ(*rc, 0);
  EXPECT_EQ(out, "two words|$HOME|");
}

TEST(RunCommand, ReturnsTheExitStatus) {
  auto rc = RunCommand({"sh", "-c", "exit 3"});
  ASSERT_TRUE(rc.ok());
  EXPECT_EQ(*rc, 3);
}

TEST(RunCommand, GivesTheProgramTheEnvironmentAskedFor) {
  std::string out;
  const std::vector<std::string> environment = {"ONLY=this"};
  auto rc = RunCommand({"/usr/bin/env"}, &out, &environment);
  ASSERT_TRUE(rc.ok());
  EXPECT_EQ(out, "ONLY=this\n");
}

TEST(RunCommand, ReportsAProgramThatDoesNotExist) {
  auto rc = RunCommand({"/nonexistent/program"});
  ASSERT_FALSE(rc.ok());
  EXPECT_EQ(rc.status().code(), StatusCode::kNotFound);
  EXPECT_NE(rc.status().message().find("/nonexistent/program"), std::string::npos);
}

TEST(RunCommand, ReportsDeathBySignal) {
  auto rc = RunCommand({"sh", "-c", "kill -TERM $$"});
  ASSERT_FALSE(rc.ok());
  EXPECT_EQ(rc.status().code(), StatusCode::kInternal);
  EXPECT_NE(rc.status().message().find("signal 15"), std::string::npos) << rc.status().message();
}

TEST(RunCommand, RejectsAnEmptyCommand) {
  EXPECT_EQ(RunCommand({}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace nethical::bench
