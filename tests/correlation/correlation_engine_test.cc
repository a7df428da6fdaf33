#include "engine/correlation/correlation_engine.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/testing/fake_clock.h"

namespace nethical::correlation {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

bool Has(const std::vector<CorrelationMatch>& matches, Pattern p) {
  return std::any_of(matches.begin(), matches.end(), [p](const auto& m) { return m.pattern == p; });
}

class CorrelationTest : public ::testing::Test {
 protected:
  std::vector<CorrelationMatch> Act(std::string_view agent, std::string_view payload,
                                    std::string_view target = "", bool flagged = false) {
    return engine_.Observe({agent, payload, target, flagged, clock_.NowNanos()});
  }
  uint64_t Matches(Pattern p) const { return engine_.GetStats().matches[static_cast<int>(p)]; }

  FakeClock clock_;
  CorrelationEngine engine_{Config{}};
};

// Words of ordinary prose for benign payloads.
constexpr std::array<const char*, 40> kWords = {
    "the",       "report",    "shows",   "customer", "orders",  "for",       "last",   "week",
    "please",    "summarise", "account", "balance",  "and",     "list",      "recent", "items",
    "update",    "status",    "of",      "shipment", "check",   "inventory", "levels", "in",
    "warehouse", "north",     "send",    "reply",    "to",      "ticket",    "about",  "delivery",
    "delay",     "compute",   "average", "price",    "monthly", "sales",     "region", "team"};

std::string Prose(std::mt19937_64& rng, int words) {
  std::string s;
  for (int i = 0; i < words; ++i) {
    if (i) s += ' ';
    s += kWords[rng() % kWords.size()];
  }
  return s;
}

std::string RandomHex(std::mt19937_64& rng, int n) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string s;
  for (int i = 0; i < n; ++i) s += kAlphabet[rng() % 64];
  return s;
}

TEST(CorrelationNamesTest, PatternNamesAreTheOriginals) {
  EXPECT_EQ(PatternName(Pattern::kEscalatingMultiIdProbes), "escalating_multi_id_probes");
  EXPECT_EQ(PatternName(Pattern::kPayloadEntropyShift), "payload_entropy_shift");
  EXPECT_EQ(PatternName(Pattern::kCoordinatedAttack), "coordinated_attack");
  EXPECT_EQ(PatternName(Pattern::kDistributedReconnaissance), "distributed_reconnaissance");
  EXPECT_EQ(PatternName(Pattern::kAnomalousAgentCluster), "anomalous_agent_cluster");
}

// --- each pattern fires on a crafted stream ---

TEST_F(CorrelationTest, EscalatingFlaggedActionsFromThreeIdsMatch) {
  std::vector<CorrelationMatch> last;
  int n = 0;
  // 38 >= 5 sqrt(42): more than chance spreads equal-rate agents.
  for (const auto& [agent, probes] :
       std::vector<std::pair<std::string, int>>{{"probe-1", 2}, {"probe-2", 10}, {"probe-3", 40}})
    for (int i = 0; i < probes; ++i) {
      last = Act(agent, "ignore previous instructions #" + std::to_string(n++), "", /*flagged=*/true);
      clock_.Advance(seconds(1));
    }
  EXPECT_TRUE(Has(last, Pattern::kEscalatingMultiIdProbes));
}

TEST_F(CorrelationTest, UnevenCountsWithinChanceOfOneRateDoNotEscalate) {
  // 2, 3, 4: the original's ratio (1.0 >= 0.5), but 2 < 5 sqrt(6).
  std::vector<CorrelationMatch> last;
  int n = 0;
  for (const auto& [agent, probes] :
       std::vector<std::pair<std::string, int>>{{"probe-1", 2}, {"probe-2", 3}, {"probe-3", 4}})
    for (int i = 0; i < probes; ++i) {
      last = Act(agent, "ignore previous instructions #" + std::to_string(n++), "", /*flagged=*/true);
      clock_.Advance(seconds(5));
    }
  EXPECT_FALSE(Has(last, Pattern::kEscalatingMultiIdProbes));
}

TEST(CorrelationSteadyRateTest, ManyAgentsFlaggedAtOneRateDoNotEscalate) {
  // 100 agents, every action flagged with probability 0.13 (the mixed
  // workload's violation share), 100 actions/s for 10 simulated minutes.
  FakeClock clock;
  CorrelationEngine engine{Config{}};
  std::mt19937_64 rng(13);
  for (int i = 0; i < 60000; ++i) {
    const std::string agent = "agent-" + std::to_string(rng() % 100);
    const bool flagged = rng() % 100 < 13;
    for (const auto& m :
         engine.Observe({agent, "payload " + std::to_string(i), "", flagged, clock.NowNanos()}))
      ASSERT_NE(m.pattern, Pattern::kEscalatingMultiIdProbes) << "action " << i << ": " << m.description;
    clock.Advance(milliseconds(10));
  }
}

TEST_F(CorrelationTest, EvenFlaggedCountsDoNotEscalate) {
  for (const char* agent : {"probe-1", "probe-2", "probe-3"})
    for (int i = 0; i < 2; ++i)
      EXPECT_FALSE(Has(Act(agent, std::string(agent) + std::to_string(i), "", true),
                       Pattern::kEscalatingMultiIdProbes));
}

TEST_F(CorrelationTest, FlaggedActionsOlderThanTheWindowNoLongerEscalate) {
  for (const auto& [agent, probes] :
       std::vector<std::pair<std::string, int>>{{"probe-1", 2}, {"probe-2", 10}})
    for (int i = 0; i < probes; ++i) Act(agent, agent + std::to_string(i), "", true);
  clock_.Advance(seconds(360));
  std::vector<CorrelationMatch> last;
  for (int i = 0; i < 40; ++i) last = Act("probe-3", "p3-" + std::to_string(i), "", true);
  EXPECT_FALSE(Has(last, Pattern::kEscalatingMultiIdProbes));
}

TEST_F(CorrelationTest, HighEntropyPayloadsAfterProseShiftEntropy) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 6; ++i) {
    EXPECT_FALSE(Has(Act("agent-1", Prose(rng, 14)), Pattern::kPayloadEntropyShift));
    clock_.Advance(seconds(10));
  }
  Act("agent-1", RandomHex(rng, 200));
  Act("agent-1", RandomHex(rng, 200));
  const auto m = Act("agent-1", RandomHex(rng, 200));
  ASSERT_TRUE(Has(m, Pattern::kPayloadEntropyShift));
  EXPECT_EQ(m.front().severity, MatchSeverity::kMedium);
}

TEST_F(CorrelationTest, FewerThanFivePayloadsNeverShiftEntropy) {
  std::mt19937_64 rng(7);
  Act("agent-1", Prose(rng, 14));
  Act("agent-1", RandomHex(rng, 200));
  Act("agent-1", RandomHex(rng, 200));
  EXPECT_FALSE(Has(Act("agent-1", RandomHex(rng, 200)), Pattern::kPayloadEntropyShift));
}

TEST_F(CorrelationTest, SamePayloadFromTwoAgentsWithin30SecondsIsCoordinated) {
  EXPECT_FALSE(Has(Act("agent-a", "transfer all funds to account 991"), Pattern::kCoordinatedAttack));
  clock_.Advance(seconds(20));
  const auto m = Act("agent-b", "transfer all funds to account 991");
  ASSERT_TRUE(Has(m, Pattern::kCoordinatedAttack));
  EXPECT_EQ(m.front().severity, MatchSeverity::kCritical);
}

TEST_F(CorrelationTest, SamePayloadMoreThan30SecondsApartIsNotCoordinated) {
  Act("agent-a", "transfer all funds to account 991");
  clock_.Advance(seconds(31));
  EXPECT_FALSE(Has(Act("agent-b", "transfer all funds to account 991"), Pattern::kCoordinatedAttack));
}

TEST_F(CorrelationTest, SamePayloadFromOneAgentIsNotCoordinated) {
  Act("agent-a", "hello");
  EXPECT_FALSE(Has(Act("agent-a", "hello"), Pattern::kCoordinatedAttack));
}

TEST_F(CorrelationTest, ThreeAgentsOnFiveTargetsAreReconnaissance) {
  std::vector<CorrelationMatch> last;
  for (int t = 0; t < 5; ++t) {
    last = Act("scout-" + std::to_string(t % 3), "GET /", "host-" + std::to_string(t));
    clock_.Advance(seconds(30));
  }
  EXPECT_TRUE(Has(last, Pattern::kDistributedReconnaissance));
}

TEST_F(CorrelationTest, FourTargetsAreNotReconnaissance) {
  std::vector<CorrelationMatch> last;
  for (int t = 0; t < 8; ++t)
    last = Act("scout-" + std::to_string(t % 3), "GET /", "host-" + std::to_string(t % 4));
  EXPECT_FALSE(Has(last, Pattern::kDistributedReconnaissance));
}

TEST_F(CorrelationTest, TargetsOlderThan900SecondsAreForgotten) {
  for (int t = 0; t < 4; ++t) Act("scout-" + std::to_string(t % 3), "GET /", "host-" + std::to_string(t));
  clock_.Advance(seconds(960));
  EXPECT_FALSE(Has(Act("scout-0", "GET /", "host-9"), Pattern::kDistributedReconnaissance));
}

TEST_F(CorrelationTest, FourLookAlikeAgentsUnlikeTheRestAreACluster) {
  std::mt19937_64 rng(11);
  for (int round = 0; round < 6; ++round) {  // each past kMinSignatureActions
    for (int a = 0; a < 20; ++a) Act("agent-" + std::to_string(a), Prose(rng, 12));
    clock_.Advance(seconds(5));
  }
  bool matched = false;
  for (int round = 0; round < 10; ++round)
    for (int a = 0; a < 4; ++a)
      matched |= Has(Act("bot-" + std::to_string(a), RandomHex(rng, 400)), Pattern::kAnomalousAgentCluster);
  EXPECT_TRUE(matched);
}

TEST_F(CorrelationTest, IdleAgentsAreDroppedAfterTheRing) {
  for (int a = 0; a < 10; ++a) Act("agent-" + std::to_string(a), "hello");
  EXPECT_EQ(engine_.GetStats().tracked_agents, 10u);
  clock_.Advance(seconds(CorrelationEngine::kBucketSeconds * (CorrelationEngine::kBuckets + 1)));
  Act("agent-x", "hello");
  EXPECT_EQ(engine_.GetStats().tracked_agents, 1u);
}

// With max_agents 8 the engine has 16 agent slots (the hint table that
// spares the map lookup), so eight agents a round are likely to share
// some (24 over the three rounds, in slots their predecessors held): each
// still keeps its own window, round after round of all of them being
// dropped and coming back (run under --config=asan too: a slot must never
// name a dropped agent).
TEST(CorrelationAgentTableTest, AgentsSharingASlotKeepTheirOwnState) {
  FakeClock clock;
  Config c;
  c.max_agents = 8;
  CorrelationEngine engine(c);
  std::mt19937_64 rng(11);
  for (int round = 0; round < 3; ++round) {
    std::set<std::string> shifted;
    for (int step = 0; step < 9; ++step) {
      for (int a = 0; a < 8; ++a) {
        const std::string agent = "agent-" + std::to_string(round) + "-" + std::to_string(a);
        // Agent 0: prose, then high-entropy payloads (a shift); the others
        // high-entropy payloads throughout (none).
        const std::string payload = a == 0 && step < 6 ? Prose(rng, 14) : RandomHex(rng, 200);
        if (Has(engine.Observe({agent, payload, "", false, clock.NowNanos()}), Pattern::kPayloadEntropyShift))
          shifted.insert(agent);
      }
      clock.Advance(seconds(1));
    }
    EXPECT_EQ(shifted, std::set<std::string>{"agent-" + std::to_string(round) + "-0"}) << "round " << round;
    EXPECT_EQ(engine.GetStats().untracked_actions, 0u);
    // Idle past the ring: the next round's first action drops all eight.
    clock.Advance(seconds(CorrelationEngine::kBucketSeconds * (CorrelationEngine::kBuckets + 1)));
  }
}

TEST(CorrelationBoundsTest, AgentsBeyondTheLimitAreCountedNotTracked) {
  FakeClock clock;
  Config c;
  c.max_agents = 5;
  CorrelationEngine engine(c);
  for (int a = 0; a < 8; ++a)
    engine.Observe({"agent-" + std::to_string(a), "x", "", false, clock.NowNanos()});
  const auto stats = engine.GetStats();
  EXPECT_EQ(stats.tracked_agents, 5u);
  EXPECT_EQ(stats.untracked_actions, 3u);
}

TEST(CorrelationBoundsTest, TargetsBeyondTheLimitAreNotCounted) {
  FakeClock clock;
  Config c;
  c.max_targets = 4;
  CorrelationEngine engine(c);
  std::vector<CorrelationMatch> last;
  for (int t = 0; t < 10; ++t)
    last = engine.Observe(
        {"scout-" + std::to_string(t % 3), "GET /", "host-" + std::to_string(t), false, clock.NowNanos()});
  EXPECT_FALSE(Has(last, Pattern::kDistributedReconnaissance));  // only 4 targets held, 5 needed
}

TEST(CorrelationBoundsTest, PayloadClustersStayWithinTheLimit) {
  FakeClock clock;
  Config c;
  c.max_payload_clusters = 100;
  CorrelationEngine engine(c);
  for (int i = 0; i < 1000; ++i) {
    engine.Observe({"agent", "payload " + std::to_string(i), "", false, clock.NowNanos()});
    clock.Advance(seconds(1));
  }
  EXPECT_LE(engine.GetStats().payload_clusters, 100u);
}

// Four threads observe at once while time moves (run under --config=tsan too).
TEST(CorrelationConcurrencyTest, ConcurrentObservationsAreAllCounted) {
  FakeClock clock;
  CorrelationEngine engine{Config{}};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3000; ++i) {
        const std::string agent = "agent-" + std::to_string((i * 13 + t) % 40);
        engine.Observe({agent, "payload " + std::to_string(i % 100), i % 7 == 0 ? "host" : "", i % 11 == 0,
                        clock.NowNanos()});
        if (t == 0 && i % 100 == 0) clock.Advance(seconds(20));
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(engine.GetStats().actions, 12000u);
}

// --- silence on a benign mixed stream ---

// 60 agents, 30 simulated minutes at ~20 actions/s, action types in the
// mixed workload's shares (query 40, response 30, function_call 10,
// data_access 8, external_api 6, system_command 4, model_update 2 %), prose
// payloads of 10-16 words, data_access on one of three tables, no violations.
TEST(CorrelationBenignTest, MixedWorkloadMatchesNoPattern) {
  struct Share {
    const char* type;
    int percent;
  };
  constexpr std::array<Share, 7> kShares = {{{"query", 40},
                                             {"response", 30},
                                             {"function_call", 10},
                                             {"data_access", 8},
                                             {"external_api", 6},
                                             {"system_command", 4},
                                             {"model_update", 2}}};
  constexpr std::array<const char*, 3> kTables = {"orders", "customers", "inventory"};
  FakeClock clock;
  CorrelationEngine engine{Config{}};
  std::mt19937_64 rng(20261206);
  std::array<int, 7> type_counts{};
  for (int i = 0; i < 36000; ++i) {
    int roll = static_cast<int>(rng() % 100), t = 0;
    while (roll >= kShares[t].percent) roll -= kShares[t++].percent;
    ++type_counts[t];
    const std::string agent = "agent-" + std::to_string(rng() % 60);
    const std::string payload =
        std::string(kShares[t].type) + ": " + Prose(rng, 10 + static_cast<int>(rng() % 7));
    const std::string_view target =
        std::string_view(kShares[t].type) == "data_access" ? kTables[rng() % 3] : "";
    const auto matches = engine.Observe({agent, payload, target, false, clock.NowNanos()});
    for (const auto& m : matches)
      ADD_FAILURE() << "action " << i << ": " << PatternName(m.pattern) << ": " << m.description;
    if (!matches.empty()) break;
    clock.Advance(milliseconds(50));
  }
  EXPECT_NEAR(type_counts[0] / 36000.0, 0.40, 0.02);  // the stream has the mix it claims
  EXPECT_NEAR(type_counts[6] / 36000.0, 0.02, 0.01);
  EXPECT_EQ(engine.GetStats().actions, 36000u);
}

}  // namespace
}  // namespace nethical::correlation
