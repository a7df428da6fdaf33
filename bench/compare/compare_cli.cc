#include "bench/compare/compare_cli.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <string_view>

#include "bench/compare/benchmark_results.h"
#include "bench/compare/comparison.h"
#include "bench/compare/comparison_report.h"
#include "bench/compare/user_path.h"
#include "engine/base/shown_value.h"
#include "engine/cli/flag_parser.h"
#include "engine/cli/flag_values.h"

namespace nethical::bench {
namespace {

constexpr char kPreamble[] =
    "Usage: compare [flags] BASE.json NEW.json\n"
    "Mann-Whitney U comparison of two Google Benchmark JSON files (repetitions per benchmark).\n"
    "Exit status: 0 no benchmark significantly slower, 1 at least one, 2 bad usage or unreadable input.\n";

// Any finite number: ValidateCompareOptions says which are allowed.
bool ParseNumber(std::string_view text, double* out) {
  constexpr double kMax = std::numeric_limits<double>::max();
  return cli::ParseNumber(text, -kMax, true, kMax, out);
}

struct CliFlags {
  CompareOptions options;
  bool json = false;
  bool help = false;
  std::string out;
  std::string files[2];
};

void DeclareFlags(cli::FlagParser& f, CliFlags& flags) {
  f.Value("--threshold_pct", "P", "a number", "fail on a median slowdown above P percent (default 5)",
          [&](std::string_view v) {
            double pct;
            return ParseNumber(v, &pct) && (flags.options.threshold = pct / 100.0, true);
          });
  f.Value("--alpha", "A", "a number", "... that is significant at level A (default 0.05)",
          [&](std::string_view v) { return ParseNumber(v, &flags.options.alpha); });
  f.Value("--metric", "{cpu_time,real_time}", "cpu_time or real_time", "the time compared (default cpu_time)",
          [&](std::string_view v) {
            if (v == "real_time") return flags.options.metric = TimeMetric::kRealTime, true;
            if (v == "cpu_time") return flags.options.metric = TimeMetric::kCpuTime, true;
            return false;
          });
  f.Value(
      "--format", "{table,json}", "table or json", "report form (default table; json: comparison_report.h)",
      [&](std::string_view v) { return (v == "table" || v == "json") && (flags.json = v == "json", true); });
  f.Value(
      "--out", "FILE", "a non-empty path", "write the report to FILE instead of stdout",
      [&](std::string_view v) { return !v.empty() && (flags.out = ResolveUserPath(std::string(v)), true); });
  f.Switch("--help", "this text", [&] { flags.help = true; });
  f.Positional("BASE.json", "a results file", "the baseline results", [&](std::string_view v) {
    flags.files[0] = v;
    return true;
  });
  f.Positional("NEW.json", "a results file", "the results to judge", [&](std::string_view v) {
    flags.files[1] = v;
    return true;
  });
}

}  // namespace

int RunCompareCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CliFlags flags;
  cli::FlagParser parser(kPreamble);
  DeclareFlags(parser, flags);
  Status parsed = parser.Parse(args);
  if (flags.help) {
    out << parser.Help();
    return kCompareNoSlowdown;
  }
  if (parsed.ok()) parsed = ValidateCompareOptions(flags.options);
  if (!parsed.ok()) {
    err << "compare: " << parsed.message() << "\n";
    return kCompareUsageError;
  }
  ComparisonReport report;
  report.options = flags.options;
  BenchmarkResults results[2];
  ComparedFile* files[2] = {&report.base, &report.after};
  for (int i = 0; i < 2; ++i) {
    files[i]->path = ResolveUserPath(flags.files[i]);
    auto loaded = LoadBenchmarkResults(files[i]->path);
    if (!loaded.ok()) {
      err << "compare: " << loaded.status().message() << "\n";
      return kCompareUsageError;
    }
    results[i] = std::move(*loaded);
    files[i]->context = results[i].context;
    for (const std::string& name : results[i].errored) {
      err << "compare: warning: " << files[i]->path << ": benchmark " << name
          << " reported an error; skipped\n";
    }
  }
  report.comparisons = CompareResults(results[0], results[1], report.options);

  const std::string text = flags.json ? ToJson(report).dump(2) + "\n" : FormatTable(report);
  if (flags.out.empty()) {
    out << text;
  } else {
    std::ofstream file(flags.out);
    file << text;
    file.close();
    if (!file) {
      err << "compare: --out=" << ShownPath(flags.out) << ": cannot write: " << std::strerror(errno) << "\n";
      return kCompareUsageError;
    }
  }
  return CountSlower(report.comparisons) == 0 ? kCompareNoSlowdown : kCompareSlowdown;
}

}  // namespace nethical::bench
