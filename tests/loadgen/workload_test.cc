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

bool Contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

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
    ASSERT_EQ(x.Feature("ml_score"), y.Feature("ml_score"));
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
    for (const PiiSnippet& s : kPiiSnippets) pii += Contains(t, s.text);
    for (const TriggerSnippet& s : kTriggerSnippets) trigger += Contains(t, s.text);
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
    ASSERT_TRUE(a.Feature("ml_score").has_value());
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kActionTypeCount));
}

// --- Ground truth (action_truth.h) ---

TEST(MixedWorkloadTruthTest, PiiSpansPointAtTheValuesPutIntoTheText) {
  WorkloadOptions o;
  o.seed = 5;
  MixedWorkload w(o);
  int with_pii = 0;
  for (int j = 0; j < MixedWorkload::kCorpusSize; ++j) {
    const std::string& text = w.corpus()[j];
    const ActionTruth& t = w.corpus_truth()[j];
    ASSERT_TRUE(t.known);
    const PiiSnippet* snippet = nullptr;
    for (const PiiSnippet& s : kPiiSnippets)
      if (Contains(text, s.text)) snippet = &s;
    if (snippet == nullptr) {
      EXPECT_EQ(t.pii_span_count, 0) << text;
      continue;
    }
    ++with_pii;
    ASSERT_EQ(t.pii_span_count, 1) << text;
    EXPECT_EQ(t.pii_spans[0].type, snippet->type);
    EXPECT_EQ(text.substr(t.pii_spans[0].start, t.pii_spans[0].end - t.pii_spans[0].start), snippet->value);
    EXPECT_EQ(t.pii_types, 1u << static_cast<int>(snippet->type));
    EXPECT_EQ(t.category, ViolationCategory::kPrivacy);
  }
  EXPECT_EQ(with_pii, std::lround(MixedWorkload::kCorpusSize * 0.10));
}

TEST(MixedWorkloadTruthTest, TriggerTextsCarryTheirSnippetsCategoryAndCleanTextsNone) {
  MixedWorkload w(WorkloadOptions{});
  int triggers = 0, clean = 0;
  for (int j = 0; j < MixedWorkload::kCorpusSize; ++j) {
    const std::string& text = w.corpus()[j];
    const ActionTruth& t = w.corpus_truth()[j];
    const TriggerSnippet* snippet = nullptr;
    for (const TriggerSnippet& s : kTriggerSnippets)
      if (Contains(text, s.text)) snippet = &s;
    if (snippet != nullptr) {
      ++triggers;
      EXPECT_EQ(t.category, snippet->category) << text;
      EXPECT_EQ(t.also, snippet->also) << text;
      const uint32_t also = snippet->also == ViolationCategory::kNone ? 0 : CategoryBit(snippet->also);
      EXPECT_EQ(t.ExpectedCategories(), CategoryBit(snippet->category) | also);
    } else if (t.pii_span_count == 0) {
      ++clean;
      EXPECT_EQ(t.category, ViolationCategory::kNone) << text;
      EXPECT_EQ(t.ExpectedCategories(), 0u);
    }
  }
  EXPECT_EQ(triggers, std::lround(MixedWorkload::kCorpusSize * 0.05));
  EXPECT_GT(clean, 0);
}

TEST(MixedWorkloadTruthTest, FillCopiesTheTruthOfTheTextItChose) {
  MixedWorkload w(WorkloadOptions{});
  Action a;
  ActionTruth t;
  for (uint64_t n = 0; n < 500; ++n) {
    w.Fill(SendFor(n % 10, n / 10), &a, &t);
    const std::string chosen = a.text.substr(0, a.text.size() - 15);  // less " trace 1234abcd"
    int j = 0;
    while (j < MixedWorkload::kCorpusSize && w.corpus()[j] != chosen) ++j;
    ASSERT_LT(j, MixedWorkload::kCorpusSize);
    const ActionTruth& want = w.corpus_truth()[j];
    ASSERT_EQ(t.category, want.category);
    ASSERT_EQ(t.pii_span_count, want.pii_span_count);
    if (t.pii_span_count) {
      ASSERT_EQ(t.pii_spans[0].start, want.pii_spans[0].start);
    }
    ASSERT_EQ(t.anomaly, AnomalyKind::kNone);
  }
}

TEST(MixedWorkloadTruthTest, PiiTestSuffixAddsAnEmailSpanAtItsValue) {
  WorkloadOptions o;
  o.include_pii_test = true;
  MixedWorkload w(o);
  Action a;
  ActionTruth t;
  w.Fill(SendFor(3, 10), &a, &t);
  ASSERT_GE(t.pii_span_count, 1);
  const PiiSpan& s = t.pii_spans[t.pii_span_count - 1];
  EXPECT_EQ(s.type, PiiType::kEmail);
  EXPECT_EQ(a.text.substr(s.start, s.end - s.start), "test.user+load@example.invalid");
  EXPECT_NE(t.ExpectedCategories() & CategoryBit(ViolationCategory::kPrivacy), 0u);
}

TEST(MixedWorkloadTruthTest, MlScoreFollowsTheTextAndTheRuleViewIsLeftToTheEngine) {
  MixedWorkload w(WorkloadOptions{});
  Action a;
  ActionTruth t;
  for (uint64_t n = 0; n < 3000; ++n) {
    w.Fill(SendFor(n % 10, n / 10), &a, &t);
    ASSERT_FALSE(a.rule_risk_score.has_value());
    ASSERT_FALSE(a.rule_classification.has_value());
    const double ml = *a.Feature("ml_score");
    if (t.category == ViolationCategory::kNone)
      ASSERT_LT(ml, 0.3);
    else if (t.category == ViolationCategory::kPrivacy)
      ASSERT_TRUE(ml >= 0.3 && ml < 0.7) << ml;
    else
      ASSERT_GE(ml, 0.6);
  }
}

TEST(SeedCompatWorkloadTruthTest, TruthIsCleanExceptTheAppendedEmail) {
  WorkloadOptions o;
  o.include_pii_test = true;
  SeedCompatWorkload w(o);
  Action a;
  ActionTruth t;
  w.Fill(SendFor(0, 21), &a, &t);
  EXPECT_TRUE(t.known);
  EXPECT_EQ(t.ExpectedCategories(), 0u);
  EXPECT_EQ(t.pii_span_count, 0);
  w.Fill(SendFor(0, 20), &a, &t);
  ASSERT_EQ(t.pii_span_count, 1);
  EXPECT_EQ(a.text.substr(t.pii_spans[0].start, t.pii_spans[0].end - t.pii_spans[0].start),
            "test.user+load@example.invalid");
  EXPECT_EQ(t.ExpectedCategories(), CategoryBit(ViolationCategory::kPrivacy));
}

TEST(ReplayWorkloadTruthTest, ReplayedActionsHaveNoTruth) {
  Action one;
  one.agent_id = "x";
  one.text = "My SSN is 078-05-1120";
  ReplayWorkload w({one});
  Action a;
  ActionTruth t;
  t.known = true;
  w.Fill(SendFor(0, 0), &a, &t);
  EXPECT_FALSE(t.known);
}

// --- Injected anomalies in the workload ---

PlannedSend SendAt(uint32_t agent, uint64_t seq, double t_s) {
  PlannedSend s = SendFor(agent, seq);
  s.intended_ns = std::llround(t_s * 1e9);
  return s;
}

TEST(MixedWorkloadAnomalyTest, SequenceSwitchCyclesRareTypesOnlyInsideItsWindow) {
  WorkloadOptions o;
  o.anomalies = {{AnomalyKind::kSequenceSwitch, 4, 10'000'000'000, 20'000'000'000}};
  MixedWorkload w(o);
  Action a;
  ActionTruth t;
  const ActionType cycle[] = {ActionType::kModelUpdate, ActionType::kSystemCommand};
  for (uint64_t n = 0; n < 30; ++n) {
    w.Fill(SendAt(4, n, 10.0 + n * 0.3), &a, &t);
    EXPECT_EQ(a.type, cycle[n % 2]);
    EXPECT_EQ(t.anomaly, AnomalyKind::kSequenceSwitch);
    EXPECT_EQ(t.anomaly_index, 0);
    EXPECT_EQ(t.anomaly_onset_ns, 10'000'000'000);
  }
  w.Fill(SendAt(4, 40, 20.0), &a, &t);  // end is exclusive
  EXPECT_EQ(t.anomaly, AnomalyKind::kNone);
  w.Fill(SendAt(4, 1, 9.999), &a, &t);
  EXPECT_EQ(t.anomaly, AnomalyKind::kNone);
  w.Fill(SendAt(5, 3, 15.0), &a, &t);  // another agent
  EXPECT_EQ(t.anomaly, AnomalyKind::kNone);
}

TEST(MixedWorkloadAnomalyTest, CoordinatedAgentsSendOneSharedPayloadOnlyInsideTheEpisode) {
  WorkloadOptions o;
  o.seed = 11;
  InjectedAnomaly c{.kind = AnomalyKind::kCoordinatedPayload,
                    .agent = 2,
                    .onset_ns = 10'000'000'000,
                    .end_ns = 16'000'000'000};
  c.group = {2, 7, 9};
  c.group_size = 3;
  o.anomalies = {{AnomalyKind::kSequenceSwitch, 4, 0, 30'000'000'000}, c};
  MixedWorkload w(o);
  Action a;
  ActionTruth t;
  w.Fill(SendAt(2, 0, 10.0), &a, &t);
  const std::string shared = a.text;
  const ActionTruth shared_truth = t;
  EXPECT_EQ(t.anomaly, AnomalyKind::kCoordinatedPayload);
  EXPECT_EQ(t.anomaly_index, 1);
  EXPECT_EQ(t.anomaly_onset_ns, 10'000'000'000);
  for (uint32_t agent : {2u, 7u, 9u}) {
    for (uint64_t n = 1; n < 20; ++n) {
      w.Fill(SendAt(agent, n, 10.0 + n * 0.3), &a, &t);
      EXPECT_EQ(a.text, shared) << "agent " << agent << " action " << n;
      EXPECT_EQ(t.anomaly, AnomalyKind::kCoordinatedPayload);
      EXPECT_EQ(t.category, shared_truth.category);  // the truth of the shared text
    }
    w.Fill(SendAt(agent, 30, 16.0), &a, &t);  // end is exclusive
    EXPECT_NE(a.text, shared);
    EXPECT_EQ(t.anomaly, AnomalyKind::kNone);
  }
  w.Fill(SendAt(5, 3, 12.0), &a, &t);  // not in the group
  EXPECT_NE(a.text, shared);
  EXPECT_EQ(t.anomaly, AnomalyKind::kNone);
  // Another seed, another payload.
  o.seed = 12;
  MixedWorkload other(o);
  other.Fill(SendAt(2, 0, 10.0), &a, &t);
  EXPECT_NE(a.text, shared);
}

TEST(MixedWorkloadAnomalyTest, CohortDriftShiftsEveryAgentsTypesFromItsOnset) {
  WorkloadOptions o;
  o.anomalies = {{AnomalyKind::kCohortDrift, 0, 30'000'000'000, INT64_MAX}};
  MixedWorkload w(o);
  Action a;
  ActionTruth t;
  int before_rare = 0, after_rare = 0;
  for (uint64_t n = 0; n < 2000; ++n) {
    w.Fill(SendAt(n % 50, n / 50, 29.0), &a, &t);
    EXPECT_EQ(t.anomaly, AnomalyKind::kNone);
    before_rare += a.type == ActionType::kSystemCommand || a.type == ActionType::kModelUpdate;
    w.Fill(SendAt(n % 50, n / 50, 31.0), &a, &t);
    EXPECT_EQ(t.anomaly, AnomalyKind::kCohortDrift);
    after_rare += a.type == ActionType::kSystemCommand || a.type == ActionType::kModelUpdate;
  }
  // 6 % of the benign mix, 70 % of the drifted one.
  EXPECT_LT(before_rare, 2000 * 0.10);
  EXPECT_GT(after_rare, 2000 * 0.60);
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
