// Fuzzes generate_load's flag parser (loadgen/load_options.h). The input is
// split on NUL bytes into the arguments after argv[0]. Invariants:
//   * an accepted command line keeps every value within the range its flag
//     documents (--help), records the arguments as given, and turns engine
//     flags into NETHICAL_* settings;
//   * --flag=value and --flag value mean the same thing;
//   * an error is one line (user values escaped) and the parser is
//     deterministic.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "loadgen/load_options.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/fuzz_input.h"

namespace {

using nethical::loadgen::LoadOptions;

using nethical::fuzz::SplitOnNul;

bool In(double x, double lo, double hi) { return std::isfinite(x) && x >= lo && x <= hi; }

void CheckRanges(const LoadOptions& o) {
  FUZZ_CHECK(o.agents >= 1 && o.agents <= 10'000'000, "--agents out of range");
  FUZZ_CHECK(In(o.rps, 0, 1e8) && o.rps > 0, "--rps out of range");
  FUZZ_CHECK(In(o.duration_s, 0, 31 * 86400.0) && o.duration_s > 0, "--duration out of range");
  FUZZ_CHECK(!o.cohort.empty(), "empty --cohort accepted");
  FUZZ_CHECK(o.stagger_ms >= 0, "negative --stagger-ms kept");
  FUZZ_CHECK(o.max_workers >= 0 && o.max_workers <= 4096, "--max-workers out of range");
  FUZZ_CHECK(In(o.pii_share, 0, 1) && In(o.trigger_share, 0, 1) && o.pii_share + o.trigger_share <= 1,
             "--pii-share/--trigger-share out of range");
  FUZZ_CHECK(o.steps >= 1 && o.steps <= 1000, "--steps out of range");
  FUZZ_CHECK(In(o.spike_multiplier, 0, 1000) && o.spike_multiplier > 0, "--spike-multiplier out of range");
  FUZZ_CHECK(!o.spike_at_s || (*o.spike_at_s >= 0 && *o.spike_at_s < o.duration_s),
             "--spike-at-seconds out of range");
  FUZZ_CHECK(In(o.ramp_from_rps, 0, 1e8), "--ramp-from-rps out of range");
  FUZZ_CHECK(In(o.late_ms, 0, 1e9) && In(o.spin_us, 0, 10000), "--late-ms/--spin-us out of range");
  FUZZ_CHECK(In(o.slo.rate_tolerance, 0, 1) && o.slo.rate_tolerance > 0, "--slo-rate-tolerance out of range");
  FUZZ_CHECK(In(o.slo.error_rate, 0, 1) && o.slo.error_rate > 0, "--slo-error-rate out of range");
  FUZZ_CHECK(o.slo.p95_ms > 0 && o.slo.p99_ms > 0, "SLO latency out of range");
  FUZZ_CHECK(In(o.find_max_precision, 0, 1) && o.find_max_precision > 0 && o.find_max_precision < 1,
             "--find-max-precision out of range");
  FUZZ_CHECK(o.workload != nethical::loadgen::WorkloadKind::kFile || !o.workload_file.empty(),
             "--workload=file without a file accepted");
  FUZZ_CHECK(!o.find_max || o.find_max_limit_rps > o.rps, "--find-max-limit-rps not above --rps");
  for (const auto& f : o.engine_flags) {
    FUZZ_CHECK(f.key.rfind("NETHICAL_", 0) == 0, "an engine flag that is not a NETHICAL_* key: " + f.key);
    FUZZ_CHECK(f.flag.rfind("--", 0) == 0, "an engine flag without its flag name");
  }
}

// A summary of everything parsed, to compare two spellings.
std::string Fingerprint(const LoadOptions& o) {
  std::string s = std::to_string(o.agents) + "|" + std::to_string(o.rps) + "|" +
                  std::to_string(o.duration_s) + "|" + o.cohort + "|" + o.output + "|" + o.env_file + "|" +
                  o.workload_file + "|" + o.json_summary + "|" + std::to_string(o.stagger_ms) + "|" +
                  std::to_string(o.steps) + "|" + std::to_string(o.seed.value_or(0)) + "|" +
                  std::to_string(o.seed.has_value());
  for (const auto& f : o.engine_flags) s += "|" + f.key + "=" + f.value;
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::vector<std::string> args =
      SplitOnNul(std::string_view(reinterpret_cast<const char*>(data), size));
  auto parsed = nethical::loadgen::ParseLoadOptions(args);
  auto again = nethical::loadgen::ParseLoadOptions(args);
  FUZZ_CHECK(parsed.ok() == again.ok(), "the same arguments parsed twice gave different outcomes");
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.status().code() == nethical::StatusCode::kInvalidArgument,
               "a flag error must be InvalidArgument");
    FUZZ_CHECK(nethical::fuzz::IsOneLineMessage(parsed.status().message()),
               "error message is not one line: " + parsed.status().message());
    FUZZ_CHECK(parsed.status().message() == again.status().message(),
               "the same error worded twice differently");
    return 0;
  }
  CheckRanges(*parsed);
  FUZZ_CHECK(parsed->command_line == args, "command_line is not the arguments as given");

  // "--flag value" pairs written as "--flag=value": the same options. A
  // flag takes a value when it alone fails with "missing value".
  std::vector<std::string> joined;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.find('=') == std::string::npos && i + 1 < args.size() && a.rfind("--", 0) == 0) {
      std::vector<std::string> alone = {a};
      auto as_switch = nethical::loadgen::ParseLoadOptions(alone);
      // A switch parses alone; a valued flag needs its value.
      const bool takes_value =
          !as_switch.ok() && as_switch.status().message().find("missing value") != std::string::npos;
      if (takes_value) {
        joined.push_back(a + "=" + args[i + 1]);
        ++i;
        continue;
      }
    }
    joined.push_back(a);
  }
  auto rejoined = nethical::loadgen::ParseLoadOptions(joined);
  FUZZ_CHECK(rejoined.ok(), "--flag=value rejected where --flag value was accepted: " +
                                (rejoined.ok() ? std::string() : rejoined.status().message()));
  FUZZ_CHECK(Fingerprint(*rejoined) == Fingerprint(*parsed),
             "--flag=value and --flag value parse differently");
  return 0;
}
