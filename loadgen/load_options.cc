#include "loadgen/load_options.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>

#include "engine/base/shown_value.h"

namespace nethical::loadgen {
namespace {

using std::string_view;

// A flag: how it is spelled, what it takes, and how it sets LoadOptions.
// `apply` returns false when the value is not allowed; the error then reads
// "<name>=<value>: must be <allowed>".
struct FlagSpec {
  string_view name;
  string_view arg;      // metavariable in --help; empty for a switch
  string_view allowed;  // completes "must be ..."
  string_view help;
  bool (*apply)(LoadOptions& o, string_view value, string_view name);
};

bool ParseInt(string_view v, int64_t lo, int64_t hi, int64_t* out) {
  int64_t x = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || end != v.data() + v.size() || x < lo || x > hi) return false;
  *out = x;
  return true;
}

// A finite number with lo < x (or lo <= x when lo_inclusive) and x <= hi.
bool ParseNumber(string_view v, double lo, bool lo_inclusive, double hi, double* out) {
  double x = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (v.empty() || ec != std::errc() || end != v.data() + v.size() || !std::isfinite(x)) return false;
  if (lo_inclusive ? x < lo : x <= lo) return false;
  if (x > hi) return false;
  *out = x;
  return true;
}

template <typename E, size_t N>
bool ParseChoice(string_view v, const string_view (&names)[N], E* out) {
  for (size_t i = 0; i < N; ++i)
    if (v == names[i]) return *out = static_cast<E>(i), true;
  return false;
}

bool EngineFlagValue(LoadOptions& o, string_view key, string_view value, string_view name) {
  o.engine_flags.push_back({std::string(key), std::string(value), std::string(name)});
  return true;
}

constexpr string_view kArrivals[] = {"even", "poisson"};
constexpr string_view kWorkloads[] = {"mixed", "seed-compat", "file"};
constexpr string_view kProfiles[] = {"constant", "ramp", "step", "spike"};
constexpr string_view kEvaluators[] = {"engine", "null"};
// No time flag can overflow int64 nanoseconds: not the longest duration
// with its send grace (10 %) and the 1 s stagger cap, nor the largest
// stagger times the largest agent index, nor any millisecond flag.
static_assert(kMaxSeconds * 2 * 1e9 < 9.2e18);
static_assert(kMaxStaggerMs * 1'000'000 <= INT64_MAX / kMaxAgents);
static_assert(kMaxMilliseconds * 1e6 < 9.2e18);

#define ENGINE_SWITCH(flag, key, value, help) \
  {flag, "", "", help, [](LoadOptions& o, string_view, string_view n) { return EngineFlagValue(o, key, value, n); }}
#define ENGINE_VALUE(flag, arg, key, help) \
  {flag, arg, "", help, [](LoadOptions& o, string_view v, string_view n) { return EngineFlagValue(o, key, v, n); }}

const std::vector<FlagSpec>& Flags() {
  static const std::vector<FlagSpec> kFlags = {
      // The original's flags.
      {"--agents", "N", "an integer in [1, 10000000]", "simulated agents (default 100)",
       [](LoadOptions& o, string_view v, string_view) {
         int64_t x;
         return ParseInt(v, 1, kMaxAgents, &x) && (o.agents = static_cast<uint32_t>(x), true);
       }},
      {"--rps", "R", "a number > 0 and <= 1e8", "target aggregate actions per second (default 50)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, false, kMaxRate, &o.rps); }},
      {"--duration", "S", "a number of seconds in (0, 2678400]", "run length in seconds (default 60)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, false, kMaxSeconds, &o.duration_s); }},
      {"--cohort", "NAME", "a non-empty string", "cohort of every action (default load-test)",
       [](LoadOptions& o, string_view v, string_view) { return !v.empty() && (o.cohort = v, true); }},
      ENGINE_VALUE("--storage-dir", "DIR", "NETHICAL_STORAGE_DIR", "engine storage (default ./nethical_perf)"),
      ENGINE_VALUE("--region-id", "ID", "NETHICAL_REGION_ID", "region of this process (default none)"),
      ENGINE_VALUE("--logical-domain", "NAME", "NETHICAL_LOGICAL_DOMAIN", "logical domain (default none)"),
      ENGINE_SWITCH("--shadow", "NETHICAL_ENABLE_SHADOW_MODE", "true", "shadow ML scoring (default on)"),
      ENGINE_SWITCH("--no-shadow", "NETHICAL_ENABLE_SHADOW_MODE", "false", ""),
      ENGINE_SWITCH("--ml-blend", "NETHICAL_ENABLE_ML_BLENDING", "true", "ML blending (default off)"),
      ENGINE_SWITCH("--no-ml-blend", "NETHICAL_ENABLE_ML_BLENDING", "false", ""),
      ENGINE_SWITCH("--anomaly", "NETHICAL_ENABLE_ANOMALY_DETECTION", "true", "anomaly detection (default off)"),
      ENGINE_SWITCH("--no-anomaly", "NETHICAL_ENABLE_ANOMALY_DETECTION", "false", ""),
      ENGINE_SWITCH("--merkle", "NETHICAL_ENABLE_MERKLE", "true", "Merkle-anchored audit log (default on)"),
      ENGINE_SWITCH("--no-merkle", "NETHICAL_ENABLE_MERKLE", "false", ""),
      ENGINE_SWITCH("--quota", "NETHICAL_ENABLE_QUOTA", "true", "quota enforcement (default off)"),
      ENGINE_SWITCH("--no-quota", "NETHICAL_ENABLE_QUOTA", "false", ""),
      ENGINE_VALUE("--privacy-mode", "{standard,differential,none}", "NETHICAL_PRIVACY_MODE",
                   "privacy mode (default none)"),
      ENGINE_VALUE("--redaction-policy", "{minimal,standard,aggressive}", "NETHICAL_REDACTION_POLICY",
                   "redaction policy (default standard)"),
      ENGINE_VALUE("--requests-per-second", "R", "NETHICAL_REQUESTS_PER_SECOND",
                   "quota limit per agent/cohort/tenant (default 1000)"),
      {"--output", "FILE", "a non-empty path", "per-action CSV (default perf_results.csv; --no-output: none)",
       [](LoadOptions& o, string_view v, string_view) {
         return !v.empty() && (o.output = v, o.output_given = true, true);
       }},
      {"--no-output", "", "", "",
       [](LoadOptions& o, string_view, string_view) { return o.output.clear(), o.output_given = true, true; }},
      {"--include-pii-test", "", "", "append a synthetic email to every 10th action of an agent",
       [](LoadOptions& o, string_view, string_view) { return o.include_pii_test = true; }},
      {"--include-error-details", "", "", "CSV error column \"Class: message\" instead of \"Class\"",
       [](LoadOptions& o, string_view, string_view) { return o.include_error_details = true; }},
      {"--stagger-ms", "MS", "an integer in [-900000, 900000] (negative values count as 0)",
       "agent i starts min(i*MS, 1000) ms late (default 0)",
       [](LoadOptions& o, string_view v, string_view) {
         return ParseInt(v, -kMaxStaggerMs, kMaxStaggerMs, &o.stagger_ms) &&
                (o.stagger_ms = std::max<int64_t>(0, o.stagger_ms), true);
       }},
      {"--seed", "N", "an unsigned 64-bit integer", "seed of the workload and arrivals (default random, reported)",
       [](LoadOptions& o, string_view v, string_view) {
         uint64_t x = 0;
         auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
         return ec == std::errc() && end == v.data() + v.size() && (o.seed = x, true);
       }},
      {"--max-workers", "N", "an integer in [1, 4096]", "worker threads (default one per core)",
       [](LoadOptions& o, string_view v, string_view) {
         int64_t x;
         return ParseInt(v, 1, 4096, &x) && (o.max_workers = static_cast<int>(x), true);
       }},
      {"--env-file", "FILE", "a non-empty path", "NETHICAL_* settings (below the environment and flags)",
       [](LoadOptions& o, string_view v, string_view) { return !v.empty() && (o.env_file = v, true); }},
      // Pacing and workload.
      {"--arrival", "{even,poisson}", "one of even|poisson", "send spacing (default even)",
       [](LoadOptions& o, string_view v, string_view) { return ParseChoice(v, kArrivals, &o.arrival); }},
      {"--workload", "{mixed,seed-compat}", "one of mixed|seed-compat|file", "synthetic actions (default mixed)",
       [](LoadOptions& o, string_view v, string_view) { return ParseChoice(v, kWorkloads, &o.workload); }},
      {"--workload-file", "FILE", "a non-empty path", "replay JSONL actions, one per line, cycled",
       [](LoadOptions& o, string_view v, string_view) {
         return !v.empty() && (o.workload_file = v, o.workload = WorkloadKind::kFile, true);
       }},
      {"--pii-share", "F", "a number in [0, 1]", "mixed workload: share of texts with PII (default 0.1)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, true, 1, &o.pii_share); }},
      {"--trigger-share", "F", "a number in [0, 1]", "mixed workload: share of texts tripping detectors (default 0.05)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, true, 1, &o.trigger_share); }},
      {"--inject-anomalies", "", "",
       "mixed workload: seeded labelled anomalies (2 agent bursts at 10x, 2 sequence switches, "
       "1 cohort drift) measured in the quality block",
       [](LoadOptions& o, string_view, string_view) { return o.inject_anomalies = true; }},
      {"--profile", "{constant,ramp,step,spike}", "one of constant|ramp|step|spike", "rate over time (default constant)",
       [](LoadOptions& o, string_view v, string_view) { return ParseChoice(v, kProfiles, &o.profile); }},
      {"--ramp-from-rps", "R", "a number >= 0 and <= 1e8", "ramp: starting rate (default 0)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, true, kMaxRate, &o.ramp_from_rps); }},
      {"--ramp-seconds", "S", "a number of seconds in (0, 2678400]", "ramp: seconds to reach --rps (default: the whole duration)",
       [](LoadOptions& o, string_view v, string_view) {
         double x;
         return ParseNumber(v, 0, false, kMaxSeconds, &x) && (o.ramp_seconds = x, true);
       }},
      {"--steps", "N", "an integer in [1, 1000]", "step: equal slices at rps*i/N (default 5)",
       [](LoadOptions& o, string_view v, string_view) {
         int64_t x;
         return ParseInt(v, 1, 1000, &x) && (o.steps = static_cast<int>(x), true);
       }},
      {"--spike-multiplier", "M", "a number > 0 and <= 1000", "spike: rate multiplier (default 5)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, false, 1000, &o.spike_multiplier); }},
      {"--spike-at-seconds", "S", "a number of seconds in [0, 2678400]", "spike: start (default duration/2)",
       [](LoadOptions& o, string_view v, string_view) {
         double x;
         return ParseNumber(v, 0, true, kMaxSeconds, &x) && (o.spike_at_s = x, true);
       }},
      {"--spike-seconds", "S", "a number of seconds in (0, 2678400]", "spike: length (default duration/10)",
       [](LoadOptions& o, string_view v, string_view) {
         double x;
         return ParseNumber(v, 0, false, kMaxSeconds, &x) && (o.spike_seconds = x, true);
       }},
      {"--late-ms", "MS", "a number in [0, 1e9]", "a send starting later than this after its time is late (default 1)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, true, kMaxMilliseconds, &o.late_ms); }},
      {"--spin-us", "US", "a number in [0, 10000]", "spin instead of sleeping this close to a send (default 50)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, true, 10000, &o.spin_us); }},
      // Reports and gates.
      {"--progress", "", "", "live progress line on stderr (default: when stderr is a terminal)",
       [](LoadOptions& o, string_view, string_view) { return o.progress = true, true; }},
      {"--no-progress", "", "", "",
       [](LoadOptions& o, string_view, string_view) { return o.progress = false, true; }},
      {"--json-summary", "FILE", "a non-empty path", "write the summary as JSON (docs/loadgen.md)",
       [](LoadOptions& o, string_view v, string_view) { return !v.empty() && (o.json_summary = v, true); }},
      {"--slo-p95-ms", "MS", "a number in (0, 1e9]", "SLO: response-time p95 below this (default 200)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, false, kMaxMilliseconds, &o.slo.p95_ms); }},
      {"--slo-p99-ms", "MS", "a number in (0, 1e9]", "SLO: response-time p99 below this (default 500)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, false, kMaxMilliseconds, &o.slo.p99_ms); }},
      {"--slo-rate-tolerance", "F", "a number in (0, 1]", "SLO: achieved rate within this share of target (default 0.1)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, false, 1, &o.slo.rate_tolerance); }},
      {"--slo-error-rate", "F", "a number in (0, 1]", "SLO: error rate below this (default 0.01)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, false, 1, &o.slo.error_rate); }},
      {"--find-max", "", "", "search the highest --rps that meets every SLO",
       [](LoadOptions& o, string_view, string_view) { return o.find_max = true; }},
      {"--find-max-trial-seconds", "S", "a number of seconds in (0, 2678400]", "find-max: length of each trial (default 10)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, false, kMaxSeconds, &o.find_max_trial_s); }},
      {"--find-max-precision", "F", "a number in (0, 1)", "find-max: stop when the bracket is this narrow (default 0.05)",
       [](LoadOptions& o, string_view v, string_view) {
         return ParseNumber(v, 0, false, 1, &o.find_max_precision) && o.find_max_precision < 1;
       }},
      {"--find-max-limit-rps", "R", "a number > 0 and <= 1e8", "find-max: highest rate tried (default 1e7)",
       [](LoadOptions& o, string_view v, string_view) { return ParseNumber(v, 0, false, kMaxRate, &o.find_max_limit_rps); }},
      {"--evaluator", "{engine,null}", "one of engine|null",
       "what evaluates actions: the engine, or nothing (generator overhead only) (default engine)",
       [](LoadOptions& o, string_view v, string_view) { return ParseChoice(v, kEvaluators, &o.evaluator); }},
      {"--help", "", "", "this text", [](LoadOptions& o, string_view, string_view) { return o.help = true; }},
      {"--version", "", "", "build version and exit",
       [](LoadOptions& o, string_view, string_view) { return o.version = true; }},
  };
  return kFlags;
}

#undef ENGINE_SWITCH
#undef ENGINE_VALUE

size_t EditDistance(string_view a, string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
      diag = up;
    }
  }
  return row[b.size()];
}

Status UnknownFlag(string_view name) {
  const FlagSpec* best = nullptr;
  size_t best_distance = 4;  // suggest only close matches
  // No flag is 64 bytes long: a longer name has no close match (and a
  // 50 MB one must not cost an edit distance per flag).
  for (const FlagSpec& f : Flags()) {
    if (name.size() > 64) break;
    const size_t d = EditDistance(name, f.name);
    if (d < best_distance) best = &f, best_distance = d;
  }
  std::string m = "unknown flag " + ShownValue(name);
  if (best != nullptr) m += "; did you mean " + std::string(best->name) + "?";
  return InvalidArgument(m + " (see --help)");
}

// Rules between flags, checked once all are read.
Status CheckCombinations(const LoadOptions& o) {
  if (o.workload == WorkloadKind::kFile && o.workload_file.empty())
    return InvalidArgument("--workload=file: needs --workload-file FILE");
  if (o.pii_share + o.trigger_share > 1)
    return InvalidArgument("--pii-share + --trigger-share = " + std::to_string(o.pii_share + o.trigger_share) +
                           ": must be <= 1");
  if (o.spike_at_s && *o.spike_at_s >= o.duration_s)
    return InvalidArgument("--spike-at-seconds=" + std::to_string(*o.spike_at_s) + ": must be < --duration (" +
                           std::to_string(o.duration_s) + ")");
  if (o.inject_anomalies && o.workload != WorkloadKind::kMixed)
    return InvalidArgument(std::string("--inject-anomalies: needs --workload mixed (got ") +
                           (o.workload == WorkloadKind::kFile ? "--workload-file" : "--workload seed-compat") + ")");
  if (o.find_max && o.profile != ProfileKind::kConstant)
    return InvalidArgument("--find-max: works with --profile constant only");
  if (o.find_max && o.find_max_limit_rps <= o.rps)
    return InvalidArgument("--find-max-limit-rps=" + std::to_string(o.find_max_limit_rps) +
                           ": must be > --rps (" + std::to_string(o.rps) + ")");
  return Status::Ok();
}

}  // namespace

std::string OutputPath(const LoadOptions& o, const std::string& region_id) {
  if (o.output_given || region_id.empty()) return o.output;
  std::string region = region_id;
  std::replace_if(region.begin(), region.end(), [](char c) { return c == '/' || c == '\\' || c == ' '; }, '_');
  return "perf_results." + region + ".csv";
}

StatusOr<LoadOptions> ParseLoadOptions(const std::vector<std::string>& args) {
  LoadOptions o;
  o.command_line = args;
  for (size_t i = 0; i < args.size(); ++i) {
    string_view arg = args[i];
    if (arg.size() < 3 || arg.substr(0, 2) != "--")
      return InvalidArgument("unexpected argument '" + ShownValue(arg) + "' (flags start with --; see --help)");
    const size_t eq = arg.find('=');
    const string_view name = arg.substr(0, eq);
    const auto& flags = Flags();
    auto it = std::find_if(flags.begin(), flags.end(), [&](const FlagSpec& f) { return f.name == name; });
    if (it == flags.end()) return UnknownFlag(name);
    std::string value;
    if (it->arg.empty()) {
      if (eq != string_view::npos)
        return InvalidArgument(ShownValue(arg) + ": " + std::string(name) + " takes no value");
    } else if (eq != string_view::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return InvalidArgument(std::string(name) + ": missing value" +
                             (it->allowed.empty() ? "" : " (must be " + std::string(it->allowed) + ")"));
    }
    if (!it->apply(o, value, name))
      return InvalidArgument(std::string(name) + "=" + ShownValue(value) + ": must be " + std::string(it->allowed));
  }
  if (Status s = CheckCombinations(o); !s.ok()) return s;
  return o;
}

std::string LoadOptionsHelp() {
  std::string h =
      "Usage: generate_load [flags]\n"
      "Open-loop load generator for the Nethical governance engine.\n"
      "Exit status: 0 all SLOs pass, 1 an SLO fails (or no action completed), 2 usage error,\n"
      "3 interrupted (SIGINT, SIGTERM or SIGHUP before the schedule ended; the partial run is\n"
      "reported and its CSV completed), 128+N a second signal N (exit at once).\n"
      "Sending stops at the scheduled span + max(1 s, 10 %); sends left are counted as not sent.\n"
      "Output files (CSV, JSON summary) are created with mode 0600.\n"
      "Engine settings: --flags override NETHICAL_* environment variables, which\n"
      "override --env-file; see docs/config.md for every NETHICAL_* key.\n\n";
  for (const FlagSpec& f : Flags()) {
    if (f.help.empty()) continue;  // the --no-X half of a switch pair
    std::string left = "  " + std::string(f.name);
    if (!f.arg.empty()) left += " " + std::string(f.arg);
    const std::string negation = "--no-" + std::string(f.name.substr(2));
    const bool has_negation = std::any_of(Flags().begin(), Flags().end(),
                                          [&](const FlagSpec& g) { return g.name == negation; });
    if (has_negation) left += " / " + negation;
    if (left.size() < 34) left.resize(34, ' ');
    else left += "\n" + std::string(34, ' ');
    h += left + std::string(f.help) + "\n";
  }
  return h;
}

}  // namespace nethical::loadgen
