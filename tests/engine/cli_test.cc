#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/cli/config_flags.h"
#include "engine/cli/nethical_main.h"

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
  CliRun r = Nethical({"evaluate"}, "not json\n\n"
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

TEST(NethicalCli, UnknownFlagExits2NamingIt) {
  CliRun r = Nethical({"evaluate", "--frobnicate=1"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "nethical evaluate: unknown flag --frobnicate\n");
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

TEST(FlagNameOfKey, SpellsKeyAsLowerCaseDashes) {
  EXPECT_EQ(FlagNameOfKey("NETHICAL_RISK_HALF_LIFE_HOURS"), "risk-half-life-hours");
}

}  // namespace
}  // namespace nethical::cli
