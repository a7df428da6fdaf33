#include "engine/cli/redact_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <cerrno>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/testing/failing_streams.h"

namespace nethical::redact {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct CommandRun {
  int code;
  std::string out;
  std::string err;
};

CommandRun RunWith(std::vector<std::string> args, const std::string& input) {
  args.insert(args.begin(), "redact");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  std::istringstream in(input);
  std::ostringstream out, err;
  int code = cli::RunRedactCommand(static_cast<int>(argv.size()), argv.data(), in, out, err);
  return {code, out.str(), err.str()};
}

int RunWithStreams(std::vector<std::string> args, std::istream& in, std::ostream& out, std::ostream& err) {
  args.insert(args.begin(), "redact");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  return cli::RunRedactCommand(static_cast<int>(argv.size()), argv.data(), in, out, err);
}

using ::nethical::testutil::FailingReadBuf;
using ::nethical::testutil::FailingWriteBuf;

std::string TempPath(const std::string& name) { return std::string(std::getenv("TEST_TMPDIR")) + "/" + name; }

// Writes `content` to a fresh file with `mode` (exactly, whatever the umask).
std::string WriteFileWithMode(const std::string& name, const std::string& content, mode_t mode) {
  std::string path = TempPath(name);
  std::remove(path.c_str());
  std::ofstream(path) << content;
  EXPECT_EQ(::chmod(path.c_str(), mode), 0);
  return path;
}

mode_t ModeOf(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

std::vector<nlohmann::json> JsonLines(const std::string& out) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

TEST(RedactCommand, RedactsTextLines) {
  CommandRun r = RunWith({"--policy", "standard"}, "mail a@corp.io\nnothing here\n");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "mail [REDACTED_EMAIL]\nnothing here\n");
}

TEST(RedactCommand, WritesFindingsWithByteOffsetsInJsonl) {
  CommandRun r = RunWith({"--policy=standard", "--format=jsonl"}, R"({"text": "é SSN 536-22-1234"})"
                                                                  "\n");
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<nlohmann::json> lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["redacted"], "é SSN [REDACTED_SSN]");
  ASSERT_EQ(lines[0]["findings"].size(), 1u);
  EXPECT_EQ(lines[0]["findings"][0]["type"], "SSN");
  EXPECT_EQ(lines[0]["findings"][0]["start"], 7);  // "é" is two bytes
  EXPECT_EQ(lines[0]["findings"][0]["end"], 18);
  EXPECT_GT(lines[0]["findings"][0]["confidence"].get<double>(), 0.9);
}

TEST(RedactCommand, ReportsMalformedLinesAndContinues) {
  CommandRun r = RunWith({"--format", "jsonl"},
                         "{\"text\": \"a@corp.io\"}\nnot json\n{\"txt\": 1}\n{\"text\": \"ok\"}\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("line 2"));
  EXPECT_THAT(r.err, HasSubstr("line 3"));
  std::vector<nlohmann::json> lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0]["redacted"], "[REDACTED_EMAIL]");
  EXPECT_EQ(lines[1]["line"], 2);
  EXPECT_TRUE(lines[1].contains("error"));
  EXPECT_EQ(lines[2]["line"], 3);
  EXPECT_EQ(lines[3]["redacted"], "ok");
}

TEST(RedactCommand, UtilityModeKeepsTheEmailDomain) {
  CommandRun r = RunWith({"--mode", "utility"}, "a@corp.io\n");
  EXPECT_EQ(r.out, "[REDACTED]@corp.io\n");
}

TEST(RedactCommand, TokenModeEmitsARestorableMapWithoutPrintingTheKey) {
  std::string key = "00112233445566778899aabbccddeeff";
  std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/cli.key";
  FILE* f = std::fopen(path.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs(key.c_str(), f);
  std::fclose(f);
  ASSERT_EQ(::chmod(path.c_str(), 0600), 0);  // a token key file must be private
  CommandRun r = RunWith({"--mode", "token", "--token-key-file", path, "--format", "jsonl", "--emit-tokens"},
                         R"({"text": "SSN 536-22-1234"})"
                         "\n");
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json line = JsonLines(r.out)[0];
  std::string redacted = line["redacted"];
  ASSERT_EQ(line["tokens"].size(), 1u);
  EXPECT_EQ(line["tokens"].begin().value(), "536-22-1234");
  EXPECT_THAT(redacted, HasSubstr(line["tokens"].begin().key()));
  EXPECT_THAT(r.out + r.err, Not(HasSubstr(key)));
}

TEST(RedactCommand, UnknownFlagIsAUsageError) {
  CommandRun r = RunWith({"--polcy", "standard"}, "");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown flag --polcy"));
}

TEST(RedactCommand, BadPolicyValueIsAUsageError) {
  CommandRun r = RunWith({"--policy", "paranoid"}, "");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("minimal, standard or aggressive"));
}

TEST(RedactCommand, TokenModeWithoutKeyIsAUsageError) {
  CommandRun r = RunWith({"--mode", "token"}, "");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("NETHICAL_TOKEN_KEY"));
}

TEST(RedactCommand, MissingFlagValueIsAUsageError) { EXPECT_EQ(RunWith({"--format"}, "").code, 2); }

TEST(RedactCommand, NonNumericMinConfidenceIsAUsageError) {
  EXPECT_EQ(RunWith({"--min-confidence", "high"}, "").code, 2);
}

TEST(RedactCommand, MinConfidenceOutsideZeroToOneIsAUsageErrorOfOneLine) {
  CommandRun r = RunWith({"--min-confidence=1.5"}, "");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "redact: --min-confidence=1.5: must be a number in [0, 1]\n");
}

TEST(RedactCommand, HelpListsEveryFlag) {
  CommandRun r = RunWith({"--help"}, "");
  EXPECT_EQ(r.code, 0);
  for (const char* flag : {"--policy", "--mode", "--format", "--min-confidence", "--token-key-file",
                           "--emit-tokens", "--max-line-bytes", "--create-token-key-file", "--help"})
    EXPECT_THAT(r.out, HasSubstr(flag)) << flag;
}

TEST(RedactCommand, ReadErrorIsReportedAndExits1) {
  FailingReadBuf failing("a@corp.io\n");
  std::istream in(&failing);
  std::ostringstream out, err;
  EXPECT_EQ(RunWithStreams({}, in, out, err), 1);
  EXPECT_EQ(out.str(), "[REDACTED_EMAIL]\n");
  EXPECT_EQ(err.str(), "redact: cannot read the input: Input/output error\n");
}

TEST(RedactCommand, DirectoryAsInputIsAReadError) {
  std::ifstream dir(std::getenv("TEST_TMPDIR"));
  std::ostringstream out, err;
  EXPECT_EQ(RunWithStreams({}, dir, out, err), 1);
  EXPECT_EQ(err.str(), "redact: cannot read the input: Is a directory\n");
}

TEST(RedactCommand, WriteErrorIsReportedAndExits1) {
  std::istringstream in("a@corp.io\nb@corp.io\n");
  FailingWriteBuf failing;
  std::ostream out(&failing);
  std::ostringstream err;
  EXPECT_EQ(RunWithStreams({"--format=text"}, in, out, err), 1);
  EXPECT_EQ(err.str(), "redact: cannot write the output: No space left on device\n");
}

TEST(RedactCommand, FullDiskAsOutputIsAWriteError) {
  std::istringstream in("a@corp.io\n");
  std::ofstream full("/dev/full");
  ASSERT_TRUE(full.is_open());
  std::ostringstream err;
  EXPECT_EQ(RunWithStreams({}, in, full, err), 1);
  EXPECT_EQ(err.str(), "redact: cannot write the output: No space left on device\n");
}

TEST(RedactCommand, LineLongerThanMaxLineBytesIsSkippedInTextMode) {
  CommandRun r = RunWith({"--max-line-bytes=16"}, std::string(17, 'x') + "\na@corp.io\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "[REDACTED_EMAIL]\n");  // nothing of the long line
  EXPECT_EQ(r.err, "redact: line 1: line is longer than --max-line-bytes=16; skipped\n");
}

TEST(RedactCommand, LineLongerThanMaxLineBytesGivesAnErrorObjectInJsonl) {
  CommandRun r =
      RunWith({"--format=jsonl", "--max-line-bytes", "24"}, R"({"text": "a@corp.io and more text"})"
                                                            "\n"
                                                            R"({"text": "b@corp.io"})"
                                                            "\n");
  EXPECT_EQ(r.code, 1);
  std::vector<nlohmann::json> lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["line"], 1);
  EXPECT_EQ(lines[0]["error"], "line is longer than --max-line-bytes=24; skipped");
  EXPECT_EQ(lines[1]["redacted"], "[REDACTED_EMAIL]");
}

TEST(RedactCommand, InvalidMaxLineBytesIsAUsageError) {
  for (std::string bad : {"0", "x", "1073741825"}) {
    CommandRun r = RunWith({"--max-line-bytes", bad}, "");
    EXPECT_EQ(r.code, 2) << bad;
    EXPECT_THAT(r.err, HasSubstr("--max-line-bytes=" + bad + ": must be an integer in [1, 1073741824]"));
  }
}

TEST(RedactCommand, HostileFlagValuesAreShownEscapedAndTruncated) {
  for (const std::string& value : {std::string("\x1b[2J"), "\x1b[2J" + std::string(1 << 20, 'v')}) {
    for (std::string flag : {"--policy", "--mode", "--format", "--min-confidence", "--max-line-bytes"}) {
      CommandRun r = RunWith({flag, value}, "");
      EXPECT_EQ(r.code, 2) << flag;
      std::string first_line = r.err.substr(0, r.err.find('\n'));
      EXPECT_LT(first_line.size(), 400u) << flag;
      EXPECT_THAT(r.err, Not(HasSubstr("\x1b"))) << flag;
    }
    CommandRun r = RunWith({"--" + value}, "");
    EXPECT_EQ(r.code, 2);
    EXPECT_THAT(r.err, Not(HasSubstr("\x1b")));
    EXPECT_LT(r.err.substr(0, r.err.find('\n')).size(), 400u);
  }
}

TEST(RedactCommand, TokenKeyFileReadableByOthersIsRefused) {
  std::string path = WriteFileWithMode("open.key", "00112233445566778899aabbccddeeff\n", 0644);
  CommandRun r = RunWith({"--mode", "token", "--token-key-file", path}, "");
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "redact: NETHICAL_TOKEN_KEY_FILE=" + path +
                ": mode 0644 lets group or others read or write the token key; it must be 0600 (chmod 600 " +
                path + ")\n");
}

TEST(RedactCommand, TokenKeyFileWritableByGroupIsRefused) {
  std::string path = WriteFileWithMode("group.key", "00112233445566778899aabbccddeeff\n", 0620);
  CommandRun r = RunWith({"--mode", "token", "--token-key-file", path}, "");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("mode 0620"));
  EXPECT_THAT(r.err, HasSubstr("chmod 600"));
}

TEST(RedactCommand, PrivateTokenKeyFileIsAccepted) {
  for (mode_t mode : {0600, 0400}) {
    std::string path = WriteFileWithMode("private.key", "00112233445566778899aabbccddeeff\n", mode);
    CommandRun r = RunWith({"--mode", "token", "--token-key-file", path}, "a@corp.io\n");
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("[EMAIL_"));
  }
}

TEST(RedactCommand, CreatedTokenKeyFileIsMode0600WhateverTheUmask) {
  for (mode_t mask : {0000, 0022, 0277}) {
    std::string path = TempPath("created.key");
    std::remove(path.c_str());
    mode_t old = ::umask(mask);
    CommandRun r = RunWith({"--create-token-key-file", path}, "");
    ::umask(old);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(ModeOf(path), 0600u) << "umask " << mask;
    // The key it wrote is usable, and never printed.
    CommandRun used = RunWith({"--mode", "token", "--token-key-file", path}, "a@corp.io\n");
    EXPECT_EQ(used.code, 0) << used.err;
    std::ifstream key_file(path);
    std::string key;
    key_file >> key;
    EXPECT_EQ(key.size(), 64u);
    EXPECT_THAT(r.out + r.err + used.out + used.err, Not(HasSubstr(key)));
  }
}

TEST(RedactCommand, CreatingATokenKeyFileNeverOverwritesOne) {
  std::string path = WriteFileWithMode("existing.key", "keep me\n", 0600);
  CommandRun r = RunWith({"--create-token-key-file", path}, "");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("already exists"));
  std::ifstream file(path);
  std::string content((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "keep me\n");
}

TEST(RedactCommand, OversizedTokenKeyFileIsRefusedWithoutEchoingIt) {
  std::string path = WriteFileWithMode("huge.key", std::string(5000, 'a'), 0600);
  CommandRun r = RunWith({"--mode", "token", "--token-key-file", path}, "");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("longer than 4096 bytes"));
  EXPECT_THAT(r.err, Not(HasSubstr("aaaa")));
}

TEST(RedactCommand, HostileTokenKeyFileNameIsShownEscaped) {
  CommandRun r = RunWith({"--mode", "token", "--token-key-file", "/nonexistent/\x1b[2J.key"}, "");
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, Not(HasSubstr("\x1b")));
  EXPECT_THAT(r.err, HasSubstr("\\x1b[2J"));
}

}  // namespace
}  // namespace nethical::redact
