// make_training_set's command line: the one flag parser's errors (one line,
// exit 2), its output (one JSONL action per line, a pure function of the
// flags) and a write error (exit 1).
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/run_tool.h"

namespace nethical::shadow {
namespace {

using testutil::ToolRun;

ToolRun MakeTrainingSet(const std::vector<std::string>& args, SubprocessOptions options = {}) {
  return testutil::RunTool("engine/shadow/make_training_set", args, std::move(options));
}

TEST(MakeTrainingSetTest, WritesOneActionPerLineRoundRobinOverTheAgents) {
  const ToolRun r = MakeTrainingSet({"--actions", "3", "--agents=2", "--seed", "7"});
  ASSERT_EQ(r.status, 0) << r.err;
  std::vector<nlohmann::json> lines;
  size_t start = 0;
  for (size_t nl; (nl = r.out.find('\n', start)) != std::string::npos; start = nl + 1)
    lines.push_back(nlohmann::json::parse(r.out.substr(start, nl - start)));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["agent_id"], lines[2]["agent_id"]);
  EXPECT_NE(lines[0]["agent_id"], lines[1]["agent_id"]);
  EXPECT_FALSE(lines[1]["text"].get<std::string>().empty());
}

TEST(MakeTrainingSetTest, TheSameFlagsWriteTheSameBytes) {
  EXPECT_EQ(MakeTrainingSet({"--actions", "5", "--seed", "3"}).out,
            MakeTrainingSet({"--seed=3", "--actions=5"}).out);
}

TEST(MakeTrainingSetTest, AValueOutOfRangeIsOneLineNamingFlagValueAndRange) {
  const ToolRun r = MakeTrainingSet({"--agents", "0"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "make_training_set: --agents=0: must be an integer in [1, 1000000]\n");
  EXPECT_EQ(r.out, "");
}

TEST(MakeTrainingSetTest, AnUnknownFlagSuggestsTheClosestOne) {
  const ToolRun r = MakeTrainingSet({"--action=5"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "make_training_set: unknown flag --action; did you mean --actions? (see --help)\n");
}

TEST(MakeTrainingSetTest, AMissingValueNamesWhatIsAllowed) {
  const ToolRun r = MakeTrainingSet({"--seed"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "make_training_set: --seed: missing value (must be an integer in [0, 2^64))\n");
}

TEST(MakeTrainingSetTest, HelpListsEveryFlag) {
  const ToolRun r = MakeTrainingSet({"--help"});
  EXPECT_EQ(r.status, 0);
  for (const char* flag : {"--seed N", "--agents N", "--actions N", "--help"})
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
}

TEST(MakeTrainingSetTest, AWriteErrorExits1) {
  const ToolRun r = MakeTrainingSet({"--actions", "100000"}, {.stdout_path = "/dev/full"});
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("make_training_set: write to stdout failed"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace nethical::shadow
