// RiskModel: the per-agent risk formula (docs/original.md §6, with the
// fixes documented in docs/risk.md). Pure: it updates an AgentRisk it is
// given; RiskTracker owns the states and their locking.
//
//   RiskModel model(config.risk);           // REQUIRES: Validate(config.risk).ok()
//   AgentRisk state;
//   RiskResult r = model.Update(&state, {.violation_score = 0.75}, now_ns);
//
// One update, with dt = time since the agent's previous update:
//   decayed   = score * exp(-lambda * dt_hours)
//               lambda = ln 2 / half_life_hours, or -ln(decay_rate) if set
//   behavior  = min(1, violating_actions / actions) (x1.5 privileged,
//               x1.2 automated), counted before this action; 0 at first
//   severity  = the action's violation score
//   frequency = min(1, tier changes in the last hour (of the last 10) / 10)
//   recency   = 1 - (now - last violation) / 24 h, 0 if none within 24 h
//   stored    = clamp(0.7 * (0.3 behavior + 0.3 severity + 0.2 frequency
//                            + 0.2 recency) + 0.3 decayed, 0, 1)
// The reported score adds the action's transient signals, which are not
// stored: + 0.3 * pii_risk, + 0.2 if quota backpressure > 0.8 (cap 1).
// Also per agent, for the ML shadow (docs/shadow.md "Recency and
// frequency"), counted in actions rather than time so that a training set
// evaluated offline sees what live traffic sees:
//   violation_frequency = violating actions among the agent's last 16
//                         (this one included) / 16
//   violation_recency   = 1 - k / 16, k = actions since the agent's last
//                         violating action (0 if this one violates); 0 if
//                         none of the last 16 violated
// "Violating" is violation_score > 0, as for behavior above.
// Tiers: low < normal_threshold <= normal < high_threshold <= high <
// elevated_threshold <= elevated.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/config/engine_config.h"
#include "engine/model/verdict.h"

namespace nethical::risk {

// RiskTier and RiskTierName: engine/model/verdict.h.

// The original's violation score of a severity: low .25, medium .5,
// high .75, critical and emergency 1.0.
double SeverityScore(Severity s);

// The score of an action's violations: the highest SeverityScore among them,
// or the PII stage's own severity if higher (pii_risk > 0.8 counts as
// critical, > 0.5 as high; the original computed this and then overwrote it).
double ActionViolationScore(const std::vector<Violation>& violations, double pii_risk);

// What one action contributes to its agent's risk.
struct RiskInput {
  double violation_score = 0;  // 0 when the action has no violation
  bool is_privileged = false;
  bool is_automated = false;
  double pii_risk = 0;      // 0..1, from the PII stage
  double backpressure = 0;  // 0..1, from the quota stage
};

struct RiskResult {
  double score = 0;  // reported score, 0..1
  RiskTier tier = RiskTier::kLow;
  double violation_recency = 0;    // 0..1, see above
  double violation_frequency = 0;  // 0..1, see above
};

// The window of violation_recency/violation_frequency, in actions.
inline constexpr int kViolationWindowActions = 16;

// One agent's state. Small and fixed-size: no allocation per update.
struct AgentRisk {
  double score = 0;  // stored score (without transient signals)
  int64_t last_update_ns = 0;
  int64_t last_violation_ns = 0;
  bool has_update = false;
  bool has_violation = false;
  uint64_t actions = 0;
  uint64_t violating_actions = 0;
  RiskTier tier = RiskTier::kLow;             // tier of the stored score
  std::array<int64_t, 10> tier_changes_ns{};  // ring of the last 10 tier changes
  uint8_t tier_change_count = 0;
  uint8_t tier_change_next = 0;
  // Bit i: the agent's i-th most recent action (0 = this one) violated.
  uint16_t recent_violations = 0;
};

class RiskModel {
 public:
  explicit RiskModel(const RiskConfig& config);

  RiskResult Update(AgentRisk* state, const RiskInput& input, int64_t now_ns) const;
  RiskTier TierOf(double score) const;

 private:
  RiskConfig config_;
  double lambda_per_ns_;  // decay constant
};

}  // namespace nethical::risk
