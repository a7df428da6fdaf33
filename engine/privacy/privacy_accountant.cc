#include "engine/privacy/privacy_accountant.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace nethical::privacy {
namespace {

// Relative slack so that k charges of budget/k are not refused by rounding.
constexpr double kRoundingSlack = 1e-12;

std::string Format(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.6g", v);
  return buf;
}

double AdvancedEpsilon(double sum_squared, double sum_expm1, double advanced_delta) {
  return std::sqrt(2.0 * std::log(1.0 / advanced_delta) * sum_squared) + sum_expm1;
}

}  // namespace

AccountantOptions AccountantOptions::FromConfig(const PrivacyConfig& config) {
  AccountantOptions options;
  options.epsilon_budget = config.epsilon_budget;
  options.delta_budget = config.delta_budget;
  return options;
}

double AdvancedCompositionEpsilon(double epsilon, int64_t k, double advanced_delta) {
  const double kd = static_cast<double>(k);
  return AdvancedEpsilon(kd * epsilon * epsilon, kd * epsilon * std::expm1(epsilon), advanced_delta);
}

StatusOr<std::unique_ptr<PrivacyAccountant>> PrivacyAccountant::Create(const AccountantOptions& options) {
  if (options.rule == CompositionRule::kAdvanced &&
      !(options.advanced_delta > 0.0 && options.advanced_delta < 1.0)) {
    return InvalidArgument("advanced composition delta=" + Format(options.advanced_delta) +
                           ": must be within (0, 1)");
  }
  return std::unique_ptr<PrivacyAccountant>(new PrivacyAccountant(options));
}

PrivacySpend PrivacyAccountant::SpendOf(const Totals& t) const {
  PrivacySpend spend{t.sum_epsilon, t.sum_delta, t.queries};
  if (options_.rule == CompositionRule::kAdvanced && t.queries > 1) {
    double advanced = AdvancedEpsilon(t.sum_epsilon_squared, t.sum_epsilon_expm1, options_.advanced_delta);
    double advanced_delta = t.sum_delta + options_.advanced_delta;
    // Advanced composition trades d' of delta for less epsilon; use it only
    // when it is tighter and the delta budget can pay for it.
    if (advanced < spend.epsilon && advanced_delta <= options_.delta_budget * (1 + kRoundingSlack)) {
      spend.epsilon = advanced;
      spend.delta = advanced_delta;
    }
  }
  return spend;
}

Status PrivacyAccountant::Charge(double epsilon, double delta) {
  if (!(epsilon > 0.0) || !std::isfinite(epsilon)) {
    return InvalidArgument("epsilon=" + Format(epsilon) + ": must be a finite number > 0");
  }
  if (!(delta >= 0.0 && delta < 1.0)) {
    return InvalidArgument("delta=" + Format(delta) + ": must be within [0, 1)");
  }
  std::lock_guard<std::mutex> lock(mu_);
  Totals next = totals_;
  next.sum_epsilon += epsilon;
  next.sum_epsilon_squared += epsilon * epsilon;
  next.sum_epsilon_expm1 += epsilon * std::expm1(epsilon);
  next.sum_delta += delta;
  next.queries += 1;
  PrivacySpend after = SpendOf(next);
  if (after.epsilon > options_.epsilon_budget * (1 + kRoundingSlack) ||
      after.delta > options_.delta_budget * (1 + kRoundingSlack)) {
    PrivacySpend now = SpendOf(totals_);
    return ResourceExhausted("privacy budget exhausted: query asks epsilon=" + Format(epsilon) +
                             ", delta=" + Format(delta) + "; spent epsilon=" + Format(now.epsilon) + " of " +
                             Format(options_.epsilon_budget) + ", delta=" + Format(now.delta) + " of " +
                             Format(options_.delta_budget) + " after " + std::to_string(now.queries) +
                             " queries");
  }
  totals_ = next;
  return Status::Ok();
}

PrivacySpend PrivacyAccountant::Spent() const {
  std::lock_guard<std::mutex> lock(mu_);
  return SpendOf(totals_);
}

double PrivacyAccountant::RemainingEpsilon() const {
  double remaining = options_.epsilon_budget - Spent().epsilon;
  return remaining > 0.0 ? remaining : 0.0;
}

}  // namespace nethical::privacy
