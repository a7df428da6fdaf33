#include "loadgen/stage_attribution.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace nethical::loadgen {

StageAttribution AttributeStages(const StageTimingStats& s) {
  StageAttribution a;
  a.one_in = s.one_in;
  a.sampled_actions = s.total.count;
  if (s.total.count == 0) return a;
  a.pipeline_mean_us = static_cast<double>(s.total.sum_ns) / s.total.count / 1e3;
  a.pipeline_p50_us = s.total.Quantile(0.50) / 1e3;
  a.pipeline_p99_us = s.total.Quantile(0.99) / 1e3;
  for (int i = 0; i < kStageCount; ++i) {
    const StageHistogramData& h = s.stages[i];
    if (h.count == 0) continue;
    StageRow r;
    r.stage = std::string(StageName(static_cast<Stage>(i)));
    r.samples = h.count;
    r.share = s.total.sum_ns > 0 ? static_cast<double>(h.sum_ns) / static_cast<double>(s.total.sum_ns) : 0;
    r.mean_us = static_cast<double>(h.sum_ns) / h.count / 1e3;
    r.p50_us = h.Quantile(0.50) / 1e3;
    r.p99_us = h.Quantile(0.99) / 1e3;
    a.rows.push_back(r);
  }
  return a;
}

std::string RenderStageAttribution(const StageAttribution& a) {
  if (a.sampled_actions == 0) return "";
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line,
                "Where the Time Goes (engine stages, 1 in %u actions timed: %llu; pipeline mean %.1fus, "
                "p50 %.1fus, p99 %.1fus):\n",
                a.one_in, static_cast<unsigned long long>(a.sampled_actions), a.pipeline_mean_us,
                a.pipeline_p50_us, a.pipeline_p99_us);
  out += line;
  std::snprintf(line, sizeof line, "  %-14s %7s %10s %10s %10s\n", "Stage", "Share", "Mean(us)", "p50(us)",
                "p99(us)");
  out += line;
  for (const StageRow& r : a.rows) {
    std::snprintf(line, sizeof line, "  %-14s %6.1f%% %10.1f %10.1f %10.1f\n", r.stage.c_str(), 100 * r.share,
                  r.mean_us, r.p50_us, r.p99_us);
    out += line;
  }
  return out;
}

std::string StageRowsJson(const StageAttribution& a) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const StageRow& r : a.rows)
    rows.push_back({{"stage", r.stage},
                    {"samples", r.samples},
                    {"share", r.share},
                    {"mean_us", r.mean_us},
                    {"p50_us", r.p50_us},
                    {"p99_us", r.p99_us}});
  return rows.dump();
}

}  // namespace nethical::loadgen
