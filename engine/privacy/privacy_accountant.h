// A privacy budget shared by every differentially private release of one
// run. Each release charges (epsilon, delta) before it draws noise; a charge
// that would take the spent privacy beyond the budget is refused with
// kResourceExhausted and nothing is recorded, so the caller can skip that
// release. This replaces the original's flat epsilon/2 per call, which
// exhausted any budget after two queries (docs/original.md §8.3).
//
// Spent privacy under composition rule:
//   kBasic     epsilon = sum(eps_i), delta = sum(delta_i)
//   kAdvanced  the tighter of basic composition and the heterogeneous
//              advanced composition theorem (Dwork, Rothblum, Vadhan 2010;
//              Dwork & Roth Thm 3.20 for equal eps):
//                epsilon = sqrt(2 ln(1/d') sum(eps_i^2)) + sum(eps_i (e^eps_i - 1))
//                delta   = sum(delta_i) + d'
//              which grows like sqrt(k) for k small queries instead of k.
//
// Thread-safe: a mutex guards the totals (this is not on the per-action path).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

#include "engine/base/status.h"
#include "engine/config/engine_config.h"

namespace nethical::privacy {

enum class CompositionRule { kBasic, kAdvanced };

struct AccountantOptions {
  double epsilon_budget = 10.0;  // total epsilon (NETHICAL_DP_BUDGET)
  double delta_budget = 1e-3;    // total delta (NETHICAL_DP_DELTA_BUDGET)
  CompositionRule rule = CompositionRule::kAdvanced;
  double advanced_delta = 1e-6;  // d' of advanced composition, charged to delta when used

  static AccountantOptions FromConfig(const PrivacyConfig& config);
};

struct PrivacySpend {
  double epsilon = 0.0;
  double delta = 0.0;
  int64_t queries = 0;
};

// Advanced composition of k queries of epsilon each with slack d':
// sqrt(2 k ln(1/d')) * epsilon + k * epsilon * (e^epsilon - 1).
double AdvancedCompositionEpsilon(double epsilon, int64_t k, double advanced_delta);

class PrivacyAccountant {
 public:
  // REQUIRES: the budgets as Validate(PrivacyConfig) allows them
  // (engine/config/config_validation.h; FromConfig of a valid section).
  // InvalidArgument unless, for kAdvanced, 0 < advanced_delta < 1 (not a
  // configuration key).
  static StatusOr<std::unique_ptr<PrivacyAccountant>> Create(const AccountantOptions& options);

  // Records a release of (epsilon, delta) if the budget allows it.
  // InvalidArgument for epsilon <= 0 or delta outside [0, 1);
  // ResourceExhausted (naming the spent, asked and total) beyond the budget.
  Status Charge(double epsilon, double delta);

  PrivacySpend Spent() const;
  double RemainingEpsilon() const;

  const AccountantOptions& options() const { return options_; }

 private:
  explicit PrivacyAccountant(const AccountantOptions& options) : options_(options) {}

  struct Totals {
    double sum_epsilon = 0.0;
    double sum_epsilon_squared = 0.0;
    double sum_epsilon_expm1 = 0.0;  // sum of eps_i * (e^eps_i - 1)
    double sum_delta = 0.0;
    int64_t queries = 0;
  };
  PrivacySpend SpendOf(const Totals& totals) const;

  const AccountantOptions options_;
  mutable std::mutex mu_;
  Totals totals_;  // guarded by mu_
};

}  // namespace nethical::privacy
