// Shadow-prediction and blended-decision log records shaped like those of a
// generate_load run, for what measures the log writers' formatting
// (bench/shadow_bench.cc, tests/regression/log_lines_workload.cc): ids as
// the mixed workload names agents and actions, scores that differ from
// record to record (a default run's rule risk took 83k distinct values in
// 200k lines) and features from the few dozen values a run gives them (40
// in those lines: counts in thirds, severities, decays in sixteenths, a
// few context risks). Deterministic for a seed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

#include "engine/shadow/blended_log.h"
#include "engine/shadow/risk_blender.h"
#include "engine/shadow/shadow_log_record.h"

namespace nethical::testing {

// A uniform double in [0, 1) from a 64-bit LCG state.
inline double LogRecordUnit(uint64_t* state) {
  *state = *state * 6364136223846793005ull + 1442695040888963407ull;
  return static_cast<double>(*state >> 11) / 9007199254740992.0;
}

// n records of a run over 1,000 agents (agent_0123, agent_0123_action_45),
// 5 µs apart, each then filled in by fill(record).
template <typename Record, typename Fill>
std::vector<Record> RunRecords(size_t n, Fill fill) {
  std::vector<Record> records(n);
  for (size_t i = 0; i < n; ++i) {
    Record& r = records[i];
    r.wall_nanos = 1'765'000'000'123'456'789 + static_cast<int64_t>(i) * 5'000;
    r.agent_id = "agent_" + std::to_string(10000 + i % 1000).substr(1);
    r.action_id = r.agent_id + "_action_" + std::to_string(i / 1000);
    fill(r);
  }
  return records;
}

// A class for a risk: warn from 0.4, deny from 0.7 (any fixed rule serves
// the formatting).
inline RuleClass LogRecordClass(double risk) {
  return risk >= 0.7 ? RuleClass::kDeny : risk >= 0.4 ? RuleClass::kWarn : RuleClass::kPass;
}

inline std::vector<shadow::ShadowLogRecord> ShadowLogRecordsLikeARun(size_t n, uint64_t seed) {
  static constexpr double kFeatureValues[] = {0,
                                              1.0 / 3,
                                              2.0 / 3,
                                              1,
                                              0.3,
                                              0.6,
                                              0.9,
                                              0.0625,
                                              0.125,
                                              0.1875,
                                              0.25,
                                              0.5,
                                              0.75,
                                              0.9375,
                                              0.17525773195876282,
                                              0.19191919191919193};
  return RunRecords<shadow::ShadowLogRecord>(n, [&](shadow::ShadowLogRecord& r) {
    r.ml_score = LogRecordUnit(&seed);
    r.ml_class = LogRecordClass(r.ml_score);
    r.ml_confidence = r.ml_score >= 0.5 ? r.ml_score : 1 - r.ml_score;
    r.rule_risk = LogRecordUnit(&seed);
    r.rule_class = LogRecordClass(r.rule_risk);
    r.scores_agree = r.ml_score - r.rule_risk < 0.1 && r.rule_risk - r.ml_score < 0.1;
    r.classes_agree = r.ml_class == r.rule_class;
    r.feature_present_mask = (1u << shadow::kShadowFeatureCount) - 1;
    for (int k = 0; k < shadow::kShadowFeatureCount; ++k)
      r.features[k] = kFeatureValues[static_cast<size_t>(LogRecordUnit(&seed) * std::size(kFeatureValues))];
  });
}

inline std::vector<shadow::BlendedDecisionRecord> BlendedDecisionRecordsLikeARun(size_t n, uint64_t seed) {
  shadow::RiskBlender blender{BlendConfig{}};
  return RunRecords<shadow::BlendedDecisionRecord>(n, [&](shadow::BlendedDecisionRecord& r) {
    r.rule_risk = LogRecordUnit(&seed);
    r.ml_score = LogRecordUnit(&seed);
    r.outcome = blender.Blend(r.rule_risk, r.ml_score);
  });
}

}  // namespace nethical::testing
