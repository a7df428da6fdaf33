// The console summary: the original's layout (§1.8) line for line, followed
// by the figures the original did not have. "Latency (ms)" is response time
// (from the intended send time), the latency the SLOs judge; the original's
// measure (service time) follows in its own block. Before the SLO block: one
// titled block per heavy-tier stage that ran (shadow metrics, blend counters,
// anomaly alerts, anchored audit size) and the per-cohort aggregates, marked
// noisy with the epsilon spent when differentially private, or the privacy
// budget's refusal.
#pragma once

#include <string>
#include <vector>

#include "loadgen/run_report.h"

namespace nethical::loadgen {

std::string RenderConsoleSummary(const RunReport& report, const std::vector<SloCheck>& slos,
                                 double late_threshold_ms);

}  // namespace nethical::loadgen
