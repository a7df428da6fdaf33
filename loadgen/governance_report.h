// The summary rows of the engine's quarantine, taxonomy, correlation,
// residency and SLA stages (engine/governance_stages.h): one console block
// per stage that ran, and the same figures for the JSON summary. A stage that
// was off (its EngineStats field empty) has no block and no key.
//
//   out += GovernanceConsoleBlocks(report.engine);  // before "SLO Compliance:"
//   AddGovernanceJson(stats_json, report.engine);   // into "engine_stats"
//   slo_json["engine_sla"] = EngineSlaJson(*report.engine.sla);
//
// The SLA block sits last, right above the load generator's SLO check: the
// monitor judges the engine's own evaluation time over its sliding window;
// the SLO check judges response time from each request's intended send time
// over the whole run (docs/loadgen.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "engine/engine_stats.h"

namespace nethical::loadgen {

std::string GovernanceConsoleBlocks(const EngineStats& e);

void AddGovernanceJson(nlohmann::ordered_json& stats, const EngineStats& e);

nlohmann::ordered_json EngineSlaJson(const sla::SlaReport& r);

}  // namespace nethical::loadgen
