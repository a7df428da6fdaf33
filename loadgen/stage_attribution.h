// "Where the time goes": the engine's per-stage times on sampled actions
// (Engine::EnableStageTiming, engine/stage_timing.h) as the rows the console,
// the JSON summary, the HTML report and the metrics show.
//
//   StageAttribution a = AttributeStages(*report.engine.stages);
//   for (const StageRow& r : a.rows) ... r.share of the sampled service time
//
// share = the stage's summed time / the sampled actions' summed pipeline time
// (first clock reading to last lap), so the shares of the stages that ran add
// up to 1 (the few ns between a lap and the next stage's start belong to the
// next stage). Quantiles are the stage histograms' (3 % bound).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/stage_timing.h"

namespace nethical::loadgen {

struct StageRow {
  std::string stage;  // StageName
  uint64_t samples = 0;
  double share = 0;  // of the sampled pipeline time, in [0, 1]
  double mean_us = 0, p50_us = 0, p99_us = 0;
};

struct StageAttribution {
  uint32_t one_in = 0;
  uint64_t sampled_actions = 0;
  double pipeline_mean_us = 0, pipeline_p50_us = 0, pipeline_p99_us = 0;
  std::vector<StageRow> rows;  // pipeline order; only stages that ran
};

StageAttribution AttributeStages(const StageTimingStats& stats);

// The console block (empty string when nothing was sampled).
std::string RenderStageAttribution(const StageAttribution& a);

// A JSON array of rows {"stage", "samples", "share", "mean_us", "p50_us",
// "p99_us"} (what the HTML report's stage chart reads).
std::string StageRowsJson(const StageAttribution& a);

}  // namespace nethical::loadgen
