#include "engine/cli/shadow_command.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/cli/nethical_main.h"
#include "engine/shadow/shadow_model.h"
#include "tests/shadow/temp_dir.h"

namespace nethical::cli {
namespace {

struct CommandRun {
  int code;
  std::string out;
  std::string err;
};

CommandRun Nethical(std::vector<std::string> args) {
  args.insert(args.begin(), "nethical");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  std::istringstream in;
  std::ostringstream out, err;
  const int code = RunNethical(static_cast<int>(argv.size()), argv.data(), in, out, err);
  return {code, out.str(), err.str()};
}

std::string Write(const std::string& dir, const std::string& name, const std::string& text) {
  const std::string path = dir + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// A verdict line of `nethical evaluate` (abridged) and a shadow log line.
std::string VerdictLine(const char* label, double vc, double sev) {
  return std::string(R"({"decision":"X","phase567":{"shadow":{"ml_risk_score":0.1,)") +
         R"("rule_classification":")" + label + R"(","features":{"violation_count":)" + std::to_string(vc) +
         R"(,"severity_max":)" + std::to_string(sev) +
         R"(,"recency":1,"frequency":0.0625,"context_risk":0}},"blended":null}})";
}
std::string LogLine(const char* label, double vc, double sev) {
  return std::string(R"({"prediction_id":"shadow_1_0","rule_classification":")") + label +
         R"(","features":{"violation_count":)" + std::to_string(vc) + R"(,"severity_max":)" +
         std::to_string(sev) + "}}";
}

TEST(ShadowCommandTest, TrainsFromVerdictsAndLogLinesAWeightsFileTheModelLoads) {
  const std::string dir = nethical::testing::MakeTempDir();
  std::string text;
  for (int i = 0; i < 20; ++i) {
    text += VerdictLine("deny", 0.34, 0.8) + "\n";
    text += LogLine("pass", 0, 0) + "\n";
    text += VerdictLine("warn", 0.34, 0.4) + "\n";
  }
  text += R"({"line":7,"error":"not an action"})"
          "\n\n";
  text += R"({"phase567":{"shadow":null}})"
          "\n";
  const std::string input = Write(dir, "verdicts.jsonl", text);
  const std::string output = dir + "/weights.model";
  const CommandRun r = Nethical({"shadow", "train", "--input", input, "--out=" + output});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("trained on 60 examples (20 deny, 2 lines skipped)"), std::string::npos) << r.out;
  auto model = shadow::LogisticModel::Load(output);
  ASSERT_TRUE(model.ok()) << model.status().message();
  shadow::ShadowInput deny;
  deny.violation_count = 0.34;
  deny.severity_max = 0.8;
  deny.recency = 1;
  deny.frequency = 0.0625;
  EXPECT_GE(model->Score(deny).score, 0.7);
  EXPECT_FALSE(std::filesystem::exists(output + ".tmp"));
}

TEST(ShadowCommandTest, MissingInputFlagExitsTwoNamingIt) {
  const CommandRun r = Nethical({"shadow", "train", "--out", "w.model"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--input is required"), std::string::npos) << r.err;
}

TEST(ShadowCommandTest, BadEpochsExitsTwoNamingFlagAndValue) {
  const CommandRun r = Nethical({"shadow", "train", "--input", "a", "--out", "b", "--epochs", "ten"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--epochs=ten: must be an integer in [1, 1000000]"), std::string::npos) << r.err;
}

TEST(ShadowCommandTest, UnknownActionExitsTwo) {
  const CommandRun r = Nethical({"shadow", "fit"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown action 'fit'"), std::string::npos) << r.err;
}

TEST(ShadowCommandTest, UnreadableInputExitsOne) {
  const std::string dir = nethical::testing::MakeTempDir();
  const CommandRun r = Nethical({"shadow", "train", "--input", dir + "/absent.jsonl", "--out", dir + "/w"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("cannot open --input"), std::string::npos) << r.err;
}

TEST(ShadowCommandTest, NonJsonLineExitsOneNamingFileAndLine) {
  const std::string dir = nethical::testing::MakeTempDir();
  const std::string input = Write(dir, "v.jsonl", VerdictLine("deny", 1, 1) + "\n{oops\n");
  const CommandRun r = Nethical({"shadow", "train", "--input", input, "--out", dir + "/w"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("v.jsonl:2: not a JSON value"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/w"));
}

TEST(ShadowCommandTest, NonNumericFeatureExitsOne) {
  const std::string dir = nethical::testing::MakeTempDir();
  const std::string input = Write(dir, "v.jsonl",
                                  R"({"rule_classification":"deny","features":{"recency":"high"}})"
                                  "\n");
  const CommandRun r = Nethical({"shadow", "train", "--input", input, "--out", dir + "/w"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("v.jsonl:1: feature 'recency' is not a number"), std::string::npos) << r.err;
}

TEST(ShadowCommandTest, InputWithoutExamplesExitsOne) {
  const std::string dir = nethical::testing::MakeTempDir();
  const std::string input = Write(dir, "v.jsonl",
                                  R"({"phase567":{"shadow":null}})"
                                  "\n");
  const CommandRun r = Nethical({"shadow", "train", "--input", input, "--out", dir + "/w"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no line holds a shadow prediction"), std::string::npos) << r.err;
}

TEST(ShadowCommandTest, UnwritableOutputExitsOne) {
  const std::string dir = nethical::testing::MakeTempDir();
  const std::string input = Write(dir, "v.jsonl", VerdictLine("deny", 1, 1) + "\n");
  const CommandRun r = Nethical({"shadow", "train", "--input", input, "--out", dir + "/no/such/dir/w"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace nethical::cli
