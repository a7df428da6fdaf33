#include "engine/redact/redact_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

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
  int code = RunRedactCommand(static_cast<int>(argv.size()), argv.data(), in, out, err);
  return {code, out.str(), err.str()};
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
  CommandRun r = RunWith({"--policy=standard", "--format=jsonl"}, R"({"text": "é SSN 536-22-1234"})" "\n");
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
  CommandRun r = RunWith({"--format", "jsonl"}, "{\"text\": \"a@corp.io\"}\nnot json\n{\"txt\": 1}\n{\"text\": \"ok\"}\n");
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
  CommandRun r = RunWith({"--mode", "token", "--token-key-file", path, "--format", "jsonl", "--emit-tokens"},
                  R"({"text": "SSN 536-22-1234"})" "\n");
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

TEST(RedactCommand, MissingFlagValueIsAUsageError) {
  EXPECT_EQ(RunWith({"--format"}, "").code, 2);
}

TEST(RedactCommand, NonNumericMinConfidenceIsAUsageError) {
  EXPECT_EQ(RunWith({"--min-confidence", "high"}, "").code, 2);
}

}  // namespace
}  // namespace nethical::redact
