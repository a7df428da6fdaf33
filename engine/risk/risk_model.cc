#include "engine/risk/risk_model.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <string>

namespace nethical::risk {
namespace {

constexpr double kNanosPerHour = 3600e9;
constexpr int64_t kHourNs = 3'600'000'000'000;
constexpr double kDayNs = 86'400e9;

}  // namespace

double SeverityScore(Severity s) {
  switch (s) {
    case Severity::kLow:
      return 0.25;
    case Severity::kMedium:
      return 0.5;
    case Severity::kHigh:
      return 0.75;
    case Severity::kCritical:
    case Severity::kEmergency:
      return 1.0;
  }
  return 0.5;
}

double ActionViolationScore(const std::vector<Violation>& violations, double pii_risk) {
  double score = pii_risk > 0.8 ? 1.0 : pii_risk > 0.5 ? 0.75 : 0.0;
  for (const Violation& v : violations) score = std::max(score, SeverityScore(v.severity));
  return score;
}

RiskModel::RiskModel(const RiskConfig& config) : config_(config) {
  double lambda_per_hour =
      config.decay_rate > 0 ? -std::log(config.decay_rate) : std::log(2.0) / config.half_life_hours;
  lambda_per_ns_ = lambda_per_hour / kNanosPerHour;
}

RiskTier RiskModel::TierOf(double score) const {
  if (score >= config_.elevated_threshold) return RiskTier::kElevated;
  if (score >= config_.high_threshold) return RiskTier::kHigh;
  if (score >= config_.normal_threshold) return RiskTier::kNormal;
  return RiskTier::kLow;
}

RiskResult RiskModel::Update(AgentRisk* s, const RiskInput& in, int64_t now_ns) const {
  double decayed = 0;
  if (s->has_update && s->score > 0) {
    double dt = static_cast<double>(std::max<int64_t>(0, now_ns - s->last_update_ns));
    decayed = s->score * std::exp(-lambda_per_ns_ * dt);
  }

  double behavior = 0;
  if (s->actions > 0) {
    behavior = std::min(1.0, static_cast<double>(s->violating_actions) / s->actions);
    if (in.is_privileged) behavior *= 1.5;
    if (in.is_automated) behavior *= 1.2;
  }

  int recent_changes = 0;
  for (int i = 0; i < s->tier_change_count; ++i) recent_changes += now_ns - s->tier_changes_ns[i] < kHourNs;
  double frequency = std::min(1.0, recent_changes / 10.0);

  bool violates = in.violation_score > 0;
  if (violates) {
    s->has_violation = true;
    s->last_violation_ns = now_ns;
  }
  double recency = 0;
  if (s->has_violation) {
    double since = static_cast<double>(now_ns - s->last_violation_ns);
    recency = since < kDayNs ? 1.0 - since / kDayNs : 0.0;
  }

  double fused = 0.3 * behavior + 0.3 * in.violation_score + 0.2 * frequency + 0.2 * recency;
  s->score = std::clamp(0.7 * fused + 0.3 * decayed, 0.0, 1.0);
  s->last_update_ns = now_ns;
  s->has_update = true;
  s->actions += 1;
  s->violating_actions += violates;

  RiskTier tier = TierOf(s->score);
  if (tier != s->tier) {
    s->tier = tier;
    s->tier_changes_ns[s->tier_change_next] = now_ns;
    s->tier_change_next = (s->tier_change_next + 1) % s->tier_changes_ns.size();
    if (s->tier_change_count < s->tier_changes_ns.size()) ++s->tier_change_count;
  }

  s->recent_violations = static_cast<uint16_t>((s->recent_violations << 1) | (violates ? 1u : 0u));
  static_assert(sizeof(s->recent_violations) * 8 == kViolationWindowActions);

  double reported = s->score;
  if (in.pii_risk > 0) reported = std::min(1.0, reported + 0.3 * in.pii_risk);
  if (in.backpressure > 0.8) reported = std::min(1.0, reported + 0.2);
  RiskResult result{reported, TierOf(reported)};
  result.violation_frequency =
      static_cast<double>(std::popcount(s->recent_violations)) / kViolationWindowActions;
  if (s->recent_violations != 0)
    result.violation_recency =
        1.0 - static_cast<double>(std::countr_zero(s->recent_violations)) / kViolationWindowActions;
  return result;
}

}  // namespace nethical::risk
