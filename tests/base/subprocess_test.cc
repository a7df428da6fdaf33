#include "engine/base/subprocess.h"

#include <signal.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace nethical {
namespace {

TEST(RunCommandTest, CapturesStandardOutputAndPassesArgumentsUnsplit) {
  std::string out;
  auto rc = RunCommand({"printf", "%s|", "two words", "$HOME"}, {.standard_output = &out});
  ASSERT_TRUE(rc.ok()) << rc.status().message();
  EXPECT_EQ(*rc, 0);
  EXPECT_EQ(out, "two words|$HOME|");
}

TEST(RunCommandTest, CapturesBothStreamsEvenWhenEachOutgrowsAPipe) {
  std::string out, err;
  // 200 KB on each stream, interleaved: more than a pipe holds, so reading
  // one stream to its end before the other would never finish.
  auto rc =
      RunCommand({"sh", "-c", "for i in $(seq 2000); do printf '%0100d' 0; printf '%0100d' 1 >&2; done"},
                 {.standard_output = &out, .standard_error = &err});
  ASSERT_TRUE(rc.ok()) << rc.status().message();
  EXPECT_EQ(out.size(), 200'000u);
  EXPECT_EQ(err.size(), 200'000u);
  EXPECT_EQ(err.back(), '1');
}

TEST(RunCommandTest, ReturnsTheExitStatus) {
  auto rc = RunCommand({"sh", "-c", "exit 3"});
  ASSERT_TRUE(rc.ok());
  EXPECT_EQ(*rc, 3);
}

TEST(RunCommandTest, GivesTheProgramTheEnvironmentAskedFor) {
  std::string out;
  const std::vector<std::string> environment = {"ONLY=this"};
  auto rc = RunCommand({"/usr/bin/env"}, {.standard_output = &out, .environment = &environment});
  ASSERT_TRUE(rc.ok());
  EXPECT_EQ(out, "ONLY=this\n");
}

TEST(RunCommandTest, AddsExtraEnvironmentToThisProcesss) {
  std::string out;
  auto rc = RunCommand({"sh", "-c", "echo \"$PATH_SEEN:$EXTRA\""},
                       {.standard_output = &out, .extra_environment = {"EXTRA=added", "PATH_SEEN=yes"}});
  ASSERT_TRUE(rc.ok());
  EXPECT_EQ(out, "yes:added\n");
  ASSERT_NE(std::getenv("PATH"), nullptr);
}

TEST(RunCommandTest, WritesOutputToTheFilesNamed) {
  const std::string dir = std::getenv("TEST_TMPDIR");
  auto rc = RunCommand({"sh", "-c", "echo out; echo err >&2"},
                       {.stdout_path = dir + "/o.txt", .stderr_path = dir + "/e.txt"});
  ASSERT_TRUE(rc.ok());
  const auto read = [](const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  EXPECT_EQ(read(dir + "/o.txt"), "out\n");
  EXPECT_EQ(read(dir + "/e.txt"), "err\n");
}

TEST(RunCommandTest, ReadsStandardInputFromTheFileNamed) {
  const std::string in = std::string(std::getenv("TEST_TMPDIR")) + "/in.txt";
  std::ofstream(in) << "one\ntwo\n";
  std::string out;
  auto rc = RunCommand({"wc", "-l"}, {.standard_output = &out, .stdin_path = in});
  ASSERT_TRUE(rc.ok());
  EXPECT_EQ(out, "2\n");
}

TEST(RunCommandTest, ReportsAProgramThatDoesNotExist) {
  auto rc = RunCommand({"/nonexistent/program"});
  ASSERT_FALSE(rc.ok());
  EXPECT_EQ(rc.status().code(), StatusCode::kNotFound);
  EXPECT_NE(rc.status().message().find("/nonexistent/program"), std::string::npos);
}

TEST(RunCommandTest, ReportsDeathBySignal) {
  auto rc = RunCommand({"sh", "-c", "kill -TERM $$"});
  ASSERT_FALSE(rc.ok());
  EXPECT_EQ(rc.status().code(), StatusCode::kInternal);
  EXPECT_NE(rc.status().message().find("signal 15"), std::string::npos) << rc.status().message();
}

TEST(RunCommandTest, RejectsAnEmptyCommand) {
  EXPECT_EQ(RunCommand({}).status().code(), StatusCode::kInvalidArgument);
}

TEST(SubprocessTest, WaitSaysASignalAsAShellDoes) {
  auto p = Subprocess::Start({"sleep", "600"});
  ASSERT_TRUE(p.ok()) << p.status().message();
  (*p)->Signal(SIGTERM);
  EXPECT_EQ((*p)->Wait(), 128 + SIGTERM);
  EXPECT_EQ((*p)->term_signal(), SIGTERM);
  EXPECT_EQ((*p)->Wait(), 128 + SIGTERM);  // again: the same
}

TEST(SubprocessTest, WaitAnyReturnsEachProgramAsItEnds) {
  auto slow = Subprocess::Start({"sleep", "600"});
  auto quick = Subprocess::Start({"sh", "-c", "exit 4"});
  ASSERT_TRUE(slow.ok() && quick.ok());
  const std::vector<Subprocess*> running = {slow->get(), quick->get()};
  EXPECT_EQ(Subprocess::WaitAny(running), std::optional<size_t>(1));
  EXPECT_EQ((*quick)->Wait(), 4);
  (*slow)->Signal(SIGKILL);
  EXPECT_EQ(Subprocess::WaitAny(running), std::optional<size_t>(0));
  EXPECT_EQ((*slow)->Wait(), 128 + SIGKILL);
  EXPECT_EQ(Subprocess::WaitAny(running), std::nullopt);  // none left running
}

TEST(SubprocessTest, PollIsEmptyWhileRunningAndGivesTheStatusOnceEnded) {
  auto p = Subprocess::Start({"sleep", "600"});
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ((*p)->Poll(), std::nullopt);
  (*p)->Signal(SIGKILL);
  siginfo_t info{};  // until it has ended, without reaping it
  ASSERT_EQ(::waitid(P_PID, static_cast<id_t>((*p)->pid()), &info, WEXITED | WNOWAIT), 0);
  EXPECT_EQ((*p)->Poll(), std::optional<int>(128 + SIGKILL));
  EXPECT_EQ((*p)->Wait(), 128 + SIGKILL);  // counts as waited for
}

TEST(SubprocessTest, DestroyingARunningProgramKillsAndReapsIt) {
  pid_t pid = -1;
  {
    auto p = Subprocess::Start({"sleep", "600"});
    ASSERT_TRUE(p.ok());
    pid = (*p)->pid();
  }
  // Reaped: the pid is no longer a child of this process.
  EXPECT_EQ(::kill(pid, 0) == 0 && ::waitpid(pid, nullptr, WNOHANG) == 0, false);
}

}  // namespace
}  // namespace nethical
