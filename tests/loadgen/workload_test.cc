#include "loadgen/workload.h"

#include <cmath>
#include <regex>
#include <set>

#include "gtest/gtest.h"
#include "loadgen/workload_texts.h"

namespace nethical::loadgen {
namespace {

PlannedSend SendFor(uint32_t agent, uint64_t seq) {
  PlannedSend s;
  s.agent = agent;
  s.agent_seq = seq;
  s.index = seq * 1000 + agent;
  return s;
}

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(SeedCompatWorkloadTest, ReproducesTheOriginalsActionsExactly) {
  SeedCompatWorkload w(WorkloadOptions{});
  Action a;
  w.Fill(SendFor(7, 0), &a);
  EXPECT_EQ(a.agent_id, "agent_0007");
  EXPECT_EQ(a.action_id, "agent_0007_action_0");
  EXPECT_EQ(a.text, "User request processing");
  EXPECT_EQ(a.type, ActionType::kResponse);
  EXPECT_EQ(a.cohort, "load-test");
  EXPECT_EQ(a.Feature("ml_score"), 0.3);
  EXPECT_EQ(a.rule_risk_score, 0.5);
  EXPECT_EQ(a.rule_classification, RuleClass::kWarn);
  w.Fill(SendFor(12345, 13), &a);
  EXPECT_EQ(a.agent_id, "agent_12345");
  EXPECT_EQ(a.action_id, "agent_12345_action_13");
  EXPECT_EQ(a.text, "Content generation");
  EXPECT_EQ(a.Feature("ml_score"), 0.1);
  EXPECT_EQ(a.rule_risk_score, 0.2);
  EXPECT_EQ(a.rule_classification, RuleClass::kPass);
}

TEST(SeedCompatWorkloadTest, PiiTestAppendsTheEmailToEveryTenthAction) {
  WorkloadOptions o;
  o.include_pii_test = true;
  SeedCompatWorkload w(o);
  Action a;
  w.Fill(SendFor(0, 20), &a);
  EXPECT_EQ(a.text, "User request processing Contact: test.user+load@example.invalid");
  w.Fill(SendFor(0, 21), &a);
  EXPECT_EQ(a.text, "Database query execution");
}

TEST(MixedWorkloadTest, SameSeedSameActions) {
  WorkloadOptions o;
  o.seed = 99;
  MixedWorkload a(o), b(o);
  Action x, y;
  for (uint64_t n = 0; n < 200; ++n) {
    a.Fill(SendFor(n % 7, n), &x);
    b.Fill(SendFor(n % 7, n), &y);
    ASSERT_EQ(x.text, y.text);
    ASSERT_EQ(x.type, y.type);
    ASSERT_EQ(x.rule_risk_score, y.rule_risk_score);
  }
}

TEST(MixedWorkloadTest, DifferentSeedsGiveDifferentCorpora) {
  WorkloadOptions o;
  o.seed = 1;
  MixedWorkload a(o);
  o.seed = 2;
  MixedWorkload b(o);
  EXPECT_NE(a.corpus(), b.corpus());
}

TEST(MixedWorkloadTest, CorpusHasTheConfiguredPiiAndTriggerShares) {
  MixedWorkload w(WorkloadOptions{});  // 10% PII, 5% triggers
  int pii = 0, trigger = 0;
  for (const std::string& t : w.corpus()) {
    for (auto s : kPiiSnippets) pii += Contains(t, s);
    for (auto s : kTriggerSnippets) trigger += Contains(t, s);
  }
  EXPECT_EQ(pii, std::lround(MixedWorkload::kCorpusSize * 0.10));
  EXPECT_EQ(trigger, std::lround(MixedWorkload::kCorpusSize * 0.05));
}

TEST(MixedWorkloadTest, TextLengthsSpanTensOfBytesToKilobytes) {
  MixedWorkload w(WorkloadOptions{});
  size_t shortest = SIZE_MAX, longest = 0;
  for (const std::string& t : w.corpus()) {
    shortest = std::min(shortest, t.size());
    longest = std::max(longest, t.size());
  }
  EXPECT_LT(shortest, 100u);
  EXPECT_GT(longest, 2048u);
  EXPECT_LT(longest, 4096u + 256u);
}

TEST(MixedWorkloadTest, EveryActionEndsInItsOwnTraceToken) {
  MixedWorkload w(WorkloadOptions{});
  Action a, b;
  w.Fill(SendFor(1, 0), &a);
  w.Fill(SendFor(1, 1), &b);
  const std::regex token(".* trace [0-9a-f]{8}$");
  EXPECT_TRUE(std::regex_match(a.text, token)) << a.text;
  EXPECT_TRUE(std::regex_match(b.text, token)) << b.text;
  EXPECT_NE(a.text.substr(a.text.size() - 8), b.text.substr(b.text.size() - 8));
}

TEST(MixedWorkloadTest, MixesActionTypes) {
  MixedWorkload w(WorkloadOptions{});
  std::set<ActionType> seen;
  Action a;
  for (uint64_t n = 0; n < 2000; ++n) {
    w.Fill(SendFor(n % 10, n / 10), &a);
    seen.insert(a.type);
    ASSERT_TRUE(a.rule_risk_score.has_value());
    ASSERT_TRUE(a.Feature("ml_score").has_value());
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kActionTypeCount));
}

TEST(ReplayWorkloadTest, CyclesThroughActionsAndFillsMissingIds) {
  Action first;
  first.text = "one";
  Action second;
  second.text = "two";
  second.agent_id = "fixed";
  ReplayWorkload w({first, second});
  Action a;
  w.Fill(SendFor(3, 0), &a);  // index 3 -> actions[1]
  EXPECT_EQ(a.text, "two");
  EXPECT_EQ(a.agent_id, "fixed");
  EXPECT_EQ(a.action_id, "fixed_action_0");
  PlannedSend s = SendFor(3, 1);
  s.index = 4;
  w.Fill(s, &a);
  EXPECT_EQ(a.text, "one");
  EXPECT_EQ(a.agent_id, "agent_0003");
}

TEST(WorkloadCohortsTest, SyntheticWorkloadsHaveTheOneConfiguredCohort) {
  WorkloadOptions o;
  o.cohort = "fleet";
  EXPECT_EQ(MixedWorkload(o).Cohorts(), std::vector<std::string>{"fleet"});
  EXPECT_EQ(SeedCompatWorkload(o).Cohorts(), std::vector<std::string>{"fleet"});
}

TEST(WorkloadCohortsTest, ReplayListsDistinctCohortsInFirstSeenOrder) {
  Action a, b, c;
  a.cohort = "x";
  b.cohort = "y";
  c.cohort = "x";
  EXPECT_EQ(ReplayWorkload({a, b, c}).Cohorts(), (std::vector<std::string>{"x", "y"}));
}

TEST(WorkloadCohortsTest, ReplayCohortListIsBoundedWithAnOtherSlot) {
  std::vector<Action> actions(200);
  for (size_t i = 0; i < actions.size(); ++i) actions[i].cohort = "c" + std::to_string(i);
  const std::vector<std::string> cohorts = ReplayWorkload(actions).Cohorts();
  ASSERT_EQ(cohorts.size(), kMaxCohorts);
  EXPECT_EQ(cohorts.back(), kOtherCohort);
}

}  // namespace
}  // namespace nethical::loadgen
