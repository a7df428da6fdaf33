// The --json-summary document: the run's figures plus everything needed to
// explain them (configuration, machine, build). A data contract, versioned by
// "schema_version" and documented field by field in docs/loadgen.md; fields
// are only ever added. Latencies are in milliseconds.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "loadgen/find_max.h"
#include "loadgen/load_options.h"
#include "loadgen/machine_info.h"
#include "loadgen/run_report.h"

namespace nethical::loadgen {

inline constexpr int kJsonSummarySchemaVersion = 1;

struct SummaryContext {
  const LoadOptions* options = nullptr;
  uint64_t seed = 0;       // the seed actually used
  std::string started_at;  // ISO 8601 UTC
  int workers = 0;
  std::string output;                                              // the CSV path written ("" for none)
  std::vector<std::pair<std::string, std::string>> engine_config;  // NETHICAL_* key, value
  MachineInfo machine;
  BuildInfo build;
  // A coordinated run (--coordinate; docs/scale-out.md): empty run_id for none.
  struct Coordination {
    std::string run_id;
    int process = 0, processes = 0;  // this one's index (1..processes)
    int64_t start_unix_ns = 0;       // the common start (Redis server's clock)
    double start_lateness_ms = 0;    // how late this process woke for it
  } coordination;
};

// The blocks a merged summary (merge_results.h) shares with a run's, in
// the run's key order: the figures (interrupted .. send_lag_ms), "slo" and
// "histograms".
nlohmann::ordered_json SummaryFiguresJson(const RunReport& report, const std::vector<SloCheck>& slos);

// `find_max` may be null (a single run).
std::string RenderJsonSummary(const RunReport& report, const std::vector<SloCheck>& slos,
                              const SummaryContext& context, const FindMaxResult* find_max);

}  // namespace nethical::loadgen
