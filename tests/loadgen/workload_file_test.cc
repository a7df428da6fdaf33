#include "loadgen/workload_file.h"

#include <cstdlib>
#include <fstream>

#include "gtest/gtest.h"

namespace nethical::loadgen {
namespace {

std::string Write(const std::string& name, const std::string& content) {
  const std::string path = std::string(std::getenv("TEST_TMPDIR")) + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(WorkloadFileTest, ReplaysActionsInOrderAndSkipsBlankLines) {
  const std::string path = Write("a.jsonl",
                                 "{\"agent_id\":\"a1\",\"text\":\"first\",\"action_type\":\"query\"}\r\n"
                                 "\n"
                                 "{\"agent_id\":\"a2\",\"text\":\"second\"}\n");
  auto w = LoadWorkloadFile(path);
  ASSERT_TRUE(w.ok()) << w.status().message();
  Action a;
  PlannedSend s;
  (*w)->Fill(s, &a);
  EXPECT_EQ(a.agent_id, "a1");
  EXPECT_EQ(a.text, "first");
  EXPECT_EQ(a.action_id, "a1_action_0");
  s.index = 1;
  (*w)->Fill(s, &a);
  EXPECT_EQ(a.text, "second");
  s.index = 2;
  (*w)->Fill(s, &a);
  EXPECT_EQ(a.text, "first");
}

TEST(WorkloadFileTest, MalformedLineIsAnErrorNamingFileAndLine) {
  const std::string path = Write("bad.jsonl", "{\"agent_id\":\"a1\",\"text\":\"ok\"}\n{\"text\": 3}\n");
  auto w = LoadWorkloadFile(path);
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("bad.jsonl:2: "), std::string::npos) << w.status().message();
}

TEST(WorkloadFileTest, EmptyFileIsAnError) {
  auto w = LoadWorkloadFile(Write("empty.jsonl", "\n\n"));
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("no actions"), std::string::npos);
}

TEST(WorkloadFileTest, MissingFileIsAnError) {
  auto w = LoadWorkloadFile("/nonexistent/actions.jsonl");
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("/nonexistent/actions.jsonl"), std::string::npos);
}

}  // namespace
}  // namespace nethical::loadgen
