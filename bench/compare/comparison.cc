#include "bench/compare/comparison.h"

#include <algorithm>
#include <cmath>

namespace nethical::bench {
namespace {

const std::vector<double>& Samples(const BenchmarkSamples& b, TimeMetric metric) {
  return metric == TimeMetric::kRealTime ? b.real_time_ns : b.cpu_time_ns;
}

}  // namespace

Status ValidateCompareOptions(const CompareOptions& options) {
  if (!(options.threshold > 0) || !std::isfinite(options.threshold)) {
    return InvalidArgument("threshold " + std::to_string(options.threshold * 100) +
                           "%: must be > 0 (--threshold_pct=5 means 5 %)");
  }
  if (!(options.alpha > 0 && options.alpha < 1)) {
    return InvalidArgument("alpha " + std::to_string(options.alpha) + ": must be in (0, 1), e.g. 0.05");
  }
  return Status::Ok();
}

double Median(std::vector<double> values) {
  const size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + mid, values.end());
  if (values.size() % 2 == 1) return values[mid];
  const double upper = values[mid];
  const double lower = *std::max_element(values.begin(), values.begin() + mid);
  return (lower + upper) / 2.0;
}

std::vector<BenchmarkComparison> CompareResults(const BenchmarkResults& base, const BenchmarkResults& after,
                                                const CompareOptions& options) {
  std::vector<BenchmarkComparison> out;
  for (const BenchmarkSamples& b : base.benchmarks) {
    BenchmarkComparison c;
    c.name = b.name;
    const std::vector<double>& before = Samples(b, options.metric);
    c.base_repetitions = before.size();
    c.base_median_ns = Median(before);
    const BenchmarkSamples* a = after.Find(b.name);
    if (a == nullptr) {
      c.verdict = Verdict::kOnlyInBase;
      out.push_back(std::move(c));
      continue;
    }
    const std::vector<double>& now = Samples(*a, options.metric);
    c.new_repetitions = now.size();
    c.new_median_ns = Median(now);
    c.change = c.base_median_ns > 0 ? (c.new_median_ns - c.base_median_ns) / c.base_median_ns : 0.0;
    // Samples are non-empty and NaN-free JSON numbers, so the test succeeds.
    auto test = MannWhitneyU(before, now);
    if (test.ok()) c.test = *test;
    c.underpowered = MinimumTwoSidedPValue(before.size(), now.size()) >= options.alpha;
    const bool significant = c.test.has_value() && c.test->p_value < options.alpha;
    if (significant && c.change > options.threshold) {
      c.verdict = Verdict::kSlower;
    } else if (significant && c.change < -options.threshold) {
      c.verdict = Verdict::kFaster;
    } else {
      c.verdict = Verdict::kNoChange;
    }
    out.push_back(std::move(c));
  }
  for (const BenchmarkSamples& a : after.benchmarks) {
    if (base.Find(a.name) != nullptr) continue;
    BenchmarkComparison c;
    c.name = a.name;
    c.verdict = Verdict::kOnlyInNew;
    c.new_repetitions = Samples(a, options.metric).size();
    c.new_median_ns = Median(Samples(a, options.metric));
    out.push_back(std::move(c));
  }
  return out;
}

size_t CountSlower(const std::vector<BenchmarkComparison>& comparisons) {
  return static_cast<size_t>(
      std::count_if(comparisons.begin(), comparisons.end(),
                    [](const BenchmarkComparison& c) { return c.verdict == Verdict::kSlower; }));
}

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kSlower:
      return "slower";
    case Verdict::kFaster:
      return "faster";
    case Verdict::kNoChange:
      return "no_change";
    case Verdict::kOnlyInBase:
      return "only_in_base";
    case Verdict::kOnlyInNew:
      return "only_in_new";
  }
  return "unknown";
}

const char* MetricName(TimeMetric metric) {
  return metric == TimeMetric::kRealTime ? "real_time" : "cpu_time";
}

}  // namespace nethical::bench
