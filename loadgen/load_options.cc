#include "loadgen/load_options.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include "engine/cli/flag_parser.h"
#include "engine/cli/flag_values.h"
#include "engine/shared_state/redis_url.h"

namespace nethical::loadgen {
namespace {

using cli::FlagParser;
using cli::ParseNumber;
using std::string_view;

// An integer in [lo, hi] into any integral field.
template <typename T>
bool ParseInt(string_view v, int64_t lo, int64_t hi, T* out) {
  int64_t x = 0;
  return cli::ParseInteger(v, lo, hi, &x) && (*out = static_cast<T>(x), true);
}

bool ParseOptionalNumber(string_view v, double lo, bool lo_inclusive, double hi, std::optional<double>* out) {
  double x;
  return ParseNumber(v, lo, lo_inclusive, hi, &x) && (*out = x, true);
}

template <typename E, size_t N>
bool ParseChoice(string_view v, const string_view (&names)[N], E* out) {
  for (size_t i = 0; i < N; ++i)
    if (v == names[i]) return *out = static_cast<E>(i), true;
  return false;
}

bool NonEmpty(string_view v, std::string* out) { return !v.empty() && (*out = v, true); }

// A coordinated run's id: it ends up in Redis key names.
bool IsValidRunId(string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

bool IpAddress(string_view v, std::string* out) {
  const std::string s(v);
  unsigned char buf[16];
  if (inet_pton(AF_INET, s.c_str(), buf) != 1 && inet_pton(AF_INET6, s.c_str(), buf) != 1) return false;
  *out = s;
  return true;
}

constexpr string_view kArrivals[] = {"even", "poisson"};
constexpr string_view kWorkloads[] = {"mixed", "seed-compat", "file"};
constexpr string_view kProfiles[] = {"constant", "ramp", "step", "spike"};
constexpr string_view kEvaluators[] = {"engine", "null"};
static_assert(std::size(kArrivals) == static_cast<size_t>(Arrival::kPoisson) + 1);
static_assert(std::size(kWorkloads) == static_cast<size_t>(WorkloadKind::kFile) + 1);
static_assert(std::size(kProfiles) == static_cast<size_t>(ProfileKind::kSpike) + 1);
static_assert(std::size(kEvaluators) == static_cast<size_t>(EvaluatorKind::kNull) + 1);
// No time flag can overflow int64 nanoseconds: not the longest duration
// with its send grace (10 %) and the 1 s stagger cap, nor the largest
// stagger times the largest agent index, nor any millisecond flag.
static_assert(kMaxSeconds * 2 * 1e9 < 9.2e18);
static_assert(kMaxStaggerMs * 1'000'000 <= INT64_MAX / kMaxAgents);
static_assert(kMaxMilliseconds * 1e6 < 9.2e18);

constexpr char kPreamble[] =
    "Usage: generate_load [flags]\n"
    "Open-loop load generator for the Nethical governance engine.\n"
    "Exit status: 0 all SLOs pass, 1 an SLO fails (or no action completed), 2 usage error,\n"
    "3 interrupted (SIGINT, SIGTERM or SIGHUP before the schedule ended; the partial run is\n"
    "reported and its CSV completed), 128+N a second signal N (exit at once).\n"
    "Sending stops at the scheduled span + max(1 s, 10 %); sends left are counted as not sent.\n"
    "Output files (CSV, JSON summary) are created with mode 0600.\n"
    "Engine settings: --flags override NETHICAL_* environment variables, which\n"
    "override --env-file; see docs/config.md for every NETHICAL_* key.\n"
    "Values: --flag VALUE or --flag=VALUE.\n";

// Every flag of generate_load, declared on `f`, writing into `o`.
void DeclareFlags(FlagParser& f, LoadOptions& o) {
  // Engine flags become NETHICAL_* settings, naming the flag they came from.
  auto engine_switch = [&](std::string flag, std::string key, std::string value, std::string help) {
    f.Switch(flag, std::move(help), [&o, flag, key, value] { o.engine_flags.push_back({key, value, flag}); });
  };
  auto engine_value = [&](std::string flag, std::string metavar, std::string key, std::string help) {
    f.Value(flag, std::move(metavar), "", std::move(help), [&o, flag, key](string_view v) {
      o.engine_flags.push_back({key, std::string(v), flag});
      return true;
    });
  };

  f.Section("The original's flags");
  f.Value("--agents", "N", "an integer in [1, 10000000]", "simulated agents (default 100)",
          [&](string_view v) { return ParseInt(v, 1, kMaxAgents, &o.agents); });
  f.Value("--rps", "R", "a number > 0 and <= 1e8", "target aggregate actions per second (default 50)",
          [&](string_view v) { return ParseNumber(v, 0, false, kMaxRate, &o.rps); });
  f.Value("--duration", "S", "a number of seconds in (0, 2678400]", "run length in seconds (default 60)",
          [&](string_view v) { return ParseNumber(v, 0, false, kMaxSeconds, &o.duration_s); });
  f.Value("--cohort", "NAME", "a non-empty string", "cohort of every action (default load-test)",
          [&](string_view v) { return NonEmpty(v, &o.cohort); });
  engine_value("--storage-dir", "DIR", "NETHICAL_STORAGE_DIR", "engine storage (default ./nethical_perf)");
  engine_value("--region-id", "ID", "NETHICAL_REGION_ID", "region of this process (default none)");
  engine_value("--logical-domain", "NAME", "NETHICAL_LOGICAL_DOMAIN", "logical domain (default none)");
  engine_switch("--shadow", "NETHICAL_ENABLE_SHADOW_MODE", "true", "shadow ML scoring (default on)");
  engine_switch("--no-shadow", "NETHICAL_ENABLE_SHADOW_MODE", "false", "");
  engine_switch("--ml-blend", "NETHICAL_ENABLE_ML_BLENDING", "true", "ML blending (default off)");
  engine_switch("--no-ml-blend", "NETHICAL_ENABLE_ML_BLENDING", "false", "");
  engine_switch("--anomaly", "NETHICAL_ENABLE_ANOMALY_DETECTION", "true", "anomaly detection (default off)");
  engine_switch("--no-anomaly", "NETHICAL_ENABLE_ANOMALY_DETECTION", "false", "");
  engine_switch("--merkle", "NETHICAL_ENABLE_MERKLE", "true", "Merkle-anchored audit log (default on)");
  engine_switch("--no-merkle", "NETHICAL_ENABLE_MERKLE", "false", "");
  engine_switch("--quarantine", "NETHICAL_ENABLE_QUARANTINE", "true",
                "quarantine lookup of every action, informational (default on)");
  engine_switch("--no-quarantine", "NETHICAL_ENABLE_QUARANTINE", "false", "");
  engine_switch("--taxonomy", "NETHICAL_ENABLE_ETHICAL_TAXONOMY", "true",
                "ethical-taxonomy tags of violations (default on)");
  engine_switch("--no-taxonomy", "NETHICAL_ENABLE_ETHICAL_TAXONOMY", "false", "");
  engine_switch("--sla", "NETHICAL_ENABLE_SLA_MONITORING", "true",
                "in-engine SLA monitor of evaluation time (default on)");
  engine_switch("--no-sla", "NETHICAL_ENABLE_SLA_MONITORING", "false", "");
  engine_switch("--correlation", "NETHICAL_ENABLE_CORRELATION", "true",
                "correlation engine, informational (default off)");
  engine_switch("--no-correlation", "NETHICAL_ENABLE_CORRELATION", "false", "");
  engine_value("--data-residency-policy", "{EU_GDPR,US_CCPA,AI_ACT,GLOBAL_DEFAULT}",
               "NETHICAL_DATA_RESIDENCY_POLICY",
               "check each action's region against --region-id (default none)");
  engine_switch("--quota", "NETHICAL_ENABLE_QUOTA", "true", "quota enforcement (default off)");
  engine_switch("--no-quota", "NETHICAL_ENABLE_QUOTA", "false", "");
  engine_value("--privacy-mode", "{standard,differential,none}", "NETHICAL_PRIVACY_MODE",
               "privacy mode (default none)");
  engine_value("--redaction-policy", "{minimal,standard,aggressive}", "NETHICAL_REDACTION_POLICY",
               "redaction policy (default standard)");
  engine_value("--requests-per-second", "R", "NETHICAL_REQUESTS_PER_SECOND",
               "quota limit per agent/cohort/tenant (default 1000)");
  engine_value("--shared-state", "redis://HOST:PORT[/DB]", "NETHICAL_SHARED_STATE",
               "keep the quota buckets in Redis, shared with every process using it (docs/scale-out.md)");
  engine_value("--shared-state-failure", "{open,closed}", "NETHICAL_SHARED_STATE_FAILURE",
               "when Redis is unreachable: admit (open, default) or block (closed), counted");
  engine_switch("--shared-risk", "NETHICAL_SHARED_RISK", "true",
                "keep each agent's risk in the --shared-state server, shared with every process using it");
  engine_switch("--shared-quarantine", "NETHICAL_SHARED_QUARANTINE", "true",
                "keep the quarantine list in the --shared-state server, shared with every process using it");
  f.Value("--output", "FILE", "a non-empty path", "per-action CSV (default perf_results.csv)",
          [&](string_view v) { return NonEmpty(v, &o.output) && (o.output_given = true); });
  f.Switch("--no-output", "write no per-action CSV", [&] { o.output.clear(), o.output_given = true; });
  f.Switch("--include-pii-test", "append a synthetic email to every 10th action of an agent",
           [&] { o.include_pii_test = true; });
  f.Switch("--include-error-details", "CSV error column \"Class: message\" instead of \"Class\"",
           [&] { o.include_error_details = true; });
  f.Value("--stagger-ms", "MS", "an integer in [-900000, 900000] (negative values count as 0)",
          "agent i starts min(i*MS, 1000) ms late (default 0)", [&](string_view v) {
            return ParseInt(v, -kMaxStaggerMs, kMaxStaggerMs, &o.stagger_ms) &&
                   (o.stagger_ms = std::max<int64_t>(0, o.stagger_ms), true);
          });
  f.Value("--seed", "N", "an unsigned 64-bit integer",
          "seed of the workload and arrivals (default random, reported)", [&](string_view v) {
            uint64_t x = 0;
            auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
            return ec == std::errc() && end == v.data() + v.size() && (o.seed = x, true);
          });
  f.Value("--max-workers", "N", "an integer in [1, 4096]", "worker threads (default one per core)",
          [&](string_view v) { return ParseInt(v, 1, 4096, &o.max_workers); });
  f.Value("--env-file", "FILE", "a non-empty path", "NETHICAL_* settings (below the environment and flags)",
          [&](string_view v) { return NonEmpty(v, &o.env_file); });

  f.Section("Pacing and workload");
  f.Value("--arrival", "{even,poisson}", "one of even|poisson", "send spacing (default even)",
          [&](string_view v) { return ParseChoice(v, kArrivals, &o.arrival); });
  f.Value("--workload", "{mixed,seed-compat,file}", "one of mixed|seed-compat|file",
          "synthetic actions, or file (needs --workload-file) (default mixed)",
          [&](string_view v) { return ParseChoice(v, kWorkloads, &o.workload); });
  f.Value("--workload-file", "FILE", "a non-empty path", "replay JSONL actions, one per line, cycled",
          [&](string_view v) {
            return NonEmpty(v, &o.workload_file) && (o.workload = WorkloadKind::kFile, true);
          });
  f.Value("--pii-share", "F", "a number in [0, 1]", "mixed workload: share of texts with PII (default 0.1)",
          [&](string_view v) { return ParseNumber(v, 0, true, 1, &o.pii_share); });
  f.Value("--trigger-share", "F", "a number in [0, 1]",
          "mixed workload: share of texts tripping detectors (default 0.05)",
          [&](string_view v) { return ParseNumber(v, 0, true, 1, &o.trigger_share); });
  f.Switch("--inject-anomalies",
           "mixed workload: seeded labelled anomalies (2 agent bursts at 10x, 2 sequence switches, "
           "1 cohort drift) measured in the quality block",
           [&] { o.inject_anomalies = true; });
  f.Value("--profile", "{constant,ramp,step,spike}", "one of constant|ramp|step|spike",
          "rate over time (default constant)",
          [&](string_view v) { return ParseChoice(v, kProfiles, &o.profile); });
  f.Value("--ramp-from-rps", "R", "a number >= 0 and <= 1e8", "ramp: starting rate (default 0)",
          [&](string_view v) { return ParseNumber(v, 0, true, kMaxRate, &o.ramp_from_rps); });
  f.Value("--ramp-seconds", "S", "a number of seconds in (0, 2678400]",
          "ramp: seconds to reach --rps (default: the whole duration)",
          [&](string_view v) { return ParseOptionalNumber(v, 0, false, kMaxSeconds, &o.ramp_seconds); });
  f.Value("--steps", "N", "an integer in [1, 1000]", "step: equal slices at rps*i/N (default 5)",
          [&](string_view v) { return ParseInt(v, 1, 1000, &o.steps); });
  f.Value("--spike-multiplier", "M", "a number > 0 and <= 1000", "spike: rate multiplier (default 5)",
          [&](string_view v) { return ParseNumber(v, 0, false, 1000, &o.spike_multiplier); });
  f.Value("--spike-at-seconds", "S", "a number of seconds in [0, 2678400]",
          "spike: start (default duration/2)",
          [&](string_view v) { return ParseOptionalNumber(v, 0, true, kMaxSeconds, &o.spike_at_s); });
  f.Value("--spike-seconds", "S", "a number of seconds in (0, 2678400]",
          "spike: length (default duration/10)",
          [&](string_view v) { return ParseOptionalNumber(v, 0, false, kMaxSeconds, &o.spike_seconds); });
  f.Value("--late-ms", "MS", "a number in [0, 1e9]",
          "a send starting later than this after its time is late (default 1)",
          [&](string_view v) { return ParseNumber(v, 0, true, kMaxMilliseconds, &o.late_ms); });
  f.Value("--spin-us", "US", "a number in [0, 10000]",
          "spin instead of sleeping this close to a send (default 50)",
          [&](string_view v) { return ParseNumber(v, 0, true, 10000, &o.spin_us); });

  f.Section("Reports and gates");
  f.Switch("--progress", "live progress line on stderr (default: when stderr is a terminal)",
           [&] { o.progress = true; });
  f.Switch("--no-progress", "", [&] { o.progress = false; });
  f.Value("--json-summary", "FILE", "a non-empty path", "write the summary as JSON (docs/loadgen.md)",
          [&](string_view v) { return NonEmpty(v, &o.json_summary); });
  f.Value("--hdr-log", "FILE", "a non-empty path",
          "write HdrHistogram's interval log, one interval a second (docs/scale-out.md)",
          [&](string_view v) { return NonEmpty(v, &o.hdr_log); });
  f.Value("--coordinate", "redis://HOST:PORT[/DB]", "redis://HOST:PORT[/DB] (PORT 1..65535, DB 0..15)",
          "start with the other processes of --run-id at one instant and publish the result there "
          "(docs/scale-out.md)",
          [&](string_view v) { return shared_state::ParseRedisUrl(v).ok() && (o.coordinate = v, true); });
  f.Value("--run-id", "ID", "1..64 characters of [A-Za-z0-9._-]",
          "coordinated run: its id (new for every run)",
          [&](string_view v) { return IsValidRunId(v) && (o.run_id = v, true); });
  f.Value("--expect", "N", "an integer in [1, 10000]", "coordinated run: how many processes take part",
          [&](string_view v) { return ParseInt(v, 1, 10000, &o.expect); });
  f.Value("--coordinate-timeout", "S", "a number of seconds in (0, 86400]",
          "coordinated run: how long to wait for the others (default 120)",
          [&](string_view v) { return ParseNumber(v, 0, false, 86400, &o.coordinate_timeout_s); });
  f.Value("--timeseries", "FILE", "a non-empty path",
          "write the per-second time series as CSV (docs/observability.md)",
          [&](string_view v) { return NonEmpty(v, &o.timeseries); });
  f.Value("--html-report", "FILE", "a non-empty path",
          "write a self-contained HTML report with charts (docs/observability.md)",
          [&](string_view v) { return NonEmpty(v, &o.html_report); });
  f.Value("--stage-sample", "N", "an integer in [0, 1000000]",
          "time the engine's stages on 1 action in N, 0 = off (default 16; docs/observability.md)",
          [&](string_view v) { return ParseInt(v, 0, 1'000'000, &o.stage_sample); });
  f.Value("--metrics-port", "P", "an integer in [0, 65535]",
          "serve Prometheus metrics at http://BIND:P/metrics during the run (0: any free port, printed)",
          [&](string_view v) {
            int port = 0;
            return ParseInt(v, 0, 65535, &port) && (o.metrics_port = port, true);
          });
  f.Value("--metrics-bind", "ADDR", "a numeric IPv4 or IPv6 address",
          "address of the metrics endpoint (default 127.0.0.1)",
          [&](string_view v) { return IpAddress(v, &o.metrics_bind); });
  f.Value("--slo-p95-ms", "MS", "a number in (0, 1e9]", "SLO: response-time p95 below this (default 200)",
          [&](string_view v) { return ParseNumber(v, 0, false, kMaxMilliseconds, &o.slo.p95_ms); });
  f.Value("--slo-p99-ms", "MS", "a number in (0, 1e9]", "SLO: response-time p99 below this (default 500)",
          [&](string_view v) { return ParseNumber(v, 0, false, kMaxMilliseconds, &o.slo.p99_ms); });
  f.Value("--slo-rate-tolerance", "F", "a number in (0, 1]",
          "SLO: achieved rate within this share of target (default 0.1)",
          [&](string_view v) { return ParseNumber(v, 0, false, 1, &o.slo.rate_tolerance); });
  f.Value("--slo-error-rate", "F", "a number in (0, 1]", "SLO: error rate below this (default 0.01)",
          [&](string_view v) { return ParseNumber(v, 0, false, 1, &o.slo.error_rate); });
  f.Switch("--find-max", "search the highest --rps that meets every SLO", [&] { o.find_max = true; });
  f.Value("--find-max-trial-seconds", "S", "a number of seconds in (0, 2678400]",
          "find-max: length of each trial (default 10)",
          [&](string_view v) { return ParseNumber(v, 0, false, kMaxSeconds, &o.find_max_trial_s); });
  f.Value("--find-max-precision", "F", "a number in (0, 1)",
          "find-max: stop when the bracket is this narrow (default 0.05)", [&](string_view v) {
            return ParseNumber(v, 0, false, 1, &o.find_max_precision) && o.find_max_precision < 1;
          });
  f.Value("--find-max-limit-rps", "R", "a number > 0 and <= 1e8",
          "find-max: highest rate tried (default 1e7)",
          [&](string_view v) { return ParseNumber(v, 0, false, kMaxRate, &o.find_max_limit_rps); });
  f.Value("--evaluator", "{engine,null}", "one of engine|null",
          "what evaluates actions: the engine, or nothing (generator overhead only) (default engine)",
          [&](string_view v) { return ParseChoice(v, kEvaluators, &o.evaluator); });
  f.Switch("--help", "this text", [&] { o.help = true; });
  f.Switch("--version", "build version and exit", [&] { o.version = true; });
}

// Rules between flags, checked once all are read.
Status CheckCombinations(const LoadOptions& o) {
  if (o.workload == WorkloadKind::kFile && o.workload_file.empty())
    return InvalidArgument("--workload=file: needs --workload-file FILE");
  if (o.pii_share + o.trigger_share > 1)
    return InvalidArgument("--pii-share + --trigger-share = " +
                           std::to_string(o.pii_share + o.trigger_share) + ": must be <= 1");
  if (o.spike_at_s && *o.spike_at_s >= o.duration_s)
    return InvalidArgument("--spike-at-seconds=" + std::to_string(*o.spike_at_s) +
                           ": must be < --duration (" + std::to_string(o.duration_s) + ")");
  if (o.inject_anomalies && o.workload != WorkloadKind::kMixed)
    return InvalidArgument(
        std::string("--inject-anomalies: needs --workload mixed (got ") +
        (o.workload == WorkloadKind::kFile ? "--workload-file" : "--workload seed-compat") + ")");
  if (o.metrics_bind != "127.0.0.1" && !o.metrics_port)
    return InvalidArgument("--metrics-bind=" + o.metrics_bind + ": needs --metrics-port");
  if (!o.coordinate.empty() && (o.run_id.empty() || o.expect == 0))
    return InvalidArgument("--coordinate: needs --run-id ID and --expect N");
  if (o.coordinate.empty() && (!o.run_id.empty() || o.expect != 0))
    return InvalidArgument(std::string(o.run_id.empty() ? "--expect" : "--run-id") +
                           ": needs --coordinate URL");
  if (!o.coordinate.empty() && o.find_max)
    return InvalidArgument("--coordinate: not with --find-max (one coordinated run, one start)");
  if (o.find_max && o.profile != ProfileKind::kConstant)
    return InvalidArgument("--find-max: works with --profile constant only");
  if (o.find_max && o.find_max_limit_rps <= o.rps)
    return InvalidArgument("--find-max-limit-rps=" + std::to_string(o.find_max_limit_rps) +
                           ": must be > --rps (" + std::to_string(o.rps) + ")");
  return Status::Ok();
}

}  // namespace

string_view ArrivalName(Arrival a) { return kArrivals[static_cast<int>(a)]; }
string_view WorkloadName(WorkloadKind w) { return kWorkloads[static_cast<int>(w)]; }
string_view ProfileName(ProfileKind p) { return kProfiles[static_cast<int>(p)]; }
string_view EvaluatorName(EvaluatorKind e) { return kEvaluators[static_cast<int>(e)]; }

std::string OutputPath(const LoadOptions& o, const std::string& region_id) {
  if (o.output_given || region_id.empty()) return o.output;
  std::string region = region_id;
  std::replace_if(
      region.begin(), region.end(), [](char c) { return c == '/' || c == '\\' || c == ' '; }, '_');
  return "perf_results." + region + ".csv";
}

StatusOr<LoadOptions> ParseLoadOptions(const std::vector<std::string>& args) {
  LoadOptions o;
  FlagParser flags(kPreamble);
  DeclareFlags(flags, o);
  if (Status s = flags.Parse(args); !s.ok()) return s;
  o.command_line = args;
  if (Status s = CheckCombinations(o); !s.ok()) return s;
  return o;
}

std::string LoadOptionsHelp() {
  LoadOptions unused;
  FlagParser flags(kPreamble);
  DeclareFlags(flags, unused);
  return flags.Help();
}

}  // namespace nethical::loadgen
