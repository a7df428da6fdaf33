#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "engine/cli/config_flags.h"
#include "engine/cli/nethical_main.h"
#include "tests/testing/failing_streams.h"

namespace nethical::cli {
namespace {

using Json = nlohmann::json;

struct CliRun {
  int code;
  std::string out, err;
};

CliRun Nethical(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), "nethical");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  std::istringstream in(input);
  std::ostringstream out, err;
  int code = RunNethical(static_cast<int>(argv.size()), argv.data(), in, out, err);
  return {code, out.str(), err.str()};
}

// RunNethical over caller-supplied streams.
int NethicalWith(std::vector<std::string> args, std::istream& in, std::ostream& out, std::ostream& err) {
  args.insert(args.begin(), "nethical");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  return RunNethical(static_cast<int>(argv.size()), argv.data(), in, out, err);
}

using ::nethical::testutil::FailingReadBuf;
using ::nethical::testutil::FailingWriteBuf;

// A message safe to print: one line, short, no terminal control byte.
void ExpectSafeOneLine(const std::string& message) {
  EXPECT_EQ(message.find('\n'), message.size() - 1) << message.substr(0, 400);
  EXPECT_LT(message.size(), 400u) << message.substr(0, 400);
  EXPECT_EQ(message.find('\x1b'), std::string::npos) << message.substr(0, 400);
}

const char kAction[] = R"({"agent_id":"a","text":"hello"})";

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(NethicalCli, EvaluatesOneVerdictPerAction) {
  CliRun r = Nethical({"evaluate"}, R"({"agent_id":"a","text":"hello"})"
                                    "\n"
                                    R"({"agent_id":"a","text":"run sudo reboot"})"
                                    "\n");
  EXPECT_EQ(r.code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(Json::parse(lines[0])["decision"], "ALLOW");
  EXPECT_EQ(Json::parse(lines[1])["decision"], "BLOCK");
}

TEST(NethicalCli, ReportsMalformedLineAndContinues) {
  CliRun r = Nethical({"evaluate"},
                      "not json\n\n"
                      R"({"text":"no agent"})"
                      "\n"
                      R"({"agent_id":"a","text":"hello"})"
                      "\n");
  EXPECT_EQ(r.code, 1);
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u);
  Json first = Json::parse(lines[0]), second = Json::parse(lines[1]);
  EXPECT_EQ(first["line"], 1);
  EXPECT_NE(first["error"].get<std::string>().find("invalid JSON"), std::string::npos);
  EXPECT_EQ(second["line"], 3);  // the blank line 2 is skipped but counted
  EXPECT_NE(second["error"].get<std::string>().find("agent_id"), std::string::npos);
  EXPECT_EQ(Json::parse(lines[2])["decision"], "ALLOW");
}

TEST(NethicalCli, UnknownSubcommandExits2NamingIt) {
  CliRun r = Nethical({"teleport"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("'teleport'"), std::string::npos);
  EXPECT_EQ(Lines(r.err).size(), 1u);
}

TEST(NethicalCli, MissingSubcommandExits2) { EXPECT_EQ(Nethical({}).code, 2); }

TEST(NethicalCli, HelpListsEvaluate) {
  CliRun r = Nethical({"help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("evaluate"), std::string::npos);
}

TEST(NethicalCli, EvaluateHelpListsEveryFlagAndConfigurationKey) {
  CliRun r = Nethical({"evaluate", "--help"});
  EXPECT_EQ(r.code, 0) << r.err;
  for (const char* flag : {"--max-line-bytes N", "--env-file FILE", "--set KEY=VALUE", "--help"})
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
  for (const nethical::KeyInfo& k : nethical::AllConfigKeys())
    EXPECT_NE(r.out.find("--" + FlagNameOfKey(k.key) + " V"), std::string::npos) << k.key;
}

TEST(NethicalCli, UnknownSubcommandIsEscapedOnOneLine) {
  CliRun r = Nethical({"\x1b[2Jevaluat\ne"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "nethical: unknown subcommand '\\x1b[2Jevaluat\\ne' (try 'nethical help')\n");
}

TEST(NethicalCli, UnknownFlagExits2NamingIt) {
  CliRun r = Nethical({"evaluate", "--frobnicate=1"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "nethical evaluate: unknown flag --frobnicate (see --help)\n");
  EXPECT_TRUE(r.out.empty());
}

TEST(NethicalCli, BadFlagValueExits2NamingKey) {
  CliRun r = Nethical({"evaluate", "--max-payload-bytes", "-5"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("NETHICAL_MAX_PAYLOAD_BYTES"), std::string::npos) << r.err;
}

TEST(NethicalCli, EngineFlagsReachTheEngine) {
  CliRun r = Nethical({"evaluate", "--max-payload-bytes=4"}, R"({"agent_id":"a","text":"hello"})");
  EXPECT_EQ(r.code, 0) << r.err;
  Json v = Json::parse(Lines(r.out).at(0));
  EXPECT_EQ(v["rejected_input"], true);
  EXPECT_EQ(v["decision"], "BLOCK");
}

TEST(NethicalCli, SetFlagTakesKeyValue) {
  CliRun r = Nethical({"evaluate", "--set", "NETHICAL_ENABLE_DETECTORS=false"},
                      R"({"agent_id":"a","text":"run sudo reboot"})");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Json::parse(Lines(r.out).at(0))["decision"], "ALLOW");
}

TEST(NethicalCli, ReadsEnvFile) {
  std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/engine.env";
  std::ofstream(path) << "NETHICAL_MAX_PAYLOAD_BYTES=4\n";
  CliRun r = Nethical({"evaluate", "--env-file", path}, R"({"agent_id":"a","text":"hello"})");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Json::parse(Lines(r.out).at(0))["rejected_input"], true);
}

TEST(NethicalCli, MissingEnvFileExits2) {
  CliRun r = Nethical({"evaluate", "--env-file=/nonexistent/x.env"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("/nonexistent/x.env"), std::string::npos) << r.err;
}

TEST(NethicalCli, ReadErrorIsReportedAndExits1) {
  FailingReadBuf failing(std::string(kAction) + "\n");
  std::istream in(&failing);
  std::ostringstream out, err;
  int code = NethicalWith({"evaluate", "--enable-merkle=false"}, in, out, err);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(Lines(out.str()).size(), 1u);  // the line read before the error
  EXPECT_EQ(err.str(), "nethical evaluate: cannot read the input: Input/output error\n");
}

TEST(NethicalCli, DirectoryAsInputIsAReadError) {
  std::ifstream dir(std::getenv("TEST_TMPDIR"));
  std::ostringstream out, err;
  int code = NethicalWith({"evaluate", "--enable-merkle=false"}, dir, out, err);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(err.str(), "nethical evaluate: cannot read the input: Is a directory\n");
}

TEST(NethicalCli, WriteErrorIsReportedAndExits1) {
  std::istringstream in(std::string(kAction) + "\n" + kAction + "\n");
  FailingWriteBuf failing;
  std::ostream out(&failing);
  std::ostringstream err;
  int code = NethicalWith({"evaluate", "--enable-merkle=false"}, in, out, err);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(err.str(), "nethical evaluate: cannot write the output: No space left on device\n");
}

TEST(NethicalCli, FullDiskAsOutputIsAWriteError) {
  std::istringstream in(std::string(kAction) + "\n");
  std::ofstream full("/dev/full");
  ASSERT_TRUE(full.is_open());
  std::ostringstream err;
  int code = NethicalWith({"evaluate", "--enable-merkle=false"}, in, full, err);
  EXPECT_EQ(code, 1);
  EXPECT_EQ(err.str(), "nethical evaluate: cannot write the output: No space left on device\n");
}

TEST(NethicalCli, LineLongerThanMaxLineBytesIsSkippedWithAnErrorLine) {
  std::string long_line = R"({"agent_id":"a","text":")" + std::string(100, 'x') + R"("})";
  CliRun r = Nethical({"evaluate", "--enable-merkle=false", "--max-line-bytes=64"},
                      long_line + "\n" + kAction + "\n");
  EXPECT_EQ(r.code, 1);
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], R"({"line":1,"error":"line is longer than --max-line-bytes=64; skipped"})");
  EXPECT_EQ(Json::parse(lines[1])["decision"], "ALLOW");
}

TEST(NethicalCli, LineOfExactlyMaxLineBytesIsEvaluated) {
  const std::string action = kAction;
  CliRun r =
      Nethical({"evaluate", "--enable-merkle=false", "--max-line-bytes", std::to_string(action.size())},
               action + "\n");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Json::parse(Lines(r.out).at(0))["decision"], "ALLOW");
}

TEST(NethicalCli, InvalidMaxLineBytesExits2NamingIt) {
  for (std::string bad : {"0", "-1", "abc", "1073741825", "\x1b[2J"}) {
    CliRun r = Nethical({"evaluate", "--max-line-bytes=" + bad});
    EXPECT_EQ(r.code, 2) << bad;
    EXPECT_NE(r.err.find("--max-line-bytes="), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("must be an integer in [1, 1073741824]"), std::string::npos) << r.err;
    ExpectSafeOneLine(r.err);
  }
}

TEST(NethicalCli, NeverEndingEnvFileExits2NamingTheLimit) {
  CliRun r = Nethical({"evaluate", "--env-file", "/dev/zero"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(
      r.err,
      "nethical evaluate: env file /dev/zero is longer than 1048576 bytes, the most an env file may hold\n");
}

TEST(NethicalCli, HostileFlagValueIsShownEscapedAndTruncated) {
  for (std::string value : {std::string("\x1b[2J"), "\x1b[2J" + std::string(1 << 20, '9')}) {
    CliRun r = Nethical({"evaluate", "--max-payload-bytes=" + value});
    EXPECT_EQ(r.code, 2);
    ExpectSafeOneLine(r.err);
  }
}

TEST(NethicalCli, HostileFlagNameIsShownEscapedAndTruncated) {
  for (std::string name : {std::string("\x1b[2J"), "\x1b[2J" + std::string(1 << 20, 'f')}) {
    CliRun r = Nethical({"evaluate", "--" + name + "=1"});
    EXPECT_EQ(r.code, 2);
    ExpectSafeOneLine(r.err);
    r = Nethical({"evaluate", name});
    EXPECT_EQ(r.code, 2);
    ExpectSafeOneLine(r.err);
  }
}

TEST(NethicalCli, HostileSetKeyIsShownEscapedAndTruncated) {
  CliRun r = Nethical({"evaluate", "--set", "NETHICAL_\x1b[2J" + std::string(1 << 20, 'k') + "=1"});
  EXPECT_EQ(r.code, 2);
  ExpectSafeOneLine(r.err);
}

TEST(NethicalCli, TiedOutputIsFlushedBeforeEachRead) {
  // Two actions; the tied stream is flushed after each verdict, before the
  // next line is read (a caller waiting for each answer gets it).
  std::istringstream in(std::string(kAction) + "\n" + kAction + "\n");
  std::ostringstream err;
  struct CountingBuf : std::stringbuf {
    int syncs = 0;
    int sync() override {
      ++syncs;
      return std::stringbuf::sync();
    }
  } counting;
  std::ostream out(&counting);
  in.tie(&out);
  EXPECT_EQ(NethicalWith({"evaluate", "--enable-merkle=false"}, in, out, err), 0) << err.str();
  EXPECT_GE(counting.syncs, 3);  // before lines 1, 2 and the end of input
}

// The binary itself, with the shell's redirections.
struct ShellRun {
  int code;
  std::string err;
};

// `pipe_in` (e.g. "printf 'x\\n' |") feeds stdin when not empty.
ShellRun RunBinary(const std::string& args_and_redirections, const std::string& pipe_in = "") {
  const std::string binary = std::string(std::getenv("TEST_SRCDIR")) + "/nethical_cpp/engine/cli/nethical";
  const std::string err_path = std::string(std::getenv("TEST_TMPDIR")) + "/binary_stderr.txt";
  std::string command = "cd \"$TEST_TMPDIR\" && " + pipe_in + " '" + binary + "' " + args_and_redirections +
                        " 2>'" + err_path + "'";
  int status = std::system(command.c_str());
  std::ifstream err_file(err_path);
  std::ostringstream err;
  err << err_file.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, err.str()};
}

TEST(NethicalBinary, DirectoryAsStdinExits1NamingTheReadError) {
  ShellRun r = RunBinary("evaluate --enable-merkle=false < \"$TEST_TMPDIR\"");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "nethical evaluate: cannot read the input: Is a directory\n");
  r = RunBinary("redact < \"$TEST_TMPDIR\"");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "redact: cannot read the input: Is a directory\n");
}

TEST(NethicalBinary, FullStdoutExits1NamingTheWriteError) {
  ShellRun r = RunBinary("evaluate --enable-merkle=false > /dev/full",
                         "printf '%s\\n' '" + std::string(kAction) + "' |");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "nethical evaluate: cannot write the output: No space left on device\n");
  r = RunBinary("redact > /dev/full", "echo 'mail a@corp.io' |");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "redact: cannot write the output: No space left on device\n");
}

TEST(NethicalBinary, NeverEndingEnvFileExits2) {
  ShellRun r = RunBinary("evaluate --env-file /dev/zero < /dev/null");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(
      r.err,
      "nethical evaluate: env file /dev/zero is longer than 1048576 bytes, the most an env file may hold\n");
}

TEST(FlagNameOfKey, SpellsKeyAsLowerCaseDashes) {
  EXPECT_EQ(FlagNameOfKey("NETHICAL_RISK_HALF_LIFE_HOURS"), "risk-half-life-hours");
}

}  // namespace
}  // namespace nethical::cli
