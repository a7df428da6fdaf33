// End-to-end: two generate_load processes sharing their agents' risk through
// a Redis server the test starts (the RedisTest fixture), in real time.
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "engine/risk/agent_risk_codec.h"
#include "engine/risk/redis_risk.h"
#include "gtest/gtest.h"
#include "tests/loadgen/generate_load_process.h"
#include "tests/testing/redis_test.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::json;

class SharedRiskE2eTest : public testing::RedisTest {};

std::vector<std::string> Args(const std::string& name, const std::string& redis, const std::string& seed,
                              const std::string& rps = "200", const std::string& duration = "3") {
  std::vector<std::string> args = {"--agents", "20", "--rps",          rps,   "--duration",   duration,
                                   "--seed",   seed, "--shared-state", redis, "--shared-risk"};
  const std::vector<std::string> files = RunFileArgs(name);
  args.insert(args.end(), files.begin(), files.end());
  return args;
}

// Two processes evaluate the same 20 agents at once, 600 actions each: the
// state Redis holds has every action of both, none lost to a concurrent
// update, and each process applied the other's updates it had not seen.
TEST_F(SharedRiskE2eTest, TwoProcessesUpdatingTheSameAgentsLoseNoUpdate) {
  Process a, b;
  a.Start("risk_a", Args("risk_a", redis().url(), "1"));
  b.Start("risk_b", Args("risk_b", redis().url(), "2"));
  ASSERT_NE(a.Wait(), 2) << a.err();
  ASSERT_NE(b.Wait(), 2) << b.err();
  uint64_t completed = 0;
  for (const char* name : {"risk_a", "risk_b"}) {
    const Json j = Json::parse(ReadFile(TmpPath(std::string(name) + ".json")));
    const Json& shared = j["engine_stats"]["shared_risk"];
    EXPECT_EQ(j["counts"]["completed"], 600) << name;
    EXPECT_EQ(shared["updates"], j["counts"]["completed"]) << name << shared.dump();
    EXPECT_EQ(shared["errors"], 0) << name;
    EXPECT_GT(shared["replayed"].get<uint64_t>(), 0u) << name << ": the runs did not overlap";
    completed += j["counts"]["completed"].get<uint64_t>();
  }
  StatusOr<shared_state::RedisReply> keys = Command({"KEYS", "nethical:risk:agent:*"});
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(keys->elements.size(), 20u);
  uint64_t actions = 0;
  for (const shared_state::RedisReply& key : keys->elements) {
    // An agent's actions: those in its snapshot, plus the updates logged after it.
    StatusOr<shared_state::RedisReply> snapshot = Command({"GET", key.text});
    const std::string agent = key.text.substr(key.text.rfind(':') + 1);
    StatusOr<shared_state::RedisReply> logged = Command({"LLEN", risk::RedisRiskLogKey(agent)});
    ASSERT_TRUE(snapshot.ok() && logged.ok());
    const std::string& text = snapshot->text;  // "<era> <version> <state>"
    const std::string state = text.substr(text.find(' ', text.find(' ') + 1) + 1);
    risk::AgentRisk s;
    if (!state.empty()) {
      ASSERT_TRUE(risk::DecodeAgentRisk(state, &s)) << text;
    }
    actions += s.actions + static_cast<uint64_t>(logged->integer);
  }
  EXPECT_EQ(actions, completed);
}

// The server is killed mid-run: the run completes with every action in the
// CSV, the open policy computed the risk of what Redis could not store, and
// the summary and the console count it.
TEST_F(SharedRiskE2eTest, RedisKilledMidRunComputesRiskLocallyAndLosesNoAction) {
  Process p;
  p.Start("risk_killed", Args("risk_killed", redis().url(), "1", "100", "4"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  redis().Kill();
  const int rc = p.Wait();
  EXPECT_EQ(rc, 0) << p.out() << p.err();
  const Json j = Json::parse(ReadFile(TmpPath("risk_killed.json")));
  const Json& shared = j["engine_stats"]["shared_risk"];
  EXPECT_EQ(j["counts"]["completed"], 400);
  EXPECT_EQ(CsvRows(TmpPath("risk_killed.csv")), 400u);
  EXPECT_GT(shared["errors"].get<uint64_t>(), 0u) << shared.dump();
  EXPECT_EQ(shared["local_fallbacks"], shared["errors"]);
  EXPECT_EQ(shared["updates"].get<uint64_t>() + shared["errors"].get<uint64_t>(), 400u);
  EXPECT_NE(p.out().find("Shared Risk (Redis): " + std::to_string(shared["updates"].get<uint64_t>()) +
                         " updates, "),
            std::string::npos)
      << p.out();
}

}  // namespace
}  // namespace nethical::loadgen
