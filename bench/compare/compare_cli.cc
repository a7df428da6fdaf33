#include "bench/compare/compare_cli.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "bench/compare/benchmark_results.h"
#include "bench/compare/comparison.h"
#include "bench/compare/comparison_report.h"
#include "bench/compare/user_path.h"

namespace nethical::bench {
namespace {

constexpr char kUsage[] =
    "usage: compare [--threshold_pct=5] [--alpha=0.05] [--metric=cpu_time|real_time]\n"
    "               [--format=table|json] [--out=FILE] BASE.json NEW.json\n";

StatusOr<double> ParseNumber(const std::string& flag, const std::string& text) {
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || errno != 0 || !std::isfinite(value)) {
    return InvalidArgument(flag + "=" + text + ": not a number");
  }
  return value;
}

struct CliFlags {
  CompareOptions options;
  bool json = false;
  std::string out;
  std::vector<std::string> files;
};

StatusOr<CliFlags> ParseFlags(const std::vector<std::string>& args) {
  CliFlags flags;
  for (const std::string& arg : args) {
    if (arg.rfind("--", 0) != 0) {
      flags.files.push_back(arg);
      continue;
    }
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    const std::string value = eq == std::string::npos ? "" : arg.substr(eq + 1);
    if (name == "--threshold_pct") {
      auto pct = ParseNumber(name, value);
      if (!pct.ok()) return pct.status();
      flags.options.threshold = *pct / 100.0;
    } else if (name == "--alpha") {
      auto alpha = ParseNumber(name, value);
      if (!alpha.ok()) return alpha.status();
      flags.options.alpha = *alpha;
    } else if (name == "--metric") {
      if (value == "real_time") {
        flags.options.metric = TimeMetric::kRealTime;
      } else if (value == "cpu_time") {
        flags.options.metric = TimeMetric::kCpuTime;
      } else {
        return InvalidArgument(arg + ": allowed values are real_time, cpu_time");
      }
    } else if (name == "--format") {
      if (value != "table" && value != "json") return InvalidArgument(arg + ": allowed values are table, json");
      flags.json = value == "json";
    } else if (name == "--out") {
      if (value.empty()) return InvalidArgument("--out: needs a file name (--out=FILE)");
      flags.out = ResolveUserPath(value);
    } else {
      return InvalidArgument(arg + ": unknown flag");
    }
  }
  if (Status valid = ValidateCompareOptions(flags.options); !valid.ok()) return valid;
  if (flags.files.size() != 2) {
    return InvalidArgument("expected two result files (BASE.json NEW.json), got " +
                           std::to_string(flags.files.size()));
  }
  return flags;
}

}  // namespace

int RunCompareCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  auto flags = ParseFlags(args);
  if (!flags.ok()) {
    err << "compare: " << flags.status().message() << "\n" << kUsage;
    return kCompareUsageError;
  }
  ComparisonReport report;
  report.options = flags->options;
  BenchmarkResults results[2];
  ComparedFile* files[2] = {&report.base, &report.after};
  for (int i = 0; i < 2; ++i) {
    files[i]->path = ResolveUserPath(flags->files[i]);
    auto loaded = LoadBenchmarkResults(files[i]->path);
    if (!loaded.ok()) {
      err << "compare: " << loaded.status().message() << "\n";
      return kCompareUsageError;
    }
    results[i] = std::move(*loaded);
    files[i]->context = results[i].context;
    for (const std::string& name : results[i].errored) {
      err << "compare: warning: " << files[i]->path << ": benchmark " << name << " reported an error; skipped\n";
    }
  }
  report.comparisons = CompareResults(results[0], results[1], report.options);

  const std::string text = flags->json ? ToJson(report).dump(2) + "\n" : FormatTable(report);
  if (flags->out.empty()) {
    out << text;
  } else {
    std::ofstream file(flags->out);
    file << text;
    file.close();
    if (!file) {
      err << "compare: --out=" << flags->out << ": cannot write: " << std::strerror(errno) << "\n";
      return kCompareUsageError;
    }
  }
  return CountSlower(report.comparisons) == 0 ? kCompareNoSlowdown : kCompareSlowdown;
}

}  // namespace nethical::bench
