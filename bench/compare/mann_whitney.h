// Mann–Whitney U test (Wilcoxon rank-sum) for two independent samples, e.g.
// the per-repetition times of one benchmark at two commits. It asks whether a
// value drawn from one sample tends to be larger than one drawn from the
// other, without assuming normality: benchmark times are skewed (a preempted
// repetition is slow, never fast), so a t-test would be misled.
//
//   auto r = MannWhitneyU(base_times, new_times);
//   if (r.ok() && r->p_value < 0.05) { ... the samples differ ... }
//
// U for x counts the pairs (x_i, y_j) with x_i > y_j, plus 1/2 per tie; U for
// y is m*n - U_x. The p-value is two-sided:
//  * exact when neither sample has more than kMaxExactSampleSize values and
//    no value occurs twice in the pooled sample: p = 2 P(U <= min(U_x, U_y))
//    under the null distribution, counted exactly (capped at 1);
//  * otherwise the normal approximation with tie correction and continuity
//    correction: mean m n / 2, variance m n / 12 ((N + 1) - sum(t^3 - t) /
//    (N (N - 1))) over tie groups of size t, z = (|U_x - mean| - 1/2) / sd.
// This matches scipy.stats.mannwhitneyu(method="exact" / "asymptotic").
#pragma once

#include <cstddef>
#include <vector>

#include "engine/base/status.h"

namespace nethical::bench {

inline constexpr size_t kMaxExactSampleSize = 50;

struct MannWhitneyResult {
  enum class Method { kExact, kNormalApproximation };
  double u_x = 0;  // pairs with x_i > y_j, ties counted 1/2
  double u_y = 0;  // m * n - u_x
  double p_value = 1;
  Method method = Method::kExact;
};

// Returns InvalidArgument if either sample is empty or holds a NaN.
StatusOr<MannWhitneyResult> MannWhitneyU(const std::vector<double>& x, const std::vector<double>& y);

// The smallest two-sided p-value the exact test can give for samples of
// sizes m and n (both values of one sample above all of the other):
// 2 / C(m + n, m), capped at 1. With 3 repetitions each it is 0.1, so no
// difference can be significant at alpha 0.05.
double MinimumTwoSidedPValue(size_t m, size_t n);

const char* MethodName(MannWhitneyResult::Method method);

}  // namespace nethical::bench
