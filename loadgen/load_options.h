// LoadOptions: everything generate_load is asked to do, parsed from its
// command line. Flags of the engine itself (--shadow, --quota,
// --privacy-mode, --storage-dir, ...) are not interpreted here: they become
// NETHICAL_* settings (`engine_flags`) that ConfigBuilder validates with the
// environment and the --env-file (engine_config_layer.h).
//
//   StatusOr<LoadOptions> o = ParseLoadOptions({"--agents", "10", "--rps=200"});
//
// The flags are read by the project's one flag parser (engine/cli/
// flag_parser.h, CLI11 underneath): "--flag value" and "--flag=value" are
// the same, and every error is one line naming the flag, the value (through
// ShownValue: at most 80 bytes, control bytes escaped) and what is allowed,
// e.g.
//   "--agents=0: must be an integer in [1, 10000000]"
//
// Every time flag has an upper bound so that no conversion to nanoseconds
// can overflow int64, even multiplied by the largest agent count
// (static_asserts in load_options.cc).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"

namespace nethical::loadgen {

enum class Arrival { kEven, kPoisson };
enum class WorkloadKind { kMixed, kSeedCompat, kFile };
enum class ProfileKind { kConstant, kRamp, kStep, kSpike };
enum class EvaluatorKind { kEngine, kNull };
// The flag values: "even", "seed-compat", "spike", "null", ...
std::string_view ArrivalName(Arrival a);
std::string_view WorkloadName(WorkloadKind w);
std::string_view ProfileName(ProfileKind p);
std::string_view EvaluatorName(EvaluatorKind e);

// The SLO gates; all comparisons are strict, as in the original (§1.9).
// Latency gates apply to response time (measured from the intended send time).
// Bounds of the flags.
inline constexpr uint32_t kMaxAgents = 10'000'000;
inline constexpr double kMaxRate = 1e8;
inline constexpr double kMaxSeconds = 31 * 86400.0;  // --duration and every other seconds flag
inline constexpr int64_t kMaxStaggerMs = 900'000;    // x 1e6 ns x kMaxAgents < INT64_MAX
inline constexpr double kMaxMilliseconds = 1e9;      // --late-ms, --slo-p95-ms, --slo-p99-ms
// Engine stages are timed on 1 action in this many by default: the overhead
// measured by bench/pipeline_bench (BM_PipelineStageTiming) stays far below
// 2 % of the pipeline (docs/observability.md).
inline constexpr uint32_t kDefaultStageSample = 16;

struct SloThresholds {
  double p95_ms = 200;
  double p99_ms = 500;
  double rate_tolerance = 0.10;  // |achieved - target| / target < this
  double error_rate = 0.01;      // errors / completed < this
};

// One engine flag, as ConfigBuilder::Set takes it.
struct EngineFlag {
  std::string key;  // NETHICAL_*
  std::string value;
  std::string flag;  // "--no-shadow": where the value came from
};

struct LoadOptions {
  // The original's flags (§1.1), same defaults.
  uint32_t agents = 100;
  double rps = 50;
  double duration_s = 60;
  std::string cohort = "load-test";
  // Empty: no CSV (--no-output). Unless --output is given, a run with a
  // region id writes "perf_results.<region>.csv" instead, so that regional
  // runs side by side in one directory keep their own CSV (OutputPath()).
  std::string output = "perf_results.csv";
  bool output_given = false;
  bool include_pii_test = false;
  bool include_error_details = false;
  int64_t stagger_ms = 0;        // negative values clamp to 0, as in the original
  std::optional<uint64_t> seed;  // unset: drawn at random and reported
  int max_workers = 0;           // 0: one per core
  std::string env_file;
  std::vector<EngineFlag> engine_flags;

  // Pacing and workload.
  Arrival arrival = Arrival::kEven;
  WorkloadKind workload = WorkloadKind::kMixed;
  std::string workload_file;
  double pii_share = 0.10;
  double trigger_share = 0.05;
  bool inject_anomalies = false;  // mixed only (anomaly_plan.h)
  ProfileKind profile = ProfileKind::kConstant;
  double ramp_from_rps = 0;
  std::optional<double> ramp_seconds;  // default: the whole duration
  int steps = 5;
  double spike_multiplier = 5;
  std::optional<double> spike_at_s;     // default: duration / 2
  std::optional<double> spike_seconds;  // default: duration / 10
  double late_ms = 1.0;
  double spin_us = 50;

  // Reports and gates.
  std::optional<bool> progress;  // unset: when stderr is a terminal
  std::string json_summary;
  // Observation (docs/observability.md).
  std::string timeseries;                       // --timeseries FILE: the per-second CSV
  std::string html_report;                      // --html-report FILE: the self-contained report page
  uint32_t stage_sample = kDefaultStageSample;  // --stage-sample N: time engine stages on 1 in N (0: off)
  std::optional<int> metrics_port;              // --metrics-port P: serve /metrics (0: ephemeral)
  std::string metrics_bind = "127.0.0.1";       // --metrics-bind ADDR
  std::string hdr_log;  // --hdr-log FILE: HdrHistogram interval log (docs/scale-out.md)
  // Coordinated runs (docs/scale-out.md): --coordinate URL --run-id ID --expect N.
  std::string coordinate;
  std::string run_id;
  int expect = 0;
  double coordinate_timeout_s = 120;
  SloThresholds slo;
  bool find_max = false;
  double find_max_trial_s = 10;
  double find_max_precision = 0.05;
  double find_max_limit_rps = 10'000'000;
  EvaluatorKind evaluator = EvaluatorKind::kEngine;

  bool help = false;
  bool version = false;
  std::vector<std::string> command_line;  // as given, for the JSON summary
};

// The CSV path of a run whose engine region is `region_id`.
std::string OutputPath(const LoadOptions& options, const std::string& region_id);

// Parses the arguments after argv[0].
StatusOr<LoadOptions> ParseLoadOptions(const std::vector<std::string>& args);

// The --help text.
std::string LoadOptionsHelp();

}  // namespace nethical::loadgen
