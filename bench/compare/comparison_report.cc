#include "bench/compare/comparison_report.h"

#include <algorithm>
#include <cstdio>

namespace nethical::bench {
namespace {

std::string ContextField(const nlohmann::json& context, const char* key) {
  auto it = context.find(key);
  return it != context.end() && it->is_string() ? it->get<std::string>() : "?";
}

nlohmann::json ContextFieldOrNull(const nlohmann::json& context, const char* key) {
  auto it = context.find(key);
  return it != context.end() && it->is_string() ? *it : nlohmann::json(nullptr);
}

std::string Describe(const ComparedFile& file) {
  return file.path + " (commit " + ContextField(file.context, "commit") + ", config " +
         ContextField(file.context, "config") + ")";
}

std::string Printf(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), format, value);
  return buffer;
}

std::string VerdictLabel(const BenchmarkComparison& c) {
  switch (c.verdict) {
    case Verdict::kSlower:
      return "SLOWER";
    case Verdict::kFaster:
      return "faster";
    case Verdict::kNoChange:
      return c.underpowered ? "too few reps" : "same";
    case Verdict::kOnlyInBase:
      return "only in base";
    case Verdict::kOnlyInNew:
      return "only in new";
  }
  return "?";
}

}  // namespace

std::string FormatDuration(double ns) {
  if (ns < 1e3) return Printf("%.1f ns", ns);
  if (ns < 1e6) return Printf("%.2f us", ns / 1e3);
  if (ns < 1e9) return Printf("%.2f ms", ns / 1e6);
  return Printf("%.2f s", ns / 1e9);
}

std::string FormatTable(const ComparisonReport& r) {
  std::string out;
  out += "base: " + Describe(r.base) + "\n";
  out += "new:  " + Describe(r.after) + "\n";
  out += std::string("metric ") + MetricName(r.options.metric) +
         ", median change, Mann-Whitney U two-sided; " + "fails on a slowdown > " +
         Printf("%.1f", r.options.threshold * 100) + "% with p < " + Printf("%g", r.options.alpha) + "\n\n";

  size_t width = 9;  // "benchmark"
  for (const BenchmarkComparison& c : r.comparisons) width = std::max(width, c.name.size());
  char line[512];
  std::snprintf(line, sizeof(line), "%-*s  %12s  %12s  %8s  %8s  %7s  %s\n", static_cast<int>(width),
                "benchmark", "base median", "new median", "change", "p-value", "reps", "verdict");
  out += line;
  out += std::string(width + 72, '-') + "\n";
  for (const BenchmarkComparison& c : r.comparisons) {
    const bool both = c.verdict != Verdict::kOnlyInBase && c.verdict != Verdict::kOnlyInNew;
    const std::string base = c.verdict == Verdict::kOnlyInNew ? "-" : FormatDuration(c.base_median_ns);
    const std::string now = c.verdict == Verdict::kOnlyInBase ? "-" : FormatDuration(c.new_median_ns);
    const std::string change = both ? Printf("%+.1f%%", c.change * 100) : "-";
    const std::string p = !both || !c.test          ? "-"
                          : c.test->p_value >= 1e-4 ? Printf("%.4f", c.test->p_value)
                                                    : Printf("%.1e", c.test->p_value);
    const std::string reps = std::to_string(c.base_repetitions) + "/" + std::to_string(c.new_repetitions);
    std::snprintf(line, sizeof(line), "%-*s  %12s  %12s  %8s  %8s  %7s  %s\n", static_cast<int>(width),
                  c.name.c_str(), base.c_str(), now.c_str(), change.c_str(), p.c_str(), reps.c_str(),
                  VerdictLabel(c).c_str());
    out += line;
  }
  const size_t slower = CountSlower(r.comparisons);
  const bool any_underpowered = std::any_of(r.comparisons.begin(), r.comparisons.end(),
                                            [](const BenchmarkComparison& c) { return c.underpowered; });
  if (any_underpowered) {
    out +=
        "\nnote: with these repetition counts no p-value can fall below alpha; "
        "run with --benchmark_repetitions=10 or more.\n";
  }
  out += "\n" + (slower == 0 ? std::string("PASS: no significant slowdown\n")
                             : "FAIL: " + std::to_string(slower) + " benchmark(s) significantly slower\n");
  return out;
}

nlohmann::json ToJson(const ComparisonReport& r) {
  const auto file = [](const ComparedFile& f) {
    return nlohmann::json{{"file", f.path},
                          {"commit", ContextFieldOrNull(f.context, "commit")},
                          {"config", ContextFieldOrNull(f.context, "config")}};
  };
  nlohmann::json benchmarks = nlohmann::json::array();
  for (const BenchmarkComparison& c : r.comparisons) {
    const bool has_base = c.verdict != Verdict::kOnlyInNew;
    const bool has_new = c.verdict != Verdict::kOnlyInBase;
    nlohmann::json null = nullptr;
    benchmarks.push_back({
        {"name", c.name},
        {"verdict", VerdictName(c.verdict)},
        {"base_repetitions", c.base_repetitions},
        {"new_repetitions", c.new_repetitions},
        {"base_median_ns", has_base ? nlohmann::json(c.base_median_ns) : null},
        {"new_median_ns", has_new ? nlohmann::json(c.new_median_ns) : null},
        {"change", has_base && has_new ? nlohmann::json(c.change) : null},
        {"p_value", c.test ? nlohmann::json(c.test->p_value) : null},
        {"u", c.test ? nlohmann::json(c.test->u_x) : null},
        {"method", c.test ? nlohmann::json(MethodName(c.test->method)) : null},
        {"underpowered", c.underpowered},
    });
  }
  return {
      {"format", "nethical-bench-compare/1"},
      {"base", file(r.base)},
      {"new", file(r.after)},
      {"options",
       {{"metric", MetricName(r.options.metric)},
        {"threshold", r.options.threshold},
        {"alpha", r.options.alpha},
        {"test", "mann-whitney-u-two-sided"}}},
      {"benchmarks", std::move(benchmarks)},
      {"slower", CountSlower(r.comparisons)},
  };
}

}  // namespace nethical::bench
