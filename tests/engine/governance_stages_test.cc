// The engine's quarantine, residency, taxonomy, correlation and SLA stages
// (engine/governance_stages.h), driven through Engine::Evaluate with a fake
// clock: what each puts into the verdict and its JSON, what enforcement
// decides, and the counters in Engine::Stats().
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "engine/engine.h"
#include "engine/model/verdict_json.h"
#include "loadgen/workload.h"
#include "tests/engine/engine_fixture.h"

namespace nethical {
namespace {

using quarantine::QuarantineScope;
using taxonomy::Dimension;

class GovernanceStagesTest : public EngineFixture {
 protected:
  static Action In(std::string agent, std::string cohort, std::string text) {
    Action a = A(std::move(agent), std::move(text));
    a.cohort = std::move(cohort);
    return a;
  }
};

TEST_F(GovernanceStagesTest, QuarantineIsInformationalByDefault) {
  auto engine = Make(QuietConfig());
  ASSERT_TRUE(engine->quarantine_manager()->Quarantine(QuarantineScope::kAgent, "a", "manual review").ok());
  Verdict v = engine->Evaluate(A("a", "list open tickets"));
  ASSERT_TRUE(v.quarantine.has_value());
  EXPECT_TRUE(v.quarantine->quarantined);
  EXPECT_FALSE(v.quarantine->enforced);
  EXPECT_EQ(v.quarantine->reason, "manual review");
  EXPECT_EQ(v.decision, Decision::kAllow);
  EXPECT_TRUE(v.pii.has_value()) << "the later stages still ran";
}

TEST_F(GovernanceStagesTest, EnforcedQuarantineAnswersBeforeTheDetectors) {
  EngineConfig c = QuietConfig();
  c.quarantine.enforce = true;
  auto engine = Make(c);
  ASSERT_TRUE(engine->quarantine_manager()->Quarantine(QuarantineScope::kAgent, "a", "manual review").ok());
  Verdict v = engine->Evaluate(A("a", "my ssn is 536-22-1234"));
  EXPECT_EQ(v.decision, Decision::kQuarantine);
  EXPECT_TRUE(v.quarantine->enforced);
  EXPECT_FALSE(v.pii.has_value()) << "PII scan skipped";
  EXPECT_TRUE(v.violations.empty()) << "detectors skipped";
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.reasons[0], "agent a is quarantined: manual review");
  EXPECT_EQ(engine->Stats().quarantine->enforced, 1u);
}

TEST_F(GovernanceStagesTest, QuarantineEndsAfterItsDurationOnTheEngineClock) {
  EngineConfig c = QuietConfig();
  c.quarantine.enforce = true;
  auto engine = Make(c);
  ASSERT_TRUE(engine->quarantine_manager()->Quarantine(QuarantineScope::kAgent, "a", "r").ok());
  clock_.Advance(std::chrono::hours(24) - std::chrono::nanoseconds(1));
  EXPECT_EQ(engine->Evaluate(A("a", "list open tickets")).decision, Decision::kQuarantine);
  clock_.Advance(std::chrono::nanoseconds(1));
  Verdict v = engine->Evaluate(A("a", "list open tickets"));
  EXPECT_EQ(v.decision, Decision::kAllow);
  EXPECT_FALSE(v.quarantine->quarantined);
}

TEST_F(GovernanceStagesTest, ReleasedAgentIsEvaluatedAgain) {
  EngineConfig c = QuietConfig();
  c.quarantine.enforce = true;
  auto engine = Make(c);
  ASSERT_TRUE(engine->quarantine_manager()->Quarantine(QuarantineScope::kAgent, "a", "r").ok());
  EXPECT_TRUE(engine->quarantine_manager()->Release(QuarantineScope::kAgent, "a"));
  EXPECT_EQ(engine->Evaluate(A("a", "list open tickets")).decision, Decision::kAllow);
}

TEST_F(GovernanceStagesTest, CohortQuarantineCoversItsAgentsAndIsCountedPerCohort) {
  EngineConfig c = QuietConfig();
  c.quarantine.enforce = true;
  auto engine = Make(c);
  ASSERT_TRUE(engine->quarantine_manager()->Quarantine(QuarantineScope::kCohort, "beta", "drift").ok());
  EXPECT_EQ(engine->Evaluate(In("x", "beta", "list open tickets")).decision, Decision::kQuarantine);
  EXPECT_EQ(engine->Evaluate(In("y", "beta", "list open tickets")).decision, Decision::kQuarantine);
  EXPECT_EQ(engine->Evaluate(In("z", "alpha", "list open tickets")).decision, Decision::kAllow);
  QuarantineCounts q = *engine->Stats().quarantine;
  EXPECT_EQ(q.cohort_hits, 2u);
  EXPECT_EQ(q.agent_hits, 0u);
  EXPECT_EQ(q.by_cohort, (std::map<std::string, uint64_t>{{"beta", 2}}));
}

TEST_F(GovernanceStagesTest, TerminateQuarantinesTheAgentWhenSwitchedOn) {
  EngineConfig c = QuietConfig();
  c.quarantine.enforce = true;
  c.quarantine.on_terminate = true;
  auto engine = Make(c);
  Action privileged = A("a", "restart the service");
  privileged.context.is_privileged = true;
  EXPECT_EQ(engine->Evaluate(privileged).decision, Decision::kTerminate);
  Verdict next = engine->Evaluate(A("a", "list open tickets"));
  EXPECT_EQ(next.decision, Decision::kQuarantine);
  EXPECT_EQ(next.quarantine->reason, "automatic: the judge answered TERMINATE");
  EXPECT_EQ(engine->Stats().quarantine->auto_on_terminate, 1u);
}

TEST_F(GovernanceStagesTest, TerminateQuarantinesNothingByDefault) {
  auto engine = Make(QuietConfig());
  Action privileged = A("a", "restart the service");
  privileged.context.is_privileged = true;
  EXPECT_EQ(engine->Evaluate(privileged).decision, Decision::kTerminate);
  EXPECT_FALSE(engine->Evaluate(A("a", "list open tickets")).quarantine->quarantined);
}

TEST_F(GovernanceStagesTest, CriticalAnomalyQuarantinesTheAgentWhenSwitchedOn) {
  EngineConfig c = QuietConfig();
  c.anomaly.enabled = true;
  c.quarantine.on_critical_anomaly = true;
  auto engine = Make(c);
  bool alerted = false;
  for (int i = 0; i < 20 && !alerted; ++i) {
    Verdict v = engine->Evaluate(A("bot", "list open tickets"));
    alerted = v.anomaly && v.anomaly->severity == AlertSeverity::kCritical;
  }
  ASSERT_TRUE(alerted) << "one action type repeated must raise a critical behavioural alert";
  Verdict next = engine->Evaluate(A("bot", "list open tickets"));
  EXPECT_TRUE(next.quarantine->quarantined);
  EXPECT_EQ(next.quarantine->reason.rfind("automatic: critical behavioral anomaly", 0), 0u)
      << next.quarantine->reason;
  EXPECT_EQ(engine->Stats().quarantine->auto_on_anomaly, 1u);
}

TEST_F(GovernanceStagesTest, PrivacyViolationIsTaggedWithThePrivacyDimension) {
  auto engine = Make(QuietConfig());
  Verdict v = engine->Evaluate(A("a", "my ssn is 536-22-1234"));
  ASSERT_FALSE(v.violations.empty());
  ASSERT_TRUE(v.ethical_tags.has_value());
  EXPECT_GT(v.ethical_tags->score(Dimension::kPrivacy), 0.0);
  ASSERT_TRUE(v.ethical_tags->primary.has_value());
  EXPECT_EQ(*v.ethical_tags->primary, Dimension::kPrivacy);
  TaxonomyCounts t = *engine->Stats().taxonomy;
  EXPECT_EQ(t.tagged_actions, 1u);
  EXPECT_EQ(t.primary[static_cast<int>(Dimension::kPrivacy)], 1u);
}

TEST_F(GovernanceStagesTest, ActionWithoutViolationHasNoTags) {
  auto engine = Make(QuietConfig());
  EXPECT_FALSE(engine->Evaluate(A("a", "list open tickets")).ethical_tags.has_value());
  EXPECT_EQ(engine->Stats().taxonomy->tagged_actions, 0u);
}

TEST_F(GovernanceStagesTest, ContextFlagsAdjustTheTags) {
  auto engine = Make(QuietConfig());
  Action plain = A("a", "run sudo reboot");
  Action personal = plain;
  personal.context.personal_data = true;
  Verdict p = engine->Evaluate(plain);
  Verdict q = engine->Evaluate(personal);
  ASSERT_TRUE(p.ethical_tags && q.ethical_tags);
  EXPECT_NEAR(q.ethical_tags->score(Dimension::kPrivacy),
              std::min(1.0, p.ethical_tags->score(Dimension::kPrivacy) + 0.3), 1e-9);
}

TEST_F(GovernanceStagesTest, MissingTaxonomyFileFailsCreateNamingTheKey) {
  EngineConfig c = QuietConfig();
  c.taxonomy.file.path = ::testing::TempDir() + "/no_such_taxonomy.json";
  auto e = Engine::Create(c, clock_);
  ASSERT_FALSE(e.ok());
  EXPECT_NE(e.status().message().find("NETHICAL_TAXONOMY_PATH"), std::string::npos) << e.status().message();
}

TEST_F(GovernanceStagesTest, SlaMonitorCountsEveryEvaluation) {
  auto engine = Make(QuietConfig());
  for (int i = 0; i < 5; ++i) engine->Evaluate(A("a", "list open tickets"));
  engine->Evaluate(A("", "rejected input is not an evaluation"));
  sla::SlaReport r = *engine->Stats().sla;
  EXPECT_EQ(r.count, 5u);
  EXPECT_EQ(r.status, sla::SlaStatus::kOk);
}

TEST_F(GovernanceStagesTest, SlaMonitorOffLeavesItsFieldEmpty) {
  EngineConfig c = QuietConfig();
  c.sla.enabled = false;
  c.quarantine.enabled = false;
  c.taxonomy.enabled = false;
  EngineStats s = Make(c)->Stats();
  EXPECT_FALSE(s.sla.has_value());
  EXPECT_FALSE(s.quarantine.has_value());
  EXPECT_FALSE(s.taxonomy.has_value());
  EXPECT_FALSE(s.correlation.has_value());
  EXPECT_FALSE(s.residency.has_value());
}

TEST_F(GovernanceStagesTest, SamePayloadFromTwoAgentsIsACoordinatedAttack) {
  EngineConfig c = QuietConfig();
  c.correlation.enabled = true;
  auto engine = Make(c);
  EXPECT_TRUE(engine->Evaluate(A("a", "transfer the funds to account 7")).correlations.empty());
  clock_.Advance(std::chrono::seconds(10));
  Verdict v = engine->Evaluate(A("b", "transfer the funds to account 7"));
  ASSERT_EQ(v.correlations.size(), 1u);
  EXPECT_EQ(v.correlations[0].pattern, correlation::Pattern::kCoordinatedAttack);
  EXPECT_EQ(v.decision, Decision::kAllow) << "correlation informs only";
  EXPECT_EQ(engine->Stats().correlation->matches[static_cast<int>(correlation::Pattern::kCoordinatedAttack)],
            1u);
}

TEST_F(GovernanceStagesTest, TargetsFromThreeAgentsAreDistributedReconnaissance) {
  EngineConfig c = QuietConfig();
  c.correlation.enabled = true;
  auto engine = Make(c);
  bool found = false;
  for (int i = 0; i < 6 && !found; ++i) {
    Action a = A("agent-" + std::to_string(i % 3), "describe table number " + std::to_string(i));
    a.target = "table_" + std::to_string(i);
    clock_.Advance(std::chrono::seconds(1));
    for (const auto& m : engine->Evaluate(a).correlations)
      found |= m.pattern == correlation::Pattern::kDistributedReconnaissance;
  }
  EXPECT_TRUE(found);
}

// generate_load's default workload (violations spread evenly over 100
// agents, 13 % of the actions) is not a correlated attack.
TEST_F(GovernanceStagesTest, MixedWorkloadMatchesNoCorrelationPattern) {
  EngineConfig c = QuietConfig();
  c.correlation.enabled = true;
  auto engine = Make(c);
  loadgen::MixedWorkload mixed(loadgen::WorkloadOptions{});
  Action a;
  loadgen::ActionTruth truth;
  std::vector<uint64_t> seq(100, 0);
  uint64_t flagged = 0;
  for (uint64_t i = 0; i < 20'000; ++i) {  // 100 actions/s for 200 s
    const uint32_t agent = static_cast<uint32_t>(i % 100);
    mixed.Fill({.index = i,
                .agent = agent,
                .agent_seq = seq[agent]++,
                .intended_ns = static_cast<int64_t>(i) * 10'000'000},
               &a, &truth);
    Verdict v = engine->Evaluate(a);
    flagged += v.violation_detected();
    for (const auto& m : v.correlations)
      ADD_FAILURE() << "action " << i << ": " << correlation::PatternName(m.pattern) << ": " << m.description;
    if (!v.correlations.empty()) break;
    clock_.Advance(std::chrono::milliseconds(10));
  }
  EXPECT_GT(flagged, 1000u) << "the workload carries violations";
}

// Every stage on, four threads: the counters add up to what the verdicts
// showed (run under TSan: bazel test --config=tsan //tests/engine:governance_stages_test).
TEST_F(GovernanceStagesTest, StagesCountConsistentlyUnderFourThreads) {
  EngineConfig c = QuietConfig();
  c.region_id = "eu-west-1";
  c.residency.policy = "EU_GDPR";
  c.correlation.enabled = true;
  c.quarantine.enforce = true;
  c.quarantine.on_terminate = true;
  auto engine = Make(c);
  ASSERT_TRUE(engine->quarantine_manager()->Quarantine(QuarantineScope::kCohort, "held", "test").ok());
  constexpr int kThreads = 4, kPerThread = 500;
  std::vector<std::array<uint64_t, 3>> seen(kThreads);  // quarantined, non-compliant, tagged
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Action a = In("t" + std::to_string(t) + "-" + std::to_string(i % 7), i % 5 == 0 ? "held" : "free",
                      i % 3 == 0 ? "my ssn is 536-22-1234" : "list open tickets");
        if (i % 4 == 0) a.region_id = "us-east-1";
        Verdict v = engine->Evaluate(a);
        seen[t][0] += v.quarantine && v.quarantine->quarantined;
        seen[t][1] += v.data_residency && !v.data_residency->compliant;
        seen[t][2] += v.ethical_tags.has_value();
      }
    });
  for (auto& th : threads) th.join();
  uint64_t quarantined = 0, non_compliant = 0, tagged = 0;
  for (const auto& s : seen) quarantined += s[0], non_compliant += s[1], tagged += s[2];
  EngineStats s = engine->Stats();
  EXPECT_EQ(s.quarantine->agent_hits + s.quarantine->cohort_hits, quarantined);
  EXPECT_EQ(s.quarantine->by_cohort.at("held"), quarantined);
  EXPECT_EQ(s.residency->checks, uint64_t{kThreads * kPerThread});
  EXPECT_EQ(s.residency->non_compliant, non_compliant);
  EXPECT_EQ(s.taxonomy->tagged_actions, tagged);
  EXPECT_EQ(s.sla->count, uint64_t{kThreads * kPerThread});
  EXPECT_EQ(s.correlation->actions, uint64_t{kThreads * kPerThread} - quarantined);
}

TEST_F(GovernanceStagesTest, ResidencyCompliantInTheEngineRegion) {
  EngineConfig c = QuietConfig();
  c.region_id = "eu-west-1";
  c.residency.policy = "EU_GDPR";
  auto engine = Make(c);
  Verdict v = engine->Evaluate(A("a", "list open tickets"));
  ASSERT_TRUE(v.data_residency.has_value());
  EXPECT_TRUE(v.data_residency->compliant);
  EXPECT_EQ(v.data_residency->region, "eu-west-1");
}

TEST_F(GovernanceStagesTest, CrossBorderUnderGdprIsReportedButNotBlockedByDefault) {
  EngineConfig c = QuietConfig();
  c.region_id = "eu-west-1";
  c.residency.policy = "EU_GDPR";
  auto engine = Make(c);
  Action a = A("a", "list open tickets");
  a.region_id = "us-east-1";
  Verdict v = engine->Evaluate(a);
  EXPECT_FALSE(v.data_residency->compliant);
  EXPECT_EQ(v.decision, Decision::kAllow);
  ResidencyCounts r = *engine->Stats().residency;
  EXPECT_EQ(r.policy, "EU_GDPR");
  EXPECT_EQ(r.checks, 1u);
  EXPECT_EQ(r.non_compliant, 1u);
  EXPECT_EQ(r.blocked, 0u);
}

TEST_F(GovernanceStagesTest, EnforcedResidencyBlocksACrossBorderActionWithTheReason) {
  EngineConfig c = QuietConfig();
  c.region_id = "eu-west-1";
  c.residency.policy = "EU_GDPR";
  c.residency.enforce = true;
  auto engine = Make(c);
  Action a = A("a", "list open tickets");
  a.region_id = "us-east-1";
  Verdict v = engine->Evaluate(a);
  EXPECT_EQ(v.decision, Decision::kBlock);
  ASSERT_EQ(v.reasons.size(), 1u);
  EXPECT_EQ(v.reasons[0], v.data_residency->violation);
  EXPECT_NE(v.reasons[0].find("us-east-1"), std::string::npos) << v.reasons[0];
  EXPECT_FALSE(v.pii.has_value()) << "blocked before the PII scan";
  EXPECT_EQ(engine->Stats().residency->blocked, 1u);
}

TEST_F(GovernanceStagesTest, AllowedRegionIsCompliantUnderGdpr) {
  EngineConfig c = QuietConfig();
  c.region_id = "eu-west-1";
  c.residency.policy = "EU_GDPR";
  c.residency.allowed_regions = "eu-central-1, eu-north-1";
  c.residency.enforce = true;
  Action a = A("a", "list open tickets");
  a.region_id = "eu-north-1";
  EXPECT_TRUE(Make(c)->Evaluate(a).data_residency->compliant);
}

TEST_F(GovernanceStagesTest, VerdictJsonCarriesEachStagesFields) {
  EngineConfig c = QuietConfig();
  c.region_id = "eu-west-1";
  c.residency.policy = "EU_GDPR";
  c.correlation.enabled = true;
  auto engine = Make(c);
  std::string json = VerdictToJson(engine->Evaluate(A("a", "my ssn is 536-22-1234")));
  for (const char* field :
       {"\"data_residency\":{\"compliant\":true,\"region_id\":\"eu-west-1\",\"policy\":"
        "\"EU_GDPR\",\"violations\":[]}",
        "\"correlations\":[]", "\"quarantined\":false", "\"quarantine_reason\":null",
        "\"ethical_tags\":{\"primary_dimension\":\"privacy\",\"dimensions\":{\"privacy\":"})
    EXPECT_NE(json.find(field), std::string::npos) << field << "\n" << json;
}

}  // namespace
}  // namespace nethical
