// End-to-end: generate_load with every stage of the original on (anomaly,
// blend, Merkle, shadow, standard privacy, quarantine, taxonomy, SLA,
// correlation, residency) prints each stage's block, writes each stage's
// JSON figures and exits 0.
#include <nlohmann/json.hpp>
#include <string>

#include "gtest/gtest.h"
#include "tests/loadgen/generate_load_process.h"

namespace nethical::loadgen {
namespace {

using Json = nlohmann::json;

TEST(GovernanceStagesE2eTest, EveryStageOnPrintsEachBlockAndExitsZero) {
  const std::string json = TmpPath("all_stages.json");
  Process p;
  const int rc = RunToEnd("all_stages",
                          {"--anomaly",
                           "--ml-blend",
                           "--merkle",
                           "--shadow",
                           "--privacy-mode",
                           "standard",
                           "--quarantine",
                           "--taxonomy",
                           "--sla",
                           "--correlation",
                           "--data-residency-policy",
                           "EU_GDPR",
                           "--region-id",
                           "eu-west-1",
                           "--rps",
                           "200",
                           "--duration",
                           "1",
                           "--seed",
                           "1",
                           "--storage-dir",
                           TmpPath("all_stages_store"),
                           "--no-output",
                           "--json-summary",
                           json,
                           "--no-progress"},
                          &p);
  ASSERT_EQ(rc, 0) << p.out() << p.err();
  EXPECT_EQ(p.err().find("not available yet"), std::string::npos) << p.err();
  for (const char* block :
       {"Quarantine (held agents and cohorts; not the judge's QUARANTINE decisions):", "Ethical Taxonomy (",
        "Correlation (informational; actions that matched each pattern):", "Data Residency (EU_GDPR):",
        "Engine SLA (", "SLO Compliance:"})
    EXPECT_NE(p.out().find(block), std::string::npos) << block << "\n" << p.out();
  EXPECT_LT(p.out().find("Engine SLA ("), p.out().find("SLO Compliance:"))
      << "the SLA verdict sits above the SLO's";
  const Json j = Json::parse(ReadFile(json));
  const Json& stats = j["engine_stats"];
  for (const char* key : {"quarantine", "ethical_taxonomy", "correlation", "data_residency", "sla"})
    EXPECT_TRUE(stats.contains(key)) << key << "\n" << stats.dump(2);
  EXPECT_EQ(stats["data_residency"]["checks"], j["counts"]["completed"]);
  EXPECT_GT(stats["ethical_taxonomy"]["tagged_actions"].get<int>(), 0);
  EXPECT_EQ(j["slo"]["engine_sla"]["latency_basis"], "engine_evaluation_time");
}

TEST(GovernanceStagesE2eTest, StagesSwitchedOffHaveNoBlock) {
  Process p;
  const int rc =
      RunToEnd("no_stages",
               {"--no-quarantine", "--no-taxonomy", "--no-sla", "--rps", "100", "--duration", "0.5",
                "--storage-dir", TmpPath("no_stages_store"), "--no-output", "--no-progress"},
               &p);
  ASSERT_EQ(rc, 0) << p.out() << p.err();
  for (const char* block :
       {"Quarantine (", "Ethical Taxonomy (", "Correlation (", "Data Residency (", "Engine SLA ("})
    EXPECT_EQ(p.out().find(block), std::string::npos) << block;
}

TEST(GovernanceStagesE2eTest, UnknownResidencyPolicyExitsTwoNamingTheKey) {
  Process p;
  const int rc = RunToEnd("bad_policy",
                          {"--data-residency-policy", "MARS", "--region-id", "eu-west-1", "--duration", "0.5",
                           "--storage-dir", TmpPath("bad_policy_store"), "--no-output", "--no-progress"},
                          &p);
  EXPECT_EQ(rc, 2) << p.out() << p.err();
  EXPECT_NE(p.err().find("NETHICAL_DATA_RESIDENCY_POLICY=MARS"), std::string::npos) << p.err();
}

}  // namespace
}  // namespace nethical::loadgen
